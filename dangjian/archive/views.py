"""Thin views for 文书档案."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.lib.office.names import DOCX, PDF, XLSX, download_name, download_response
from dangjian.orgs.selectors import org_get

from . import catalog, services
from .forms import DocumentForm
from .models import Category
from .selectors import document_get, documents_of


def _year(request):
    try:
        return int(request.GET.get("year") or clock.today().year)
    except ValueError:
        return clock.today().year


def home(request, code):
    org = org_get(request.user, code=code, manage=True)
    year = _year(request)
    category = request.GET.get("category", "")
    qs = documents_of(org, year, category=category)
    return render(
        request,
        "archive/home.html",
        {"org": org, "year": year, "docs": qs, "categories": Category.choices, "category": category},
    )


def new(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = DocumentForm(request.POST or None, request.FILES or None, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            doc = services.document_create(actor=request.user, org=org, files=[upload] if upload else [], **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记“{doc.title}”")
            return redirect(f"/archive/org/{org.code}/?year={doc.year}")
    return render(request, "appraisal/form.html", {"form": form, "title": f"登记文书档案 · {org.name}"})


@require_POST
def void(request, pk):
    doc = document_get(request.user, pk)
    try:
        services.document_void(actor=request.user, document=doc, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect(f"/archive/org/{doc.org.code}/?year={doc.year}")


CATALOG = {
    "xlsx": (catalog.catalog_xlsx, XLSX),
    "docx": (catalog.catalog_docx, DOCX),
    "pdf": (catalog.catalog_pdf, PDF),
}


def catalog_export(request, code, year, fmt):
    org = org_get(request.user, code=code, manage=True)
    if fmt not in CATALOG:
        raise Http404("没有这种格式")
    build, ctype = CATALOG[fmt]
    return download_response(build(org, year), download_name(org.name, year, "文书档案目录索引", fmt), ctype)


@require_POST
def freeze(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    try:
        docs = services.freeze_year(actor=request.user, org=org, year=year)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已将{year}年度{len(docs)}份名册归档")
    return redirect(f"/archive/org/{org.code}/?year={year}")

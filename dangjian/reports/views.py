"""Thin views: the reports home, the editable summary draft, its .docx, the dashboard, statistics .xlsx."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse

from dangjian.core.dbrouter import replica_reads
from dangjian.lib import clock
from dangjian.orgs.selectors import top_orgs

from . import drafting, services
from .dashboard import dashboard as build_dashboard
from .docx_export import paragraphs_docx
from .models import DraftKind
from .selectors import draft_for, report_org
from .years import YearRefused, check_year

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind(request) -> str:
    kind = request.GET.get("kind") or request.POST.get("kind") or DraftKind.SUMMARY
    if kind not in DraftKind.values:
        raise Http404("没有这种文稿")
    return kind


def _download(content: bytes, filename: str, mime: str) -> HttpResponse:
    from dangjian.lib.office.names import download_response

    return download_response(content, filename, mime)


def _refused(request, exc: YearRefused) -> HttpResponse:
    """A year no document can be true for: a plain Chinese page with the reason, status 400."""
    return HttpResponseBadRequest(render(request, "reports/year_refused.html", {"message": str(exc)}).content)


def _org_year(request, code, year):
    """The org in the user's scope (404 outside it) and the year checked (YearRefused)."""
    org = report_org(request.user, code)
    check_year(org, year)
    return org


def home(request):
    from .years import first_year

    year = clock.today().year
    orgs = top_orgs(request.user)
    for org in orgs:  # only the years a document can be made for: none before the org existed
        org.report_years = range(year, max(first_year(org), year - 4) - 1, -1)
    return render(request, "reports/home.html", {"orgs": orgs, "year": year})


def summary(request, code, year):
    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    kind = _kind(request)
    draft = draft_for(org, year, kind)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "regenerate" or draft is None:
                draft = services.draft_generate(actor=request.user, org=org, year=year, kind=kind)
                if request.POST.get("action") == "regenerate":
                    messages.success(request, "已根据最新记录重新生成草稿")
            if request.POST.get("action") != "regenerate":
                services.draft_save(actor=request.user, draft=draft, texts=request.POST.getlist("text"))
                messages.success(request, "草稿已保存")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(f"{reverse('reports:summary', args=[code, year])}?kind={kind}")
    fresh = drafting.draft(org, year, kind)  # the 检查提示 always follow the records as they are now
    paragraphs = draft.paragraphs if draft else fresh.paragraphs
    return render(
        request,
        "reports/summary.html",
        {
            "org": org,
            "year": year,
            "kind": kind,
            "kinds": DraftKind.choices,
            "draft": draft,
            "paragraphs": paragraphs,
            "hints": fresh.hints,
            "kind_label": DraftKind(kind).label,
        },
    )


@replica_reads
def summary_docx(request, code, year):
    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    kind = _kind(request)
    draft = draft_for(org, year, kind)
    paragraphs = draft.paragraphs if draft else drafting.build(org, year, kind)
    name = f"{org.name}{year}年度{DraftKind(kind).label.replace('年度', '')}.docx"
    return _download(paragraphs_docx(paragraphs), name, DOCX)


DASHBOARD_PAGE = 100


@replica_reads
def dashboard(request, code, year):
    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    sort = request.GET.get("sort", "")
    desc = request.GET.get("dir") == "desc"
    data = build_dashboard(org, year, sort=sort, desc=desc)
    # Every branch is counted and sorted; only one page of rows is rendered (2,500 rows would cost more to
    # draw than to compute). The totals and the roll-up by sub-organization cover all of them.
    page = Paginator(data["rows"], DASHBOARD_PAGE).get_page(request.GET.get("page"))
    keep = "&".join(f"{k}={v}" for k, v in (("sort", sort), ("dir", "desc" if desc else "")) if v)
    return render(
        request,
        "reports/dashboard.html",
        {
            **data,
            "page": page,
            "keep": keep,
            "n_rows": len(data["rows"]),
            "years": range(clock.today().year, year - 4, -1),
        },
    )


@replica_reads
def statistics_xlsx(request, code, year):
    from .statistics import filename as statistics_filename
    from .statistics import statistics_xlsx as build

    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    return _download(build(org, year), statistics_filename(org, year), XLSX)


@replica_reads
def ledger_docx(request, code, year):
    from .ledger import ledger_docx as build

    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    return _download(build(org, year), f"{org.name}{year}年度党建工作台账.docx", DOCX)


@replica_reads
def ledger_pdf(request, code, year):
    from .ledger import ledger_pdf as build

    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    return _download(build(org, year), f"{org.name}{year}年度党建工作台账.pdf", "application/pdf")


def ledger_pdf_job(request, code, year):
    """POST: build the 台账 PDF in a background worker (a bureau's runs to hundreds of pages) and show its
    progress page; the direct download above stays for branches, scripts and the API."""
    from .tasks import start_ledger_pdf

    if request.method != "POST":  # starting work is a POST (the button); a bare GET lands on the dashboard
        return redirect("reports:dashboard", code, year)
    try:
        org = _org_year(request, code, year)
    except YearRefused as exc:
        return _refused(request, exc)
    job = start_ledger_pdf(
        user=request.user, org=org, year=year, back_url=reverse("reports:dashboard", args=[org.code, year])
    )
    return redirect("jobs:job", job.pk)

"""Pages that count: the compliance calendar, the superior's grid, participation, the plan, the record book."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.lib.office.names import DOCX, PDF, download_name, download_response
from dangjian.orgs.selectors import org_get

from . import recordbook, services_plan
from .compliance import calendar as build_calendar
from .compliance import settings_for
from .forms import PlanItemForm
from .grid import grid as build_grid
from .models import Kind
from .participation import participation as build_participation
from .selectors import live_plan_items, plan_item_get, plan_items_with_meetings


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def calendar(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    if not org.is_branch:
        return redirect(reverse("meetings:grid", args=[org.code, year]))
    today = clock.today()
    data = build_calendar(org, year, today)
    plans = {}
    for item in live_plan_items(org, year):
        plans.setdefault(item.month, []).append(item)
    for row in data["months"]:
        row["plans"] = plans.get(row["month"], [])
    return render(request, "meetings/calendar.html", {"org": org, "year": year, "today": today, **data})


def grid(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    by = "quarter" if request.GET.get("by") == "quarter" else "month"
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
    problems = request.GET.get("problems") == "1"
    data = build_grid(
        org, year, clock.today(), by=by, kind=kind, problems_only=problems, page=_int(request.GET.get("page"), 1)
    )
    return render(
        request,
        "meetings/grid.html",
        {
            "org": org,
            "year": year,
            "by": by,
            "kind": kind,
            "problems": problems,
            "kinds": [(k, label) for k, label in Kind.choices if k in {s["kind"] for s in data["summary"]}],
            **data,
        },
    )


def participation(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    data = build_participation(
        org, year, today, settings_for(org.bureau_id or org.id), page=_int(request.GET.get("page"), 1)
    )
    return render(request, "meetings/participation.html", {"org": org, "year": year, **data})


def plan(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    form = PlanItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_plan.plan_item_create(actor=request.user, org=org, year=year, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已加入年度计划")
            return redirect("meetings:plan", org.code, year)
    items = plan_items_with_meetings(org, year)
    return render(request, "meetings/plan.html", {"org": org, "year": year, "items": items, "form": form})


@require_POST
def plan_void(request, pk):
    item = plan_item_get(request.user, pk)
    try:
        services_plan.plan_item_void(actor=request.user, item=item, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "计划已取消")
    return redirect("meetings:plan", item.org.code, item.year)


def book(request, code, year, fmt):
    org = org_get(request.user, code=code, manage=True)
    data = recordbook.collect(org, year)
    name = download_name(org.name, year, "会议记录本", fmt)
    if fmt == "docx":
        return download_response(recordbook.to_docx(data), name, DOCX)
    return download_response(recordbook.to_pdf(data), name, PDF)


def book_page(request, code, year):
    """The 会议记录本 page: downloads, and the 检查提示 that are for the secretary, not for the book."""
    org = org_get(request.user, code=code, manage=True)
    data = recordbook.collect(org, year)
    return render(
        request,
        "meetings/book.html",
        {"org": org, "year": year, "n_meetings": len(data["items"]), "hints": recordbook.hints(data)},
    )

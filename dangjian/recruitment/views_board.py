"""Branch board, case list, yearly rosters (screen and .xlsx)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date

from dangjian.lib import clock
from dangjian.lib.office.names import XLSX, download_name, download_response
from dangjian.orgs.selectors import org_get, subtree_ids

from . import services
from .exports import roster_xlsx
from .forms import PlanForm
from .models import Stage
from .selectors import (
    ROSTERS,
    cases_of,
    managed_branches,
    manages_above_branches,
    open_case_counts,
    roster_year,
)
from .selectors import board as board_data
from .todos import todos_for


def home(request):
    """The board of the user's branch, or the list of branches they manage."""
    branches = managed_branches(request.user)
    above = manages_above_branches(request.user)
    if len(branches) == 1 and not above:
        return redirect("recruitment:board", branches[0].code)
    counts = open_case_counts(request.user)
    rows = [(b, counts.get(b.id, 0)) for b in branches[:500]]
    return render(request, "recruitment/home.html", {"rows": rows, "more": branches.count() > 500})


def board(request, code):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    by = parse_date(request.GET.get("by") or "") or today
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    data = board_data(request.user, org, by=by, year=year)
    in_org = set(subtree_ids(org).values_list("id", flat=True))
    todos = [t for t in todos_for(request.user, today) if t["org_id"] in in_org]
    stages = [(s.value, s.label, data["per_stage"][s.value]) for s in Stage if s.value != "full_member"]
    next_label = {
        "applicant": "入党积极分子",
        "activist": "发展对象",
        "candidate": "预备党员",
        "probationary_member": "正式党员",
    }
    eligible = [
        (next_label[s], data["eligible"][k])
        for s, k in (
            ("applicant", "activist"),
            ("activist", "candidate"),
            ("candidate", "probationary_member"),
            ("probationary_member", "full_member"),
        )
    ]
    return render(
        request,
        "recruitment/board.html",
        {
            "org": org,
            "d": data,
            "stages": stages,
            "todos": todos,
            "eligible": eligible,
            "rosters": ROSTERS,
            "plan_form": PlanForm(
                initial={"year": year, "planned_count": data["plan"].planned_count if data["plan"] else None}
            ),
        },
    )


def plan(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = PlanForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.plan_set(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已保存 {p.year} 年计划发展 {p.planned_count} 人")
            return redirect(f"/recruitment/org/{org.code}/?year={p.year}")
    else:
        messages.error(request, "请填写年度和计划发展人数（不小于0的整数）")
    return redirect("recruitment:board", org.code)


def case_list(request, code):
    org = org_get(request.user, code=code, manage=True)
    closed = request.GET.get("closed") == "1"
    qs = cases_of(request.user, org, closed=closed)
    return render(request, "recruitment/case_list.html", {"org": org, "cases": qs[:1000], "closed": closed})


def roster(request, code, kind):
    org = org_get(request.user, code=code, manage=True)
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    rows = roster_year(request.user, org, kind, year)
    title, step = ROSTERS[kind]
    if request.GET.get("format") == "xlsx":
        content = roster_xlsx(f"{org.name}{year}年{title}", rows)
        return download_response(content, download_name(org.name, year, title, "xlsx"), XLSX)
    return render(
        request,
        "recruitment/roster.html",
        {"org": org, "rows": rows, "year": year, "title": title, "kind": kind, "rosters": ROSTERS},
    )

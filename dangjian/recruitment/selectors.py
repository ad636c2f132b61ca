"""Every read of development cases, scoped by visible_org_ids(user, manage=True)."""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.members.models import Person
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules import recruitment as dev
from dangjian.rules.periods import add_months, add_years

from . import engine
from .models import CaseStep, DevelopmentCase, DevelopmentPlan, Publicity, Stage

KEY_STEPS = (
    "application",
    "application_talk",
    "activist_selected",
    "candidate_selected",
    "pre_review",
    "branch_meeting",
    "approval",
    "oath",
    "conversion_meeting",
    "conversion_approval",
    "political_review",
    "training",
)


def live_steps():
    """Steps that count: not ``void`` entries and not voided."""
    return CaseStep.objects.exclude(code="void").filter(voided_by__isnull=True)


def _first_date(code: str, *, last: bool = False):
    qs = live_steps().filter(case=OuterRef("pk"), code=code).order_by("-date" if last else "date")
    return Subquery(qs.values("date")[:1])


def with_dates(qs, codes=KEY_STEPS):
    """Annotate ``d_<code>``: the first live date of each step (SQL subqueries, no Python loops)."""
    return qs.annotate(**{f"d_{c}": _first_date(c) for c in codes})


def cases_visible(user):
    return DevelopmentCase.objects.filter(org_id__in=visible_org_ids(user, manage=True))


def case_get(user, pk) -> DevelopmentCase:
    case = cases_visible(user).select_related("person", "org", "person__group").filter(pk=pk).first()
    if case is None:
        raise Http404("发展党员档案不存在或无权查看")
    return case


def step_get(user, pk) -> CaseStep:
    step = (
        CaseStep.objects.filter(pk=pk, case__org_id__in=visible_org_ids(user, manage=True))
        .select_related("case")
        .first()
    )
    if step is None:
        raise Http404("记录不存在或无权查看")
    return step


def people_to_open(user, org=None):
    """Roster people who could get a case: in development (or 预备党员 transferred in), no open case."""
    qs = Person.objects.filter(
        org_id__in=visible_org_ids(user, manage=True),
        on_roll=True,
        status__in=("applicant", "activist", "candidate", "probationary_member"),
    )
    if org is not None:
        qs = qs.filter(org_id__in=subtree_ids(org))
    return qs.exclude(development_cases__closed=False).select_related("org").order_by("stroke_key", "id")


def case_view(case: DevelopmentCase, today: datetime.date) -> dict:
    """Everything the case page and the API show: timeline, next step, deadlines, findings."""
    steps = list(case.steps.select_related("actor", "voids").order_by("date", "id"))
    pubs = list(case.publicities.order_by("start", "id"))
    events = engine.case_events(case, steps, pubs)
    voided = {s.voids_id for s in steps if s.code == "void"}
    overridden = {}
    for s in steps:
        for k in (s.data or {}).get("overridden", []):
            overridden[tuple(k)] = s.override_reason
    found = engine.findings(case, events, today=today)
    findings = [{**f.as_dict(), "override_reason": overridden.get(engine.key(f), "")} for f in found]
    lines = dev.next_steps(events, today) if not case.closed else []
    if case.transferred_in:
        lines = [ln for ln in lines if ln.rule_id in ("DEV-19", "DEV-20", "DEV-21", "DEV-22", "FEE-07")]
    timeline = [{"kind": "step", "step": s, "date": s.date, "voided": s.pk in voided} for s in steps]
    timeline += [{"kind": "publicity", "publicity": p, "date": p.start, "voided": False} for p in pubs]
    timeline.sort(key=lambda t: (t["date"], t["kind"]))
    return {
        "events": events,
        "timeline": timeline,
        "publicities": pubs,
        "findings": findings,
        "next": engine.next_step(case, events, today),
        "deadlines": lines,
        "probation_end": engine.probation_end(events),
        "today": today,
        "extended": engine.extension_months(events) > 0,
        "probation_line": any(ln.code == "probation_end" for ln in lines),
    }


def _year_before(day: datetime.date, years: int = 1) -> datetime.date:
    """The latest start date d with add_years(d, years) <= day (GEN-02, including 29 Feb)."""
    back = add_years(day, -years)
    if day.month == 2 and day.day == calendar.monthrange(day.year, 2)[1] and calendar.isleap(back.year):
        back = datetime.date(back.year, 2, 29)
    return back


def board(user, org, *, by: datetime.date, year: int) -> dict:
    """Branch board: people per stage, who is eligible for the next stage by ``by``, plan vs actual."""
    base = cases_visible(user).filter(org_id__in=subtree_ids(org))
    open_cases = (
        with_dates(base.filter(closed=False)).select_related("person", "org").order_by("person__stroke_key", "id")
    )
    per_stage = {s.value: [] for s in Stage}
    for c in open_cases:
        per_stage[c.stage].append(c)
    threshold = _year_before(by)
    eligible = {
        "activist": [c for c in per_stage["applicant"] if c.d_application_talk and c.d_application_talk <= by],
        "candidate": [c for c in per_stage["activist"] if c.d_activist_selected and c.d_activist_selected <= threshold],
        "probationary_member": [c for c in per_stage["candidate"] if c.d_pre_review and c.d_pre_review <= by],
        "full_member": [
            c
            for c in per_stage["probationary_member"]
            if c.d_branch_meeting and c.d_branch_meeting <= threshold and not c.d_conversion_meeting
        ],
    }
    plan = DevelopmentPlan.objects.filter(org=org, year=year).first()
    actual = live_steps().filter(case__in=base, code="approval", date__year=year).values("case").distinct().count()
    counts = dict(base.filter(closed=False).values_list("stage").annotate(n=Count("id")))
    shortfall = max(0, plan.planned_count - actual) if plan else None
    return {
        "per_stage": per_stage,
        "eligible": eligible,
        "plan": plan,
        "actual": actual,
        "counts": counts,
        "shortfall": shortfall,
        "by": by,
        "year": year,
    }


ROSTERS = {
    "applicant": ("入党申请人名册", "application"),
    "activist": ("入党积极分子名册", "activist_selected"),
    "candidate": ("发展对象名册", "candidate_selected"),
    "probationary_member": ("预备党员名册", "branch_meeting"),
}


def roster_year(user, org, kind: str, year: int):
    """People whose step for this roster (申请/确定积极分子/确定发展对象/支部大会接收) falls in ``year``."""
    if kind not in ROSTERS:
        raise Http404("没有这种名册")
    code = ROSTERS[kind][1]
    qs = with_dates(cases_visible(user).filter(org_id__in=subtree_ids(org)))
    qs = qs.filter(Q(**{f"d_{code}__year": year}))
    if kind == "probationary_member":
        qs = qs.filter(d_approval__isnull=False)
    return qs.select_related("person", "org").order_by("person__stroke_key", "id")


def due_threshold(today: datetime.date, horizon_days: int, months: int) -> datetime.date:
    """Start dates whose +months deadline falls on or before today+horizon (used by todos)."""
    return add_months(today + datetime.timedelta(days=horizon_days), -months)


def publicity_get(user, pk) -> Publicity:
    """A 公示 of a development case the user manages, its `case` read through case_get (404 otherwise)."""
    pub = Publicity.objects.filter(pk=pk).select_related("case").first()
    case = case_get(user, pub.case_id if pub else 0)
    pub.case = case
    return pub


def managed_branches(user):
    """The active 党支部 the user manages, in tree order (the recruitment start page lists them)."""
    from dangjian.orgs.models import BRANCH_KINDS, Org

    return Org.objects.filter(
        id__in=visible_org_ids(user, manage=True), kind__in=BRANCH_KINDS, is_active=True
    ).order_by("path")


def manages_above_branches(user) -> bool:
    """Whether the user manages a 党委/党总支 (then the start page lists branches, never jumps to one board)."""
    from dangjian.orgs.models import BRANCH_KINDS, Org

    return (
        Org.objects.filter(id__in=visible_org_ids(user, manage=True))
        .exclude(kind__in=BRANCH_KINDS + ("group",))
        .exists()
    )


def open_case_counts(user) -> dict[int, int]:
    """org id → number of open development cases, over the orgs the user manages."""
    return dict(cases_visible(user).filter(closed=False).values_list("org_id").annotate(n=Count("id")))


def cases_of(user, org, *, closed: bool):
    """The open (or closed) cases of the org's subtree with their key dates, in 姓氏笔画 order."""
    qs = with_dates(cases_visible(user).filter(org_id__in=subtree_ids(org), closed=closed))
    return qs.select_related("person", "org").order_by("person__stroke_key", "id")

"""发展党员 facts for an org's subtree and a year — the recruitment side of the reports seam.

- 发展党员 / 转正 (STAT-01) count by the upper-level approval step of a development case (``approval`` /
  ``conversion_approval``); a person whose admission or confirmation is recorded on the roster only (no such
  step: old records, imports, the demo) counts by the roster's 入党时间 / 转正时间, in the org whose roll they
  stood on that day. A transferred-in 预备党员's imported ``approval`` step is the original org's admission.
- 积极分子 / 发展对象 by their step date.
Each function reads the whole subtree in a bounded number of queries (no per-person query).
"""

import dataclasses
import datetime

from django.db.models import Count, F, Q, Sum

from dangjian.members.models import MEMBER_STATUSES, RollSpan, Status

from .models import DevelopmentPlan
from .selectors import live_steps

# The roster date that stands for a step when a person has no live case step of that code.
ROSTER_DATE = {"approval": "join_date", "conversion_approval": "confirmation_date"}
STEP_CODES = ("approval", "conversion_approval", "activist_selected", "candidate_selected")


def _steps(sub, year: int, code: str):
    qs = live_steps().filter(case__org_id__in=sub, date__year=year, code=code)
    if code == "approval":
        qs = qs.exclude(case__transferred_in=True)
    return qs


def _roster_only(sub, year: int, code: str):
    """Spans of the subtree covering the person's roster date (入党/转正) in `year`, for people with no live
    step of `code` in any case."""
    field = ROSTER_DATE[code]
    day = F(f"person__{field}")
    qs = RollSpan.objects.filter(
        Q(start__isnull=True) | Q(start__lte=day),
        Q(end__isnull=True) | Q(end__gt=day),
        org_id__in=sub,
        **{f"person__{field}__year": year},
        person__status__in=[Status.FULL] if code == "conversion_approval" else MEMBER_STATUSES,
    )
    return qs.exclude(person_id__in=live_steps().filter(code=code).values("case__person_id"))


def event_counts(sub, year: int, code: str) -> int:
    """How many people the subtree admitted (``approval``) or confirmed (``conversion_approval``) in `year`."""
    n = _roster_only(sub, year, code).values("person_id").distinct().count()
    return n + _steps(sub, year, code).values("case__person_id").distinct().count()


def event_counts_by_org(sub, year: int, code: str) -> list[tuple[int, int]]:
    """(org id, people) pairs: the case's org, or the roll's org that day."""
    rows = list(
        _roster_only(sub, year, code).order_by().values_list("org_id").annotate(n=Count("person", distinct=True))
    )
    rows += list(
        _steps(sub, year, code).order_by().values_list("case__org_id").annotate(n=Count("case__person", distinct=True))
    )
    return rows


def roster_only_people(sub, year: int, code: str) -> list[tuple]:
    """(date, name, org name) of the year's admissions or confirmations recorded on the roster only."""
    field = ROSTER_DATE[code]
    return list(
        _roster_only(sub, year, code)
        .order_by(f"person__{field}", "person__name")
        .values_list(f"person__{field}", "person__name", "org__name")
    )


def event_people(sub, year: int, code: str, limit: int | None = None) -> list[tuple]:
    """(date, name, org name) of the year's admissions or confirmations, by date."""
    rows = roster_only_people(sub, year, code)
    rows += list(_steps(sub, year, code).values_list("date", "case__person__name", "case__org__name"))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows[:limit] if limit is not None else rows


def year_facts(sub, year: int) -> dict:
    """{code: people} for the four steps, ``admitted`` names in date order and ``plan`` (None when no plan)."""
    steps = live_steps().filter(
        case__org_id__in=sub, date__year=year, code__in=["activist_selected", "candidate_selected"]
    )
    counts = dict(steps.order_by().values_list("code").annotate(n=Count("case__person", distinct=True)))
    for code in ROSTER_DATE:
        counts[code] = event_counts(sub, year, code)
    plan = DevelopmentPlan.objects.filter(org_id__in=sub, year=year).order_by()
    return {
        "counts": {code: counts.get(code, 0) for code in STEP_CODES},
        "admitted": list(dict.fromkeys(name for _, name, _ in event_people(sub, year, "approval"))),
        "plan": sum(plan.values_list("planned_count", flat=True)) if plan.exists() else None,
    }


# ---------------------------------------------------------------- named, for the year-end return (党内统计)
def approving_org(case_org, kind: str, everything: dict):
    """The nearest org above (or at) the case's branch of the approving kind; the nearest 党委 if unknown."""
    from dangjian.orgs.models import OrgKind

    chain = [everything.get(i) for i in reversed(case_org.ancestors_ids())]
    chain = [o for o in chain if o is not None]
    for o in chain:
        if o.kind == (kind or OrgKind.COMMITTEE):
            return o
    return chain[0] if chain else None


@dataclasses.dataclass
class Admission:
    person_id: int
    name: str
    org_id: int  # the branch whose member the person became
    approved_on: datetime.date
    join_date: datetime.date | None  # 入党时间 (the 支部大会)
    approver: str  # the approving org's name ("" for roster-only records)
    approval_no: str
    gender: str
    ethnicity: str
    birth_date: datetime.date | None
    education: str
    degree: str
    category: str
    post: str


def _blank(values) -> list:
    """Person fields as the tables read them: text fields "" when unset, the birth date None."""
    return [v if isinstance(v, datetime.date) else (v or "") for v in values]


def admissions(org, year: int) -> list[Admission]:
    """发展党员 of the year, named: approval steps dated in the year (transferred-in 预备党员 excluded),
    approving org from the step's 审批组织类别; plus people recorded on the roster only, by 入党时间."""
    from dangjian.orgs.models import Org, subtree_q

    sub = Org.objects.filter(subtree_q(org.path)).values("id")
    orgs = {o.id: o for o in Org.objects.all().only("id", "path", "name", "kind")}
    cols = ["gender", "ethnicity", "birth_date", "education", "degree", "category", "post"]
    out = []
    steps = (
        live_steps()
        .filter(case__org_id__in=sub, date__year=year, code="approval")
        .exclude(case__transferred_in=True)
        .values_list(
            "case__person_id",
            "case__person__name",
            "case__org_id",
            "date",
            "case__person__join_date",
            "data",
            "documents",
            *[f"case__person__{c}" for c in cols],
        )
    )
    seen = set()
    for pid, name, org_id, day, join, data, docs, *rest in steps.order_by("date", "id"):
        if pid in seen:
            continue
        seen.add(pid)
        ap = approving_org(orgs[org_id], (data or {}).get("approver_kind", ""), orgs)
        out.append(
            Admission(
                pid,
                name,
                org_id,
                day,
                join,
                ap.name if ap else "",
                (docs or {}).get("approval_no", "") or "",
                *_blank(rest),
            )
        )
    roster = _roster_only(sub, year, "approval").values_list(
        "person_id", "person__name", "org_id", "person__join_date", *[f"person__{c}" for c in cols]
    )
    seen = {a.person_id for a in out}
    for pid, name, org_id, join, *rest in roster:
        if pid not in seen:
            seen.add(pid)
            out.append(Admission(pid, name, org_id, join, join, "", "", *_blank(rest)))
    out.sort(key=lambda a: (a.approved_on, a.name))
    return out


@dataclasses.dataclass
class Conversion:
    person_id: int
    name: str
    org_id: int
    approved_on: datetime.date
    outcome: str  # convert / extend / revoke
    note: str = ""


def conversions(org, year: int) -> list[Conversion]:
    """转正 decisions approved in the year: the last 支部大会 decision before each conversion approval."""
    from dangjian.orgs.models import Org, subtree_q

    sub = Org.objects.filter(subtree_q(org.path)).values("id")
    out = []
    cases = set(
        live_steps()
        .filter(case__org_id__in=sub, code="conversion_approval", date__year=year)
        .values_list("case_id", flat=True)
    )
    steps = (
        live_steps()
        .filter(case_id__in=cases, code__in=["conversion_meeting", "conversion_approval"])
        .order_by("case_id", "date", "id")
        .values_list("case_id", "code", "date", "data", "case__person_id", "case__person__name", "case__org_id")
    )
    last: dict[int, dict] = {}
    for case_id, code, day, data, pid, name, org_id in steps:
        if code == "conversion_meeting":
            last[case_id] = data or {}
        elif day.year == year and case_id in last:
            d = last[case_id]
            note = f"延长{d.get('extension_months')}个月" if d.get("extension_months") else ""
            out.append(Conversion(pid, name, org_id, day, d.get("outcome") or "convert", note))
    seen = {c.person_id for c in out}
    for pid, name, org_id, day in _roster_only(sub, year, "conversion_approval").values_list(
        "person_id", "person__name", "org_id", "person__confirmation_date"
    ):
        if pid not in seen:
            seen.add(pid)
            out.append(Conversion(pid, name, org_id, day, "convert"))
    out.sort(key=lambda c: (c.approved_on, c.name))
    return out


def step_counts(sub, year: int) -> dict:
    """{code: people} of 确定积极分子 / 确定发展对象 steps in the year."""
    return dict(
        live_steps()
        .filter(case__org_id__in=sub, date__year=year, code__in=["activist_selected", "candidate_selected"])
        .order_by()
        .values_list("code")
        .annotate(n=Count("case__person", distinct=True))
    )


def plans_by_org(sub, year: int) -> list[tuple[int, int]]:
    """(org id, planned count) of the year's 发展党员计划."""
    return list(
        DevelopmentPlan.objects.filter(org_id__in=sub, year=year)
        .order_by()
        .values_list("org_id")
        .annotate(n=Sum("planned_count"))
    )


def step_rows(sub, year: int, codes, limit: int) -> list[tuple]:
    """(date, name, org name, step code) of the live case steps of these codes dated in the year."""
    qs = (
        live_steps()
        .filter(case__org_id__in=sub, date__year=year, code__in=list(codes))
        .select_related("case__person", "case__org")
        .order_by("date", "id")
    )
    return [(s.date, s.case.person.name, s.case.org.name, s.code) for s in qs[:limit]]

"""发展党员 facts for an org's subtree and a year — the recruitment side of the reports seam.

- 发展党员 / 转正 (STAT-01) count by the upper-level approval step of a development case (``approval`` /
  ``conversion_approval``); a person whose admission or confirmation is recorded on the roster only (no such
  step: old records, imports, the demo) counts by the roster's 入党时间 / 转正时间, in the org whose roll they
  stood on that day. A transferred-in 预备党员's imported ``approval`` step is the original org's admission.
- 积极分子 / 发展对象 by their step date.
Each function reads the whole subtree in a bounded number of queries (no per-person query).
"""
from django.db.models import Count, F, Q

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
        Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gt=day),
        org_id__in=sub, **{f"person__{field}__year": year},
        person__status__in=[Status.FULL] if code == "conversion_approval" else MEMBER_STATUSES)
    return qs.exclude(person_id__in=live_steps().filter(code=code).values("case__person_id"))


def event_counts(sub, year: int, code: str) -> int:
    """How many people the subtree admitted (``approval``) or confirmed (``conversion_approval``) in `year`."""
    n = _roster_only(sub, year, code).values("person_id").distinct().count()
    return n + _steps(sub, year, code).values("case__person_id").distinct().count()


def event_counts_by_org(sub, year: int, code: str) -> list[tuple[int, int]]:
    """(org id, people) pairs: the case's org, or the roll's org that day."""
    rows = list(_roster_only(sub, year, code).order_by().values_list("org_id").annotate(n=Count("person", distinct=True)))
    rows += list(_steps(sub, year, code).order_by().values_list("case__org_id")
                 .annotate(n=Count("case__person", distinct=True)))
    return rows


def roster_only_people(sub, year: int, code: str) -> list[tuple]:
    """(date, name, org name) of the year's admissions or confirmations recorded on the roster only."""
    field = ROSTER_DATE[code]
    return list(_roster_only(sub, year, code).order_by(f"person__{field}", "person__name")
                .values_list(f"person__{field}", "person__name", "org__name"))


def event_people(sub, year: int, code: str, limit: int | None = None) -> list[tuple]:
    """(date, name, org name) of the year's admissions or confirmations, by date."""
    rows = roster_only_people(sub, year, code)
    rows += list(_steps(sub, year, code).values_list("date", "case__person__name", "case__org__name"))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows[:limit] if limit is not None else rows


def year_facts(sub, year: int) -> dict:
    """{code: people} for the four steps, ``admitted`` names in date order and ``plan`` (None when no plan)."""
    steps = live_steps().filter(case__org_id__in=sub, date__year=year,
                                code__in=["activist_selected", "candidate_selected"])
    counts = dict(steps.order_by().values_list("code").annotate(n=Count("case__person", distinct=True)))
    for code in ROSTER_DATE:
        counts[code] = event_counts(sub, year, code)
    plan = DevelopmentPlan.objects.filter(org_id__in=sub, year=year).order_by()
    return {"counts": {code: counts.get(code, 0) for code in STEP_CODES},
            "admitted": list(dict.fromkeys(name for _, name, _ in event_people(sub, year, "approval"))),
            "plan": sum(plan.values_list("planned_count", flat=True)) if plan.exists() else None}

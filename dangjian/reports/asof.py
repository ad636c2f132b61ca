"""A year's facts as of their date, for every report (summary, duty report, 台账, 党内统计, dashboard).

- People are counted as of the year's end — 12-31, or today while the year runs — from the roll's history
  (members/roll.py), never from today's on_roll/status.
- The year's events come from their dates:
  - 发展党员 / 转正 (STAT-01): the upper-level approval step of a development case (``approval`` /
    ``conversion_approval``); a person whose admission or confirmation is recorded on the roster only (no
    such step: old records, imports, the demo) counts by the roster's 入党时间 / 转正时间, in the org whose
    roll they stood on that day. A transferred-in 预备党员's imported ``approval`` step is the original
    org's admission, not this one's.
  - 党员减少: the stretches on the subtree's roll that ended in the year (RollSpan.end) and did not continue
    inside the subtree: 转出 when the person went on to another roll that day, else the recorded reason.
Each function reads the whole subtree in a bounded number of queries (no per-person query).
"""
import datetime

from django.apps import apps
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When

from dangjian.lib import clock
from dangjian.members import roll
from dangjian.members.models import MEMBER_STATUSES, LeaveReason, RollSpan, Status

# The roster date that stands for a step when a person has no live case step of that code.
ROSTER_DATE = {"approval": "join_date", "conversion_approval": "confirmation_date"}


def installed(label: str) -> bool:
    return apps.is_installed(f"dangjian.{label}")


def year_end(year: int) -> datetime.date:
    """The day a year's figures are taken (STAT-01): 12-31, or today for the running year."""
    return min(datetime.date(year, 12, 31), clock.today())


def members_on(sub, on: datetime.date):
    """RollSpan rows (one per person) of the 党员 on the subtree's roll on day `on`."""
    return roll.spans_on(sub, on).filter(roll.member_q(on, "person__"))


def _steps(sub, year: int, code: str):
    from dangjian.recruitment.selectors import live_steps

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
    if installed("recruitment"):
        from dangjian.recruitment.selectors import live_steps

        qs = qs.exclude(person_id__in=live_steps().filter(code=code).values("case__person_id"))
    return qs


def event_counts(sub, year: int, code: str) -> int:
    """How many people the subtree admitted (``approval``) or confirmed (``conversion_approval``) in `year`."""
    n = _roster_only(sub, year, code).values("person_id").distinct().count()
    if installed("recruitment"):
        n += _steps(sub, year, code).values("case__person_id").distinct().count()
    return n


def event_counts_by_org(sub, year: int, code: str) -> list[tuple[int, int]]:
    """(org id, people) pairs for the dashboard's GROUP BY fold: the case's org, or the roll's org that day."""
    rows = list(_roster_only(sub, year, code).order_by().values_list("org_id").annotate(n=Count("person", distinct=True)))
    if installed("recruitment"):
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
    if installed("recruitment"):
        rows += list(_steps(sub, year, code).values_list("date", "case__person__name", "case__org__name"))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows[:limit] if limit is not None else rows


def departures(sub, year: int) -> dict[str, int]:
    """党员减少 in `year` by reason: 党员 whose stretch on the subtree's roll ended in the year without going on
    inside the subtree. One GROUP BY."""
    moved_on = RollSpan.objects.filter(person=OuterRef("person"), start=OuterRef("end"))
    rows = (RollSpan.objects.filter(org_id__in=sub, end__year=year, person__status__in=MEMBER_STATUSES)
            .filter(Q(person__join_date__isnull=True) | Q(person__join_date__lt=F("end")))
            .exclude(Exists(moved_on.filter(org_id__in=sub)))
            .annotate(reason=Case(When(Exists(moved_on), then=Value(LeaveReason.TRANSFER_OUT.value)),
                                  default=F("person__left_reason"), output_field=CharField()))
            .order_by().values_list("reason").annotate(n=Count("person", distinct=True)))
    return dict(rows)

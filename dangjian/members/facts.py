"""The roll's facts for an org's subtree and a year, as of a day — the members side of the reports seam.

Plain numbers, dates and names (no prose). People are counted as of the year's end: 12-31, or today while the
year runs (STAT-01), from the roll's history (roll.py), never from today's on_roll/status.
"""
import datetime

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When

from dangjian.lib import clock

from . import roll
from .models import MEMBER_STATUSES, LeaveReason, RollSpan


def year_end(year: int) -> datetime.date:
    """The day a year's figures are taken (STAT-01): 12-31, or today for the running year."""
    return min(datetime.date(year, 12, 31), clock.today())


def members_on(sub, on: datetime.date):
    """RollSpan rows (one per person) of the 党员 on the subtree's roll on day `on`."""
    return roll.spans_on(sub, on).filter(roll.member_q(on, "person__"))


def first_record(sub) -> tuple[datetime.date | None, bool]:
    """(the earliest day anyone stood on the subtree's roll, whether some stood there "since unknown" — a roll
    imported without dates, so the org is older than its records)."""
    spans = RollSpan.objects.filter(org_id__in=sub)
    day = spans.filter(start__isnull=False).order_by("start").values_list("start", flat=True).first()
    return day, spans.filter(start__isnull=True).exists()


def composition(org, year: int) -> dict:
    """The structure of the subtree's roll at the year's end (members/stats.composition) and its day."""
    from .stats import composition as stats_composition

    on = year_end(year)
    return {"on": on, "stats": stats_composition(org, on=on)}


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

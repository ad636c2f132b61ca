"""To-dos of study hours (EDU-01/02) for the to-do centre: from 1 November, one item per branch with the
number of members whose hours this year are below 32 (56 for committee members). Computed in SQL (one
GROUP BY per bureau, since the thresholds are a bureau setting)."""

import datetime
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.meetings.models import Attendance
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.models import CommitteeMember, Org

from .models import StudyRecord

DEC = DecimalField(max_digits=8, decimal_places=1)


def short_counts(org_ids, year: int, member_need: int, cadre_need: int):
    """(org id, name, code, members below their requirement) for members in ``org_ids``."""
    meet = (
        Attendance.objects.filter(person=OuterRef("pk"), status="present", meeting__voided=False, meeting__year=year)
        .values("person")
        .annotate(s=Sum("meeting__study_hours"))
        .values("s")
    )
    rec = (
        StudyRecord.objects.filter(person=OuterRef("pk"), year=year, voided=False)
        .values("person")
        .annotate(s=Sum("hours"))
        .values("s")
    )
    cadre = CommitteeMember.objects.filter(person=OuterRef("pk"), term__ended_on__isnull=True)
    zero = Value(Decimal("0"), output_field=DEC)
    return (
        Person.objects.filter(org_id__in=org_ids, on_roll=True, status__in=MEMBER_STATUSES)
        .annotate(
            h=Coalesce(Subquery(meet, output_field=DEC), zero) + Coalesce(Subquery(rec, output_field=DEC), zero),
            need=Case(When(Exists(cadre), then=Value(cadre_need)), default=Value(member_need)),
        )
        .filter(h__lt=F("need"))
        .values("org_id", "org__name", "org__code")
        .annotate(n=Count("id"))
        .order_by("org__path")
    )


def _code_url(name: str, year: int):
    """code → reverse(name, args=[code, year]), reversing once (a city has 2,500 branch lines)."""
    pattern = reverse(name, args=["CODE", year])
    return lambda code: pattern.replace("CODE", code, 1)


def todos_for(user, today: datetime.date) -> list[dict]:
    if today.month < 11:
        return []
    from dangjian.appraisal.settings import org_settings

    managed = visible_org_ids(user, manage=True)
    year_end = datetime.date(today.year, 12, 31)
    out = []
    hours_url = _code_url("learning:hours", today.year)
    for bureau in Org.objects.filter(
        Q(id__in=Org.objects.filter(id__in=managed).values("bureau_id")) | Q(id__in=managed, bureau__isnull=True)
    ):
        s = org_settings(bureau)
        ids = Org.objects.filter(id__in=managed).filter(Q(bureau=bureau) | Q(id=bureau.id)).values("id")
        for row in short_counts(ids, today.year, s.member_study_hours, s.cadre_study_hours):
            out.append(
                {
                    "due_date": year_end,
                    "rule_id": "EDU-01",
                    "org_id": row["org_id"],
                    "level": "warning",
                    "title_zh": f"{row['org__name']}：{row['n']}名党员{today.year}年度学时未达标（党员32学时、支委56学时）",
                    "url": hours_url(row["org__code"]) + "?short=1",
                }
            )
    return out

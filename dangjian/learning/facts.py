"""学时 facts of an org's subtree for a year — the learning side of the reports seam: the year's hours and the
members below their required 学时 (EDU-01; 班子成员 need more). Plain numbers, no prose."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from dangjian.members.facts import members_on, year_end
from dangjian.orgs.models import CommitteeMember

from .models import StudyRecord

ZERO = Decimal("0")


def short_people(root, sub, year):
    """Members of the subtree below their year's required 学时 (EDU-01; 班子成员 need more): one query
    with correlated sums of attended meetings' hours and study records. None when learning is absent."""
    from dangjian.appraisal.settings import org_settings
    from dangjian.meetings.models import Attendance, AttendanceStatus
    from dangjian.members.models import Person
    from dangjian.rules.learning import required_hours

    settings = org_settings(root)
    on = year_end(year)
    hours = DecimalField(max_digits=8, decimal_places=1)
    meet = (
        Attendance.objects.filter(
            person=OuterRef("pk"), status=AttendanceStatus.PRESENT, meeting__voided=False, meeting__year=year
        )
        .order_by()
        .values("person")
        .annotate(h=Sum("meeting__study_hours"))
        .values("h")
    )
    rec = (
        StudyRecord.objects.filter(person=OuterRef("pk"), year=year, voided=False)
        .order_by()
        .values("person")
        .annotate(h=Sum("hours"))
        .values("h")
    )
    cadre = CommitteeMember.objects.filter(_serving(on), person=OuterRef("pk"))
    return (
        Person.objects.filter(id__in=members_on(sub, on).values("person_id"))
        .annotate(
            hrs=Coalesce(Subquery(meet, output_field=hours), Value(ZERO), output_field=hours)
            + Coalesce(Subquery(rec, output_field=hours), Value(ZERO), output_field=hours),
            cadre=Exists(cadre),
        )
        .filter(
            Q(cadre=True, hrs__lt=required_hours("cadre", settings))
            | Q(cadre=False, hrs__lt=required_hours("member", settings))
        )
    )


def short_counts(root, sub, year) -> dict | None:
    """org id → members below their required 学时, the same people as short_people() but counted the other
    way round: members per org minus those whose hours reach the requirement. Only people with any hours
    are looked at, so the cost follows the year's study records, not the roster (60,000 correlated
    subqueries took over a second on PostgreSQL)."""
    from dangjian.appraisal.settings import org_settings
    from dangjian.meetings.models import Attendance, AttendanceStatus
    from dangjian.members import roll
    from dangjian.rules.learning import required_hours

    settings = org_settings(root)
    on = year_end(year)
    need = {True: required_hours("cadre", settings), False: required_hours("member", settings)}
    spans = members_on(sub, on)  # the year's 党员: on the roll at its end, by the org they stood in then
    members = dict(spans.order_by().values_list("org_id").annotate(n=Count("id")))
    # the same people joined to the same span (one filter() call: one join), so each row carries that org
    mine = Q(roll.span_q(on, "person__roll_spans__"), roll.member_q(on, "person__"), person__roll_spans__org_id__in=sub)
    hours: dict = {}
    for pid, org_id, h in (
        Attendance.objects.filter(mine, status=AttendanceStatus.PRESENT, meeting__voided=False, meeting__year=year)
        .order_by()
        .values_list("person_id", "person__roll_spans__org_id")
        .annotate(h=Sum("meeting__study_hours"))
    ):
        hours[pid] = (org_id, (h or ZERO) + hours.get(pid, (None, ZERO))[1])
    for pid, org_id, h in (
        StudyRecord.objects.filter(mine, year=year, voided=False)
        .order_by()
        .values_list("person_id", "person__roll_spans__org_id")
        .annotate(h=Sum("hours"))
    ):
        hours[pid] = (org_id, (h or ZERO) + hours.get(pid, (None, ZERO))[1])
    cadres = (
        set(
            CommitteeMember.objects.filter(_serving(on), person_id__in=spans.values("person_id")).values_list(
                "person_id", flat=True
            )
        )
        if hours
        else set()
    )
    short = dict(members)
    for pid, (org_id, h) in hours.items():
        if h >= need[pid in cadres]:
            short[org_id] -= 1
    return short


def _serving(on) -> Q:
    """Committee members whose term ran on day `on` (班子成员 need more 学时, EDU-02)."""
    return Q(term__started_on__lte=on) & (Q(term__ended_on__isnull=True) | Q(term__ended_on__gt=on))


def year_facts(org, sub, year: int) -> dict:
    """{"members": 党员 at the year's end, "total": their 学时 (attended meetings + study records), "short":
    how many fall below their requirement}."""
    from dangjian.meetings.models import Attendance, AttendanceStatus

    spans = members_on(sub, year_end(year))
    people = spans.values("person_id")
    members = spans.count()
    if not members:
        return {"members": 0, "total": ZERO, "short": 0}
    meet = (
        Attendance.objects.filter(
            person_id__in=people, status=AttendanceStatus.PRESENT, meeting__voided=False, meeting__year=year
        ).aggregate(h=Sum("meeting__study_hours"))["h"]
        or ZERO
    )
    rec = (
        StudyRecord.objects.filter(person_id__in=people, year=year, voided=False).aggregate(h=Sum("hours"))["h"] or ZERO
    )
    return {
        "members": members,
        "total": Decimal(meet) + Decimal(rec),
        "short": sum((short_counts(org, sub, year) or {}).values()),
    }


# ---------------------------------------------------------------- for the year-end return (党内统计)
def study_kinds() -> list[tuple[str, str]]:
    """(value, label) of the kinds of study, in their order."""
    from .models import StudyKind

    return [(k.value, k.label) for k in StudyKind]


def training(person_ids, year: int) -> list[tuple[int, str, Decimal]]:
    """(person id, kind, hours) of the live study records of these people in the year."""
    return list(
        StudyRecord.objects.filter(person_id__in=person_ids, year=year, voided=False).values_list(
            "person_id", "kind", "hours"
        )
    )


def hours_rows(org, year: int) -> list[tuple]:
    """(name, org name, hours, required, short) of each member in the subtree's 学时 table of the year."""
    from .selectors import hours_table

    return [
        (r["person"].name, r["person"].org.name, r["total"], r["required"], r["short"]) for r in hours_table(org, year)
    ]

"""Members below their year's required 学时 (EDU-01; 班子成员 need more), for the dashboard and the summary."""
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from dangjian.orgs.models import CommitteeMember

from .records import installed, optional

ZERO = Decimal("0")


def short_people(root, sub, year):
    """Members of the subtree below their year's required 学时 (EDU-01; 班子成员 need more): one query
    with correlated sums of attended meetings' hours and study records. None when learning is absent."""
    if not installed("learning") or optional("dangjian.learning.models") is None:
        return None
    from dangjian.appraisal.settings import org_settings
    from dangjian.learning.models import StudyRecord
    from dangjian.meetings.models import Attendance, AttendanceStatus
    from dangjian.members.models import MEMBER_STATUSES, Person
    from dangjian.rules.learning import required_hours

    settings = org_settings(root)
    hours = DecimalField(max_digits=8, decimal_places=1)
    meet = (Attendance.objects.filter(person=OuterRef("pk"), status=AttendanceStatus.PRESENT, meeting__voided=False,
                                      meeting__year=year).order_by().values("person")
            .annotate(h=Sum("meeting__study_hours")).values("h"))
    rec = (StudyRecord.objects.filter(person=OuterRef("pk"), year=year, voided=False).order_by().values("person")
           .annotate(h=Sum("hours")).values("h"))
    cadre = CommitteeMember.objects.filter(person=OuterRef("pk"), term__ended_on__isnull=True)
    return (Person.objects.filter(org_id__in=sub, on_roll=True, status__in=MEMBER_STATUSES)
            .annotate(hrs=Coalesce(Subquery(meet, output_field=hours), Value(ZERO), output_field=hours)
                      + Coalesce(Subquery(rec, output_field=hours), Value(ZERO), output_field=hours),
                      cadre=Exists(cadre))
            .filter(Q(cadre=True, hrs__lt=required_hours("cadre", settings))
                    | Q(cadre=False, hrs__lt=required_hours("member", settings))))


def short_counts(root, sub, year) -> dict | None:
    """org id → members below their required 学时, the same people as short_people() but counted the other
    way round: members per org minus those whose hours reach the requirement. Only people with any hours
    are looked at, so the cost follows the year's study records, not the roster (60,000 correlated
    subqueries took over a second on PostgreSQL)."""
    if not installed("learning") or optional("dangjian.learning.models") is None:
        return None
    from dangjian.appraisal.settings import org_settings
    from dangjian.learning.models import StudyRecord
    from dangjian.meetings.models import Attendance, AttendanceStatus
    from dangjian.members.models import MEMBER_STATUSES, Person
    from dangjian.rules.learning import required_hours

    settings = org_settings(root)
    need = {True: required_hours("cadre", settings), False: required_hours("member", settings)}
    people = Person.objects.filter(org_id__in=sub, on_roll=True, status__in=MEMBER_STATUSES)
    members = dict(people.order_by().values_list("org_id").annotate(n=Count("id")))
    mine = {"person__org_id__in": sub, "person__on_roll": True, "person__status__in": MEMBER_STATUSES}
    hours: dict = {}
    for pid, org_id, h in (Attendance.objects.filter(status=AttendanceStatus.PRESENT, meeting__voided=False,
                                                     meeting__year=year, **mine).order_by()
                           .values_list("person_id", "person__org_id").annotate(h=Sum("meeting__study_hours"))):
        hours[pid] = (org_id, (h or ZERO) + hours.get(pid, (None, ZERO))[1])
    for pid, org_id, h in (StudyRecord.objects.filter(year=year, voided=False, **mine).order_by()
                           .values_list("person_id", "person__org_id").annotate(h=Sum("hours"))):
        hours[pid] = (org_id, (h or ZERO) + hours.get(pid, (None, ZERO))[1])
    cadres = set(CommitteeMember.objects.filter(term__ended_on__isnull=True, person_id__in=people.values("id"))
                 .values_list("person_id", flat=True)) if hours else set()
    short = dict(members)
    for pid, (org_id, h) in hours.items():
        if h >= need[pid in cadres]:
            short[org_id] -= 1
    return short

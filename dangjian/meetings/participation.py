"""Members' participation: attended vs expected per member per year (SQL aggregation), study hours
(EDU-01/02) and the 党章第九条 flag for six consecutive months without organisational life (CON-06).

A month counts as organisational life when the member attended, or asked for leave with a reason
(请假 is a 正当理由), any meeting that was not voided. The count starts from the later of the month the
member joined the Party and the month the member's org recorded its first meeting here — before that
the system simply has no records. Nobody is removed: the finding asks the 支部党员大会 to look into it.
"""
import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery, Sum

from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.rules.learning import required_hours
from dangjian.rules.membership import org_life_lapse_finding
from dangjian.rules.org_life import talk_findings
from dangjian.rules.periods import add_months, month_start

from .models import Attendance, AttendanceStatus, Kind, Meeting
from .selectors import committee_people, members_of

COVERED = (AttendanceStatus.PRESENT, AttendanceStatus.LEAVE)
PAGE_SIZE = 200


def _floor(first_meeting: datetime.date | None, join_date: datetime.date | None) -> datetime.date | None:
    if first_meeting is None:
        return None
    floor = month_start(first_meeting)
    if join_date and month_start(join_date) > floor:
        floor = month_start(join_date)
    return floor


def lapse_findings(people: list[Person], today: datetime.date) -> dict:
    """person id → CON-06 Finding (or absent), computed with the rule engine for a page of people."""
    if not people:
        return {}
    since = add_months(month_start(today), -13)
    months: dict[int, set] = {}
    rows = (Attendance.objects.filter(person_id__in=[p.id for p in people], status__in=COVERED,
                                      meeting__voided=False, meeting__held_on__gte=since)
            .values_list("person_id", "meeting__year", "meeting__month").distinct())
    for pid, y, m in rows:
        months.setdefault(pid, set()).add(datetime.date(y, m, 1))
    firsts = dict(Meeting.objects.filter(org_id__in={p.org_id for p in people}, voided=False).order_by()
                  .values_list("org_id").annotate(first=Min("held_on")))
    out = {}
    for p in people:
        floor = _floor(firsts.get(p.org_id), p.join_date)
        if floor is None:
            continue
        finding = org_life_lapse_finding(months.get(p.id, set()), today, since=floor, subject=p.name)
        if finding:
            out[p.id] = finding
    return out


def lapsed_people(org_ids, today: datetime.date):
    """The same CON-06 test in SQL, for a whole subtree (to-do list): members with no covered month in
    the six months before this one, whose counting started at least six months ago."""
    this_month = month_start(today)
    cutoff = add_months(this_month, -6)
    floor_limit = add_months(cutoff, 1)
    first_meeting = Subquery(Meeting.objects.filter(org_id=OuterRef("org_id"), voided=False)
                             .order_by("held_on").values("held_on")[:1])
    covered = Attendance.objects.filter(person_id=OuterRef("pk"), status__in=COVERED, meeting__voided=False,
                                        meeting__held_on__gte=cutoff, meeting__held_on__lt=this_month)
    return (Person.objects.filter(org_id__in=org_ids, on_roll=True, status__in=MEMBER_STATUSES)
            .annotate(first_meeting=first_meeting).filter(first_meeting__lt=floor_limit)
            .filter(Q(join_date__isnull=True) | Q(join_date__lt=floor_limit))
            .exclude(Exists(covered))
            .annotate(last_seen=Max("meeting_attendances__meeting__held_on",
                                    filter=Q(meeting_attendances__status__in=COVERED,
                                             meeting_attendances__meeting__voided=False))))


def study_hours_by_person(person_ids, year: int) -> dict:
    """person id → 学时 earned this year by attending meetings (for the learning module; EDU-01/02)."""
    rows = (Attendance.objects.filter(person_id__in=person_ids, status=AttendanceStatus.PRESENT,
                                      meeting__year=year, meeting__voided=False)
            .order_by().values_list("person_id").annotate(hours=Sum("meeting__study_hours")))
    return dict(rows)


def participation(org, year: int, today: datetime.date, settings, *, page: int = 1) -> dict:
    in_year = Q(meeting_attendances__meeting__year=year, meeting_attendances__meeting__voided=False)
    status = "meeting_attendances__status"
    qs = (members_of(org).select_related("org")
          .annotate(expected=Count("meeting_attendances", filter=in_year),
                    attended=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.PRESENT})),
                    leave=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.LEAVE})),
                    absent=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.ABSENT})),
                    hours=Sum("meeting_attendances__meeting__study_hours",
                              filter=in_year & Q(**{status: AttendanceStatus.PRESENT})),
                    talks=Count("meeting_attendances", filter=in_year & Q(
                        meeting_attendances__meeting__kind=Kind.HEART_TO_HEART_TALK, **{status: AttendanceStatus.PRESENT})))
          .order_by("stroke_key", "id"))
    total = qs.count()
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    people = list(qs[(page - 1) * PAGE_SIZE: page * PAGE_SIZE])
    lapses = lapse_findings(people, today)
    cadres = set(committee_people(org).values_list("id", flat=True))
    year_over = datetime.date(year, 12, 31) < today
    rows = []
    for p in people:
        role = "cadre" if p.id in cadres else "member"
        need = required_hours(role, settings)
        hours = p.hours or 0
        rows.append({"person": p, "expected": p.expected, "attended": p.attended, "leave": p.leave,
                     "absent": p.absent, "hours": hours, "need": need, "short": year_over and hours < need,
                     "rate": round(100 * p.attended / p.expected) if p.expected else None,
                     "talks": p.talks, "lapse": lapses.get(p.id), "rule_hours": "EDU-02" if role == "cadre" else "EDU-01"})
    unrecorded = Meeting.objects.filter(org=org, year=year, voided=False, attendance_recorded=False).count()
    talks = talk_findings([r["person"].name for r in rows], [r["person"].name for r in rows if r["talks"]], year,
                          subject=org.name)
    return {"rows": rows, "total": total, "page": page, "pages": pages, "unrecorded": unrecorded,
            "lapses": [r for r in rows if r["lapse"]], "findings": talks}

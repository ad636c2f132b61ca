"""Members' participation: attended vs expected per member per year (SQL aggregation), study hours
(EDU-01/02) and the 党章第九条 flag for six consecutive months without organisational life (CON-06).

A month counts as organisational life when the member attended, or asked for leave with a reason
(请假 is a 正当理由), any meeting that was not voided. The count starts from the latest of: the month the
member's org recorded its first meeting here (before that the system simply has no records), the first full
month as a 党员 (入党时间) and the first full month on this branch's roll (members.roll.arrived_on: a member
transferred in, or whose record was entered, in the middle of the six months is never flagged). When the
branch recorded no meeting at all in the six months, nobody is flagged: the page says there is no record to
judge by. Nobody is removed: the finding asks the 支部党员大会 to look into it.
"""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery, Sum

from dangjian.members.models import MEMBER_STATUSES, Person, RollSpan
from dangjian.rules.learning import required_hours
from dangjian.rules.membership import LAPSE_MONTHS, org_life_lapse_finding
from dangjian.rules.org_life import talk_findings
from dangjian.rules.periods import add_months, month_start

from .models import Attendance, AttendanceStatus, Kind, Meeting
from .selectors import committee_people, members_of

COVERED = (AttendanceStatus.PRESENT, AttendanceStatus.LEAVE)
PAGE_SIZE = 200
NO_RECORDS_ZH = "该支部近六个月尚无组织生活记录，无法判断是否有党员连续六个月未参加组织生活"


def first_full_month(day: datetime.date | None) -> datetime.date | None:
    """The first month wholly after ``day`` began (the month itself when ``day`` is its first day)."""
    if day is None:
        return None
    start = month_start(day)
    return start if start == day else add_months(start, 1)


def lapse_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The six elapsed months CON-06 looks at: [first day, first day of this month)."""
    this_month = month_start(today)
    return add_months(this_month, -LAPSE_MONTHS), this_month


def arrivals(people) -> dict:
    """person id → first day of the present stretch on the roll (members.roll.arrived_on, for many at once)."""
    starts = dict(
        RollSpan.objects.filter(person_id__in=[p.id for p in people], end__isnull=True)
        .order_by("person_id", "-id")
        .values_list("person_id", "start")
    )
    return {p.id: max(d for d in (starts.get(p.id), p.recorded_on) if d is not None) for p in people}


def unrecorded_orgs(org_ids, today: datetime.date) -> set:
    """Orgs (of ``org_ids``) that recorded no meeting in the six months: there is nothing to judge by."""
    first, end = lapse_window(today)
    held = set(
        Meeting.objects.filter(org_id__in=list(org_ids), voided=False, held_on__gte=first, held_on__lt=end)
        .order_by()
        .values_list("org_id", flat=True)
        .distinct()
    )
    return set(org_ids) - held


def _floor(first_meeting, join_date, arrived) -> datetime.date | None:
    if first_meeting is None:
        return None
    return max(
        d for d in (month_start(first_meeting), first_full_month(join_date), first_full_month(arrived)) if d is not None
    )


def lapse_findings(people: list[Person], today: datetime.date) -> dict:
    """person id → CON-06 Finding (or absent), computed with the rule engine for a page of people."""
    if not people:
        return {}
    since = add_months(month_start(today), -13)
    months: dict[int, set] = {}
    rows = (
        Attendance.objects.filter(
            person_id__in=[p.id for p in people], status__in=COVERED, meeting__voided=False, meeting__held_on__gte=since
        )
        .values_list("person_id", "meeting__year", "meeting__month")
        .distinct()
    )
    for pid, y, m in rows:
        months.setdefault(pid, set()).add(datetime.date(y, m, 1))
    org_ids = {p.org_id for p in people}
    firsts = dict(
        Meeting.objects.filter(org_id__in=org_ids, voided=False)
        .order_by()
        .values_list("org_id")
        .annotate(first=Min("held_on"))
    )
    silent = unrecorded_orgs(org_ids, today)
    arrived = arrivals(people)
    out = {}
    for p in people:
        if p.org_id in silent:
            continue
        floor = _floor(firsts.get(p.org_id), p.join_date, arrived.get(p.id))
        if floor is None:
            continue
        finding = org_life_lapse_finding(months.get(p.id, set()), today, since=floor, subject=p.name)
        if finding:
            out[p.id] = finding
    return out


def lapsed_people(org_ids, today: datetime.date):
    """The same CON-06 test in SQL, for a whole subtree (to-do list): members with no covered month in
    the six months before this one, who were 党员 on the branch's roll, with its records begun, before them,
    in a branch that recorded meetings in those months."""
    cutoff, this_month = lapse_window(today)
    floor_limit = add_months(cutoff, 1)
    first_meeting = Subquery(
        Meeting.objects.filter(org_id=OuterRef("org_id"), voided=False).order_by("held_on").values("held_on")[:1]
    )
    covered = Attendance.objects.filter(
        person_id=OuterRef("pk"),
        status__in=COVERED,
        meeting__voided=False,
        meeting__held_on__gte=cutoff,
        meeting__held_on__lt=this_month,
    )
    branch_met = Meeting.objects.filter(
        org_id=OuterRef("org_id"), voided=False, held_on__gte=cutoff, held_on__lt=this_month
    )
    arrived_late = RollSpan.objects.filter(person_id=OuterRef("pk"), end__isnull=True, start__gt=cutoff)
    return (
        Person.objects.filter(org_id__in=org_ids, on_roll=True, status__in=MEMBER_STATUSES, recorded_on__lte=cutoff)
        .annotate(first_meeting=first_meeting)
        .filter(first_meeting__lt=floor_limit)
        .filter(Q(join_date__isnull=True) | Q(join_date__lte=cutoff))
        .filter(Exists(branch_met))
        .exclude(Exists(arrived_late))
        .exclude(Exists(covered))
        .annotate(
            last_seen=Max(
                "meeting_attendances__meeting__held_on",
                filter=Q(meeting_attendances__status__in=COVERED, meeting_attendances__meeting__voided=False),
            )
        )
    )


def study_hours_by_person(person_ids, year: int) -> dict:
    """person id → 学时 earned this year by attending meetings (for the learning module; EDU-01/02)."""
    rows = (
        Attendance.objects.filter(
            person_id__in=person_ids, status=AttendanceStatus.PRESENT, meeting__year=year, meeting__voided=False
        )
        .order_by()
        .values_list("person_id")
        .annotate(hours=Sum("meeting__study_hours"))
    )
    return dict(rows)


def participation(org, year: int, today: datetime.date, settings, *, page: int = 1) -> dict:
    in_year = Q(meeting_attendances__meeting__year=year, meeting_attendances__meeting__voided=False)
    status = "meeting_attendances__status"
    qs = (
        members_of(org)
        .select_related("org")
        .annotate(
            expected=Count("meeting_attendances", filter=in_year),
            attended=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.PRESENT})),
            leave=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.LEAVE})),
            absent=Count("meeting_attendances", filter=in_year & Q(**{status: AttendanceStatus.ABSENT})),
            hours=Sum(
                "meeting_attendances__meeting__study_hours", filter=in_year & Q(**{status: AttendanceStatus.PRESENT})
            ),
            talks=Count(
                "meeting_attendances",
                filter=in_year
                & Q(meeting_attendances__meeting__kind=Kind.HEART_TO_HEART_TALK, **{status: AttendanceStatus.PRESENT}),
            ),
        )
        .order_by("stroke_key", "id")
    )
    total = qs.count()
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    people = list(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    lapses = lapse_findings(people, today)
    silent = unrecorded_orgs({p.org_id for p in people}, today) if people else set()
    if len(silent) == 1 and org.id in silent:
        lapse_note = NO_RECORDS_ZH
    elif silent:
        names = sorted({p.org.name for p in people if p.org_id in silent})
        lapse_note = f"{'、'.join(names)}近六个月尚无组织生活记录，无法判断是否有党员连续六个月未参加组织生活"
    else:
        lapse_note = ""
    cadres = set(committee_people(org).values_list("id", flat=True))
    year_over = datetime.date(year, 12, 31) < today
    rows = []
    for p in people:
        role = "cadre" if p.id in cadres else "member"
        need = required_hours(role, settings)
        hours = p.hours or 0
        rows.append(
            {
                "person": p,
                "expected": p.expected,
                "attended": p.attended,
                "leave": p.leave,
                "absent": p.absent,
                "hours": hours,
                "need": need,
                "short": year_over and hours < need,
                "rate": round(100 * p.attended / p.expected) if p.expected else None,
                "talks": p.talks,
                "lapse": lapses.get(p.id),
                "rule_hours": "EDU-02" if role == "cadre" else "EDU-01",
            }
        )
    unrecorded = Meeting.objects.filter(org=org, year=year, voided=False, attendance_recorded=False).count()
    talks = talk_findings(
        [r["person"].name for r in rows], [r["person"].name for r in rows if r["talks"]], year, subject=org.name
    )
    return {
        "rows": rows,
        "total": total,
        "page": page,
        "pages": pages,
        "unrecorded": unrecorded,
        "lapses": [r for r in rows if r["lapse"]],
        "findings": talks,
        "lapse_note": lapse_note,
    }

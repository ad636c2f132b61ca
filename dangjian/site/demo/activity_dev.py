"""Demo development cases (发展党员) at every stage, through recruitment.services, with dates the rules accept.

New young teachers are added for the cases so the seed numbers of the roster stay as they are: 实验小学 keeps
its 34 在职党员 (only applicant/activist/candidate cases there) and 飞龙中学 its 27 正式党员 (its case approved
in the story year becomes a 预备党员); the 转正 of the story year is in 昆山市第二中学第一支部.

Dates (timeline.py): the cases that tell the story year's work move with it by whole years; the two "recent"
ones (a new applicant, an activist half-way) keep their distance from today. Steps that would still lie ahead
are left out, so early in a year a case simply stands at an earlier stage. The 发展党员工作细则 changed on
2026-05-11 and the version is picked by the step's date (dangjian.rules.recruitment.regulation_version): each
case takes the path written for the version that governs its shifted dates (the 2026 text adds 上级党委同意 and
公示 before listing, and the branch meeting within a month of 预审; the 2014 text wants the listing filed).
"""

import datetime

from dangjian.members.models import Person
from dangjian.recruitment.services import case_open, case_step_record, plan_set, publicity_close, publicity_record
from dangjian.rules.recruitment import dates as dev

from .timeline import Timeline

DAY = datetime.timedelta(days=1)
CHANNELS = ["校务公开栏", "学校微信公众号"]


def _sponsors(org) -> list[int]:
    return list(
        Person.objects.filter(org=org, on_roll=True, status="full_member")
        .order_by("id")
        .values_list("id", flat=True)[2:4]
    )


def _vote(org, present_off: int = 2) -> dict:
    n = Person.objects.filter(org=org, on_roll=True, status="full_member").count()
    return {"expected": n, "present": n - present_off, "yes": n - present_off, "written_yes": 1}


def publicity_start(planned: datetime.date, listed: datetime.date) -> datetime.date:
    """The planned 公示 start, moved earlier until its 5 working days (holidays counted) end in time for
    the listing: a shifted year can put a weekend or a holiday where 2026 had working days."""
    start = planned
    while dev.earliest_listing_date(dev.publicity_end(start).date) > listed:
        start -= DAY
    return start


def _listing(tl: Timeline, version: str, listed, consent, publicity) -> list:
    """The steps that make an activist a 发展对象 on ``listed``, per the version of the 细则 in force then."""
    start = publicity_start(publicity, listed)
    if version == "2026":
        return [
            ("upper_consent", min(consent, start), {}),
            ("publicity", start, {"channels": CHANNELS}),
            ("candidate_selected", listed, {}),
        ]
    return [
        ("publicity", start, {"channels": CHANNELS}),
        ("candidate_selected", listed, {}),
        ("candidate_filed", listed, {}),
    ]


def confirmed_path(tl: Timeline, sponsors, vote, vote_conversion) -> list:
    """Application three years before the story year → 转正 early in the story year (KSEZ-1)."""
    on, m = tl.on, sponsors
    head = [
        ("application_talk", on(2023, 9, 20), {"talker": "支部书记"}),
        ("activist_selected", on(2023, 10, 10), {"recommendation": "member"}),
        ("activist_filed", on(2023, 10, 15), {}),
        ("mentors_assigned", on(2023, 10, 15), {"mentors": m}),
        ("activist_review", on(2024, 4, 1), {}),
        ("activist_review", on(2024, 10, 1), {}),
    ]
    if dev.regulation_version(on(2024, 10, 10)) == "2014":
        middle = [
            ("candidate_selected", on(2024, 10, 10), {"opinions": {"group": "同意", "committee": "同意"}}),
            ("candidate_filed", on(2024, 10, 15), {}),
            ("sponsors_assigned", on(2024, 10, 20), {"sponsors": m}),
            ("political_review", on(2024, 11, 1), {"conclusion": "qualified", "has_conclusion_material": True}),
            ("training", on(2024, 11, 10), {"days": 3, "hours": 24}),
            ("committee_review", on(2024, 11, 20), {}),
            ("pre_review", on(2024, 12, 1), {"qualified": True}),
            ("volunteer_form", on(2024, 12, 5), {"documents": {"volunteer_form_no": f"ZS-{on(2024, 1, 1).year}-001"}}),
        ]
    else:  # listed after 2026-05-11: 上级党委同意 and 公示 first (clear of the National Day week), 预审 within a month of the meeting
        listed = on(2024, 10, 27)
        middle = _listing(tl, "2026", listed, on(2024, 10, 12), on(2024, 10, 15))
        middle[-1] = ("candidate_selected", listed, {"opinions": {"group": "同意", "committee": "同意"}})
        middle += [
            ("sponsors_assigned", on(2024, 10, 28), {"sponsors": m}),
            ("political_review", on(2024, 11, 1), {"conclusion": "qualified", "has_conclusion_material": True}),
            ("training", on(2024, 11, 10), {"days": 3, "hours": 24}),
            ("committee_review", on(2024, 12, 20), {}),
            ("pre_review", on(2025, 1, 2), {"qualified": True}),
            ("volunteer_form", on(2025, 1, 5), {"documents": {"volunteer_form_no": f"ZS-{on(2025, 1, 1).year}-001"}}),
        ]
    tail = [
        ("branch_meeting", on(2025, 1, 10), vote),
        ("approval_talk", on(2025, 1, 20), {}),
        ("approval", on(2025, 2, 20), {"approver_kind": "committee"}),
        ("approval_filed", on(2025, 2, 25), {}),
        ("group_assignment", on(2025, 2, 26), {}),
        ("oath", on(2025, 3, 1), {}),
        ("probation_review", on(2025, 7, 1), {}),
        ("conversion_application", on(2026, 1, 10), {}),
        ("conversion_meeting", on(2026, 1, 12), vote_conversion),
        ("conversion_approval", on(2026, 2, 20), {}),
    ]
    return head + middle + tail


def admission_path(tl: Timeline, sponsors, vote) -> list:
    """Application in March of the year before → 发展对象 in June, 预备党员 in August of the story year."""
    on, m = tl.on, sponsors
    listed = on(2026, 6, 1)
    return [
        ("application_talk", on(2025, 3, 20), {}),
        ("activist_selected", on(2025, 4, 15), {"recommendation": "member"}),
        ("activist_filed", on(2025, 4, 20), {}),
        ("mentors_assigned", on(2025, 4, 20), {"mentors": m}),
        ("activist_review", on(2025, 10, 10), {}),
        ("activist_review", on(2026, 4, 10), {}),
        *_listing(tl, dev.regulation_version(listed), listed, on(2026, 5, 20), on(2026, 5, 25)),
        ("sponsors_assigned", on(2026, 6, 2), {"sponsors": m}),
        ("political_review", on(2026, 6, 10), {"conclusion": "qualified", "has_conclusion_material": True}),
        ("training", on(2026, 6, 15), {"days": 3, "hours": 24}),
        ("committee_review", on(2026, 6, 20), {}),
        ("pre_review", on(2026, 6, 25), {"qualified": True}),
        ("volunteer_form", on(2026, 6, 28), {}),
        ("branch_meeting", on(2026, 7, 10), vote),
        ("approval_talk", on(2026, 7, 20), {}),
        ("approval", on(2026, 8, 10), {"approver_kind": "committee"}),
        ("oath", on(2026, 8, 20), {}),
    ]


def activist_path(tl: Timeline, applied: datetime.date, mentors) -> list:
    """Applied about a year ago, 积极分子 for eight months, reviewed ten weeks ago (dates kept from today)."""
    ago = tl.ago
    selected = ago(2026, 3, 10)
    return [  # day counts kept from today can overrun a month-based limit by a day or two: held to it
        ("application_talk", min(ago(2025, 12, 20), dev.talk_deadline(applied)), {}),
        ("activist_selected", selected, {"recommendation": "member"}),
        ("activist_filed", ago(2026, 3, 15), {}),
        ("mentors_assigned", ago(2026, 3, 15), {"mentors": mentors}),
        ("activist_review", min(ago(2026, 9, 10), dev.review_due(selected)), {}),
    ]


def applicant_path(tl: Timeline, applied: datetime.date) -> list:
    return [("application_talk", min(tl.ago(2026, 10, 9), dev.talk_deadline(applied)), {"talker": "支部书记"})]


def due_steps(path: list, today: datetime.date, until: datetime.date | None = None) -> list:
    """The steps of ``path`` done by today (and by ``until``): a step still ahead, or a 公示 whose five working
    days have not run out, ends the list there."""
    out = []
    for code, day, data in path:
        if day > today or (until and day > until):
            break
        if code == "publicity" and dev.publicity_end(day).date > today:
            break
        out.append((code, day, data))
    return out


def _advance(actor, case, steps):
    for code, day, data in steps:
        if code == "publicity":
            pub = publicity_record(actor=actor, case=case, start=day, channels=data["channels"])
            publicity_close(actor=actor, publicity=pub, result="passed")
        else:
            case_step_record(actor=actor, case=case, code=code, date=day, data=data)


def build_development(maker, orgs: dict, today: datetime.date) -> int:
    """Cases: applicant, activist, candidate (公示 passed), approved in the story year, confirmed in it."""
    actor, n = maker.actor, 0
    tl = Timeline(today)

    def new(org, area, applied):
        nonlocal n
        n += 1
        person = maker.make(org, area=area, status="applicant", age=(25, 33), title="junior")
        return case_open(actor=actor, person=person, opened_on=applied, plan_year=applied.year)

    def admission(org):
        return admission_path(tl, _sponsors(org), _vote(org))

    for code, area in (("FLZX", "339901"), ("JBSX", "339902")):
        org = orgs[code]
        # 飞龙中学 planned (and admitted) one in the story year; 实验小学 plans its 发展对象 for the year after.
        plan_set(
            actor=actor,
            org=org,
            year=tl.year if code == "FLZX" else tl.year + 1,
            planned_count=1,
            note="优先发展一线骨干教师",
        )
        applied = tl.ago(2026, 9, 10)
        _advance(actor, new(org, area, applied), due_steps(applicant_path(tl, applied), today))
        applied = tl.ago(2025, 12, 1)
        _advance(actor, new(org, area, applied), due_steps(activist_path(tl, applied, _sponsors(org)), today))
        case = new(org, area, tl.on(2025, 3, 1))
        _advance(actor, case, due_steps(admission(org), today, until=tl.on(2026, 6, 1)))  # stops once listed
    _advance(actor, new(orgs["FLZX"], "339901", tl.on(2025, 3, 1)), due_steps(admission(orgs["FLZX"]), today))
    ksez = orgs["KSEZ-1"]
    path = confirmed_path(tl, _sponsors(ksez), _vote(ksez), {**_vote(ksez, 1), "written_yes": 0, "outcome": "convert"})
    _advance(actor, new(ksez, "329901", tl.on(2023, 9, 1)), due_steps(path, today))
    return n

"""Demo development cases (发展党员) at every stage, through recruitment.services, with dates the rules accept.

New young teachers are added for the cases so the seed numbers of the roster stay as they are: 实验小学 keeps
its 34 在职党员 (only applicant/activist/candidate cases there) and 飞龙中学 its 27 正式党员 (its case approved
this year becomes a 预备党员); the 转正 of this year is in 昆山市第二中学第一支部.
"""
import datetime

from dangjian.members.models import Person
from dangjian.recruitment.services import case_open, case_step_record, plan_set, publicity_close, publicity_record

D = datetime.date


def _sponsors(org) -> list[int]:
    return list(Person.objects.filter(org=org, on_roll=True, status="full_member").order_by("id")
                .values_list("id", flat=True)[2:4])


def _vote(org, present_off: int = 2) -> dict:
    n = Person.objects.filter(org=org, on_roll=True, status="full_member").count()
    return {"expected": n, "present": n - present_off, "yes": n - present_off, "written_yes": 1}


def _confirmed_path(org):  # application 2023-09-01 → 转正 2026
    m = _sponsors(org)
    return [
        ("application_talk", D(2023, 9, 20), {"talker": "支部书记"}),
        ("activist_selected", D(2023, 10, 10), {"recommendation": "member"}),
        ("activist_filed", D(2023, 10, 15), {}),
        ("mentors_assigned", D(2023, 10, 15), {"mentors": m}),
        ("activist_review", D(2024, 4, 1), {}),
        ("activist_review", D(2024, 10, 1), {}),
        ("candidate_selected", D(2024, 10, 10), {"opinions": {"group": "同意", "committee": "同意"}}),
        ("candidate_filed", D(2024, 10, 15), {}),
        ("sponsors_assigned", D(2024, 10, 20), {"sponsors": m}),
        ("political_review", D(2024, 11, 1), {"conclusion": "qualified", "has_conclusion_material": True}),
        ("training", D(2024, 11, 10), {"days": 3, "hours": 24}),
        ("committee_review", D(2024, 11, 20), {}),
        ("pre_review", D(2024, 12, 1), {"qualified": True}),
        ("volunteer_form", D(2024, 12, 5), {"documents": {"volunteer_form_no": "ZS-2024-001"}}),
        ("branch_meeting", D(2025, 1, 10), _vote(org)),
        ("approval_talk", D(2025, 1, 20), {}),
        ("approval", D(2025, 2, 20), {"approver_kind": "committee"}),
        ("approval_filed", D(2025, 2, 25), {}),
        ("group_assignment", D(2025, 2, 26), {}),
        ("oath", D(2025, 3, 1), {}),
        ("probation_review", D(2025, 7, 1), {}),
        ("conversion_application", D(2026, 1, 10), {}),
        ("conversion_meeting", D(2026, 1, 12), {**_vote(org, 1), "written_yes": 0, "outcome": "convert"}),
        ("conversion_approval", D(2026, 2, 20), {}),
    ]


def _path_2026(org):  # application 2025-03-01 → 预备党员 2026-08
    m = _sponsors(org)
    return [
        ("application_talk", D(2025, 3, 20), {}),
        ("activist_selected", D(2025, 4, 15), {"recommendation": "member"}),
        ("activist_filed", D(2025, 4, 20), {}),
        ("mentors_assigned", D(2025, 4, 20), {"mentors": m}),
        ("activist_review", D(2025, 10, 10), {}),
        ("activist_review", D(2026, 4, 10), {}),
        ("upper_consent", D(2026, 5, 20), {}),
        ("publicity", D(2026, 5, 25), {"channels": ["校务公开栏", "学校微信公众号"]}),
        ("candidate_selected", D(2026, 6, 1), {}),
        ("sponsors_assigned", D(2026, 6, 2), {"sponsors": m}),
        ("political_review", D(2026, 6, 10), {"conclusion": "qualified", "has_conclusion_material": True}),
        ("training", D(2026, 6, 15), {"days": 3, "hours": 24}),
        ("committee_review", D(2026, 6, 20), {}),
        ("pre_review", D(2026, 6, 25), {"qualified": True}),
        ("volunteer_form", D(2026, 6, 28), {}),
        ("branch_meeting", D(2026, 7, 10), _vote(org)),
        ("approval_talk", D(2026, 7, 20), {}),
        ("approval", D(2026, 8, 10), {"approver_kind": "committee"}),
        ("oath", D(2026, 8, 20), {}),
    ]


def _activist_path(org):  # application 2025-12 → 积极分子 2026-03
    return [
        ("application_talk", D(2025, 12, 20), {}),
        ("activist_selected", D(2026, 3, 10), {"recommendation": "member"}),
        ("activist_filed", D(2026, 3, 15), {}),
        ("mentors_assigned", D(2026, 3, 15), {"mentors": _sponsors(org)}),
        ("activist_review", D(2026, 9, 10), {}),
    ]


def _advance(actor, case, path, until=None):
    for code, day, data in path:
        if code == "publicity":
            pub = publicity_record(actor=actor, case=case, start=day, channels=data["channels"])
            publicity_close(actor=actor, publicity=pub, result="passed")
        else:
            case_step_record(actor=actor, case=case, code=code, date=day, data=data)
        if code == until:
            break


def build_development(maker, orgs: dict, today: datetime.date) -> int:
    """Cases: applicant, activist, candidate (公示 passed), approved this year, confirmed this year."""
    actor, n = maker.actor, 0

    def new(org, area, applied):
        nonlocal n
        n += 1
        person = maker.make(org, area=area, status="applicant", age=(25, 33), title="junior")
        return case_open(actor=actor, person=person, opened_on=applied, plan_year=applied.year)

    for code, area in (("FLZX", "339901"), ("JBSX", "339902")):
        org = orgs[code]
        # 飞龙中学 planned (and admitted) one this year; 实验小学 plans its 发展对象 for next year.
        plan_set(actor=actor, org=org, year=today.year if code == "FLZX" else today.year + 1, planned_count=1,
                 note="优先发展一线骨干教师")
        case = new(org, area, D(2026, 9, 10))
        _advance(actor, case, [("application_talk", D(2026, 10, 9), {"talker": "支部书记"})])
        _advance(actor, new(org, area, D(2025, 12, 1)), _activist_path(org))
        _advance(actor, new(org, area, D(2025, 3, 1)), _path_2026(org), until="candidate_selected")
    _advance(actor, new(orgs["FLZX"], "339901", D(2025, 3, 1)), _path_2026(orgs["FLZX"]))
    _advance(actor, new(orgs["KSEZ-1"], "329901", D(2023, 9, 1)), _confirmed_path(orgs["KSEZ-1"]))
    return n

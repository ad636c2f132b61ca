"""Helpers for development-case tests: applicants on the roster and the standard paths of steps.

The machine date is late 2026, and steps cannot be dated in the future, so the paths are in the past:
PATH_2014 runs from a 2023 application to conversion in 2026 (events before 2026-05-11 follow the 2014
text); PATH_2026 lists a 发展对象 after 2026-05-11 with 上级党委同意 and a 公示.
"""

import datetime

import pytest

from tests.conftest import add_person

D = datetime.date


def applicant(org, name, seq, *, birth=D(1995, 3, 1), gender="female", **extra):
    return add_person(
        org,
        name,
        seq=seq,
        birth=birth,
        gender=gender,
        status="applicant",
        join_date=None,
        confirmation_date=None,
        **extra,
    )


def two_members(world):
    return [world.person_a.pk, world.person_dave.pk]


# The paths' votes (E = 9 at the 支部党员大会, E up to 10 in the quorum tests) need that many 正式党员 on
# branch A's roll on the meeting day (DEV-14: E is compared with the roll): 王芳, 丁伟 and these eight.
BRANCH_A_VOTERS = ["钱一", "孙二", "李三", "周四", "吴五", "郑六", "冯七", "陈八"]


def ten_voters(world):
    """Make branch A a branch of 10 正式党员 (since 2011), once per test."""
    from dangjian.members.models import Person

    for n, name in enumerate(BRANCH_A_VOTERS):
        if not Person.objects.filter(org=world.branch_a, name=name).exists():
            add_person(world.branch_a, name, actor=world.admin, seq=100 + n, birth=D(1975, 5, 1 + n))


def path_2014(world):
    m = two_members(world)
    ten_voters(world)
    return [
        ("application_talk", D(2023, 9, 20), {"talker": "张书记"}),
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
        ("branch_meeting", D(2025, 1, 10), {"expected": 9, "present": 7, "yes": 7, "written_yes": 1}),
        ("approval_talk", D(2025, 1, 20), {}),
        ("approval", D(2025, 2, 20), {"approver_kind": "committee"}),
        ("approval_filed", D(2025, 2, 25), {}),
        ("group_assignment", D(2025, 2, 26), {}),
        ("oath", D(2025, 3, 1), {}),
        ("probation_review", D(2025, 7, 1), {}),
        ("conversion_application", D(2026, 1, 10), {}),
        ("conversion_meeting", D(2026, 1, 12), {"expected": 9, "present": 8, "yes": 8, "outcome": "convert"}),
        ("conversion_approval", D(2026, 2, 20), {}),
    ]


def path_2026(world):
    m = two_members(world)
    ten_voters(world)
    return [
        ("application_talk", D(2025, 3, 20), {}),
        ("activist_selected", D(2025, 4, 15), {"recommendation": "member"}),
        ("activist_filed", D(2025, 4, 20), {}),
        ("mentors_assigned", D(2025, 4, 20), {"mentors": m}),
        ("activist_review", D(2025, 10, 10), {}),
        ("activist_review", D(2026, 4, 10), {}),
        ("upper_consent", D(2026, 5, 20), {}),
        ("publicity", D(2026, 5, 25), {"channels": ["本校公示栏"]}),
        ("candidate_selected", D(2026, 6, 1), {}),
        ("sponsors_assigned", D(2026, 6, 2), {"sponsors": m}),
        ("political_review", D(2026, 6, 10), {"conclusion": "qualified", "has_conclusion_material": True}),
        ("training", D(2026, 6, 15), {"days": 3, "hours": 24}),
        ("committee_review", D(2026, 6, 20), {}),
        ("pre_review", D(2026, 6, 25), {"qualified": True}),
        ("volunteer_form", D(2026, 6, 28), {}),
        ("branch_meeting", D(2026, 7, 10), {"expected": 9, "present": 7, "yes": 7}),
        ("approval_talk", D(2026, 7, 20), {}),
        ("approval", D(2026, 8, 10), {"approver_kind": "committee"}),
        ("oath", D(2026, 8, 20), {}),
    ]


def advance(case, actor, path, *, until=None, stop_before=None):
    """Record the path's steps in order (公示 via its own service) up to ``until`` inclusive."""
    from dangjian.recruitment import services

    for code, day, data in path:
        if code == stop_before:
            break
        if code == "publicity":
            pub = services.publicity_record(actor=actor, case=case, start=day, channels=data["channels"])
            services.publicity_close(actor=actor, publicity=pub, result="passed")
        else:
            services.case_step_record(actor=actor, case=case, code=code, date=day, data=data)
        if code == until:
            break
    case.refresh_from_db()
    return case


@pytest.fixture
def open_case(world):
    """A case factory: applicant on BRA's roster + opened case at ``applied``."""
    from dangjian.recruitment import services

    counter = iter(range(20, 99))

    def _open(name="赵敏", applied=D(2023, 9, 1), **kw):
        person = applicant(world.branch_a, name, next(counter))
        return services.case_open(actor=world.alice, person=person, opened_on=applied, **kw)

    return _open

"""DEV-14: the E (应到会有表决权党员) entered for a 支部党员大会 is compared with the branch's roll on the meeting
day — never more than the 正式党员 then on it; fewer is accepted (members left out for a recorded reason, e.g.
留党察看, long illness or away half a year or more: regulations.md DEV-14, which the roster does not hold).

The story, worked by hand: branch A (BRA) has 王芳 and 丁伟 (fixture, 正式 since 2011), 钱正 and 孙正 (正式 since
2011) — 4 正式党员 on 2025-01-10, the 支部党员大会 day — and 李迟, a 正式党员 transferred in on 2025-06-01 (not on
the roll that day). The applicant 赵敏 has no vote. So E = 10 and E = 5 are refused naming 4; E = 4 and E = 3 pass.
"""

import datetime

import pytest

from dangjian.accounts.models import ApiToken
from dangjian.recruitment.models import CaseStep
from tests.conftest import add_person

from .conftest import advance, applicant

D = datetime.date


def _steps(sponsors):
    """path_2014 up to the 支部党员大会, in a branch of four 正式党员 (conftest's path fills it to ten)."""
    return [
        ("application_talk", D(2023, 9, 20), {"talker": "张书记"}),
        ("activist_selected", D(2023, 10, 10), {"recommendation": "member"}),
        ("activist_filed", D(2023, 10, 15), {}),
        ("mentors_assigned", D(2023, 10, 15), {"mentors": sponsors}),
        ("activist_review", D(2024, 4, 1), {}),
        ("activist_review", D(2024, 10, 1), {}),
        ("candidate_selected", D(2024, 10, 10), {"opinions": {"group": "同意", "committee": "同意"}}),
        ("candidate_filed", D(2024, 10, 15), {}),
        ("sponsors_assigned", D(2024, 10, 20), {"sponsors": sponsors}),
        ("political_review", D(2024, 11, 1), {"conclusion": "qualified", "has_conclusion_material": True}),
        ("training", D(2024, 11, 10), {"days": 3, "hours": 24}),
        ("committee_review", D(2024, 11, 20), {}),
        ("pre_review", D(2024, 12, 1), {"qualified": True}),
        ("volunteer_form", D(2024, 12, 5), {"documents": {"volunteer_form_no": "ZS-2024-001"}}),
    ]


@pytest.fixture
def case(world):
    from dangjian.recruitment import services

    add_person(world.branch_a, "钱正", actor=world.admin, seq=61)
    add_person(world.branch_a, "孙正", actor=world.admin, seq=62)
    add_person(world.branch_a, "李迟", actor=world.alice, seq=63, since=D(2025, 6, 1))
    person = applicant(world.branch_a, "赵敏", 64)
    opened = services.case_open(actor=world.alice, person=person, opened_on=D(2023, 9, 1))
    return advance(opened, world.alice, _steps([world.person_a.pk, world.person_dave.pk]))


def _post(client, case, user, votes):
    token = ApiToken.objects.get_or_create(user=user, key=f"k-{user.username}")[0].key
    return client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "branch_meeting", "date": "2025-01-10", "data": votes},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


@pytest.mark.parametrize("expected,present", [(10, 6), (5, 4)])  # each a valid, passing vote by itself
def test_api_refuses_more_expected_voters_than_the_roll_had_that_day(world, client, case, expected, present):
    r = _post(client, case, world.alice, {"expected": expected, "present": present, "yes": present})
    assert r.status_code == 422, r.content
    detail = r.json()["detail"]
    assert f"应到会有表决权党员（{expected}人）多于2025-01-10本支部名册上的正式党员（4人）" in detail
    assert not CaseStep.objects.filter(case=case, code="branch_meeting").exists()


@pytest.mark.parametrize("expected,present,yes", [(4, 3, 3), (3, 3, 3)])
def test_api_accepts_the_roll_or_fewer(world, client, case, expected, present, yes):
    r = _post(client, case, world.alice, {"expected": expected, "present": present, "yes": yes})
    assert r.status_code == 201, r.content
    step = CaseStep.objects.get(case=case, code="branch_meeting")
    assert (step.vote_expected, step.vote_present, step.vote_yes) == (expected, present, yes)


def test_page_form_names_the_roll_count(world, login, case):
    r = login(world.alice).post(
        f"/recruitment/cases/{case.pk}/",
        {"code": "branch_meeting", "date": "2025-01-10", "expected": 10, "present": 8, "yes": 8},
    )
    assert r.status_code == 200
    assert "本支部名册上的正式党员（4人）" in r.content.decode()
    assert not CaseStep.objects.filter(case=case, code="branch_meeting").exists()

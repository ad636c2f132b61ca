"""Recording a step through the case page runs check_case: errors refuse with the rule's Chinese reason
and ID and save nothing; warnings need a written reason, which is kept."""

import datetime

import pytest

from dangjian.recruitment.models import CaseStep

from .conftest import advance, applicant, path_2014, path_2026

D = datetime.date


def post_step(client, case, code, day, **fields):
    return client.post(f"/recruitment/cases/{case.pk}/", {"code": code, "date": day.isoformat(), **fields})


def steps(case):
    return list(CaseStep.objects.filter(case=case).values_list("code", flat=True))


def test_activist_cannot_become_candidate_before_one_year(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="candidate_selected")
    client = login(world.alice)
    before = steps(case)
    r = post_step(client, case, "candidate_selected", D(2024, 10, 9))
    text = r.content.decode()
    assert "一年以上培养教育和考察" in text and "DEV-07" in text and "2024-10-10" in text
    assert steps(case) == before
    case.person.refresh_from_db()
    assert case.person.status == "activist"
    # GEN-01: exactly one year (activist 2023-10-10) is allowed.
    r = post_step(client, case, "candidate_selected", D(2024, 10, 10))
    assert r.status_code == 302
    case.person.refresh_from_db()
    assert case.person.status == "candidate"


def test_fewer_than_two_full_member_sponsors_is_refused(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="sponsors_assigned")
    client = login(world.alice)
    r = post_step(client, case, "sponsors_assigned", D(2024, 10, 20), sponsors=[world.person_a.pk])
    assert "须有两名正式党员作入党介绍人，当前为1名" in r.content.decode() and "DEV-09" in r.content.decode()
    assert "sponsors_assigned" not in steps(case)


def test_probationary_member_cannot_be_sponsor(world, login, open_case):
    from tests.conftest import add_person

    prob = add_person(
        world.branch_a, "钱预备", seq=60, status="probationary_member", join_date=D(2026, 1, 5), confirmation_date=None
    )
    case = advance(open_case(), world.alice, path_2014(world), stop_before="sponsors_assigned")
    r = post_step(login(world.alice), case, "sponsors_assigned", D(2024, 10, 20), sponsors=[world.person_a.pk, prob.pk])
    assert "入党介绍人钱预备不是正式党员" in r.content.decode()
    assert "sponsors_assigned" not in steps(case)


def test_listing_before_publicity_ends_is_refused(world, login, open_case):
    case = advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), stop_before="candidate_selected")
    client = login(world.alice)
    # 公示 from Mon 2026-05-25: the 5th working day is Fri 2026-05-29 (GEN-03).
    r = post_step(client, case, "candidate_selected", D(2026, 5, 28))
    text = r.content.decode()
    assert "公示期满前不能确定为发展对象" in text and "2026-05-29" in text and "DEV-08" in text
    assert "candidate_selected" not in steps(case)
    assert post_step(client, case, "candidate_selected", D(2026, 5, 29)).status_code == 302


def test_listing_without_publicity_is_refused_under_2026_rules(world, login, open_case):
    case = advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), stop_before="publicity")
    r = post_step(login(world.alice), case, "candidate_selected", D(2026, 6, 1))
    assert "确定发展对象前须公示不少于五个工作日" in r.content.decode()
    assert "candidate_selected" not in steps(case)


def test_listing_while_publicity_result_is_pending_is_refused(world, login, open_case):
    from dangjian.recruitment import services

    case = advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), stop_before="publicity")
    services.publicity_record(actor=world.alice, case=case, start=D(2026, 5, 25), channels=["本校公示栏"])
    r = post_step(login(world.alice), case, "candidate_selected", D(2026, 6, 1))
    assert "公示结果尚未登记" in r.content.decode()
    assert "candidate_selected" not in steps(case)


def test_2014_path_for_events_before_2026_05_11(world, login, open_case):
    """Listing on 2026-05-10 follows the 2014 text (no 同意, no 公示); on 2026-05-11 the 2026 text applies."""
    path = path_2026(world)
    old = advance(open_case("老规则", applied=D(2025, 3, 10)), world.alice, path, stop_before="upper_consent")
    new = advance(open_case("新规则", applied=D(2025, 3, 10)), world.alice, path, stop_before="upper_consent")
    client = login(world.alice)
    assert post_step(client, old, "candidate_selected", D(2026, 5, 10)).status_code == 302
    r = post_step(client, new, "candidate_selected", D(2026, 5, 11))
    assert "上级党委同意" in r.content.decode() and "DEV-08" in r.content.decode()
    assert "candidate_selected" not in steps(new)


@pytest.mark.parametrize(
    "expected,present,yes,written,ok",
    [
        (10, 5, 5, 0, False),  # no quorum: 5 is not more than 10/2
        (10, 6, 5, 0, False),  # quorum, but 5 yes is not more than half of E
        (10, 6, 4, 2, True),  # written yes opinions count
        (9, 5, 5, 0, True),
    ],
)
def test_branch_meeting_quorum_and_vote(world, login, open_case, expected, present, yes, written, ok):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="branch_meeting")
    r = post_step(
        login(world.alice),
        case,
        "branch_meeting",
        D(2025, 1, 10),
        expected=expected,
        present=present,
        yes=yes,
        written_yes=written,
    )
    assert (r.status_code == 302) is ok
    assert ("branch_meeting" in steps(case)) is ok
    if not ok:
        assert "DEV-14" in r.content.decode()
        assert ("会议无效" if present * 2 <= expected else "决议未通过") in r.content.decode()


def test_branch_meeting_without_quorum_is_refused(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="branch_meeting")
    r = post_step(login(world.alice), case, "branch_meeting", D(2025, 1, 10), expected=10, present=5, yes=5)
    assert "未超过应到会人数（10人）的半数，会议无效" in r.content.decode()


def test_impossible_vote_counts_are_refused_with_field_reason(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="branch_meeting")
    r = post_step(login(world.alice), case, "branch_meeting", D(2025, 1, 10), expected=5, present=6, yes=6)
    assert "实到会人数（6）不能多于应到会人数（5）" in r.content.decode()
    assert "branch_meeting" not in steps(case)


@pytest.mark.parametrize("months,ok", [(3, False), (6, True), (12, True), (13, False)])
def test_extension_must_be_6_to_12_months_under_2026_rules(world, login, open_case, months, ok):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="conversion_meeting")
    r = post_step(
        login(world.alice),
        case,
        "conversion_meeting",
        D(2026, 6, 15),
        expected=9,
        present=8,
        yes=8,
        outcome="extend",
        extension_months=months,
    )
    assert (r.status_code == 302) is ok
    if not ok:
        assert "DEV-20" in r.content.decode() and "不少于半年、最长不超过一年" in r.content.decode()


def test_three_month_extension_was_allowed_under_2014_rules(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="conversion_meeting")
    r = post_step(
        login(world.alice),
        case,
        "conversion_meeting",
        D(2026, 1, 12),
        expected=9,
        present=8,
        yes=8,
        outcome="extend",
        extension_months=3,
    )
    assert r.status_code == 302


def test_warning_needs_written_reason_which_is_kept(world, login, open_case):
    case = open_case(applied=D(2023, 9, 1))
    client = login(world.alice)
    r = post_step(client, case, "application_talk", D(2023, 10, 5))  # deadline 2023-10-01 (DEV-03)
    assert "一个月内派人谈话" in r.content.decode() and "说明理由" in r.content.decode()
    assert "application_talk" not in steps(case)
    r = post_step(client, case, "application_talk", D(2023, 10, 5), override_reason="申请人国庆期间外出，节后谈话")
    assert r.status_code == 302
    step = CaseStep.objects.get(case=case, code="application_talk")
    assert step.override_reason == "申请人国庆期间外出，节后谈话"
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "已说明理由：申请人国庆期间外出，节后谈话" in page


def test_under_18_application_is_refused(world, login):
    person = applicant(world.branch_a, "小青", 70, birth=D(2008, 5, 20))
    client = login(world.alice)
    r = client.post("/recruitment/new/", {"person": person.pk, "opened_on": "2026-05-19"})
    assert "未满十八周岁" in r.content.decode() and "DEV-01" in r.content.decode()
    assert not person.development_cases.exists()
    r = client.post("/recruitment/new/", {"person": person.pk, "opened_on": "2026-05-20"})
    assert r.status_code == 302
    assert person.development_cases.count() == 1

"""DEV — 《中国共产党发展党员工作细则》: the single-rule functions and their worked cases."""

from datetime import date

import pytest

from dangjian.rules import recruitment as r
from dangjian.rules.settings import LocalSettings


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "birth,applied,ok",
    [
        pytest.param(date(2008, 5, 20), date(2026, 5, 20), True, id="DEV-01-exactly-18"),
        pytest.param(date(2008, 5, 20), date(2026, 5, 19), False, id="DEV-01-UNDER_18"),
    ],
)
def test_dev01_applicant_age(birth, applied, ok):
    """DEV-01: applicant age."""
    assert r.is_adult_on(birth, applied) is ok


@pytest.mark.parametrize(
    "receiving,has_unit,unit_has_org,mobile,ok",
    [
        pytest.param("unit", True, True, False, True, id="DEV-02-own-unit"),
        pytest.param("residence", True, True, False, False, id="DEV-02-residence-while-unit-has-org"),
        pytest.param("supervising_department", True, False, False, True, id="DEV-02-unit-without-org"),
        pytest.param("residence", False, False, False, True, id="DEV-02-no-unit"),
        pytest.param("mobile", True, True, True, True, id="DEV-02-mobile"),
    ],
)
def test_dev02_where_the_application_is_filed(receiving, has_unit, unit_has_org, mobile, ok):
    """DEV-02: where the application is filed."""
    assert r.application_org_valid(receiving, has_unit=has_unit, unit_has_org=unit_has_org, mobile=mobile) is ok


@pytest.mark.parametrize(
    "received,due",
    [
        pytest.param(date(2026, 1, 31), date(2026, 2, 28), id="DEV-03-jan31"),
        pytest.param(date(2026, 3, 10), date(2026, 4, 10), id="DEV-03-mar10"),
    ],
)
def test_dev03_talk_deadline(received, due):
    """DEV-03: talk deadline."""
    assert r.talk_deadline(received) == due


def test_dev06_half_yearly_review_due():
    """DEV-06: half yearly review due."""
    assert r.review_due(date(2026, 1, 10)) == date(2026, 7, 10)


@pytest.mark.parametrize(
    "listed,ok",
    [
        pytest.param(date(2026, 5, 20), True, id="DEV-07-exactly-one-year"),
        pytest.param(date(2026, 5, 19), False, id="DEV-07-DEV_OBJECT_TOO_EARLY"),
    ],
)
def test_dev07_one_year_of_cultivation(listed, ok):
    """DEV-07: one year of cultivation."""
    assert (listed >= r.earliest_candidate_date(date(2025, 5, 20))) is ok


def test_dev08_publicity_end_and_listing_day_setting():
    """DEV-08: publicity end and listing day setting."""
    end = r.publicity_end(date(2026, 6, 1))
    assert end.date == date(2026, 6, 5)
    assert r.earliest_listing_date(end.date) == date(2026, 6, 5)
    assert r.earliest_listing_date(end.date, LocalSettings(list_on_last_publicity_day=False)) == date(2026, 6, 6)


def test_dev08_publicity_in_two_places_ends_when_both_have_run():
    """DEV-08: publicity in two places ends when both have run."""
    end = r.publicity_end([date(2026, 6, 1), date(2026, 6, 3)], channel_count=2)
    assert end.date == date(2026, 6, 9)
    assert r.publicity_end(date(2026, 6, 1), channel_count=2).date == date(2026, 6, 5)
    with pytest.raises(ValueError):
        r.publicity_end([date(2026, 6, 1), date(2026, 6, 2)], channel_count=3)
    with pytest.raises(ValueError):
        r.publicity_end(date(2026, 6, 1), channel_count=0)


def test_dev05_mentors():
    """DEV-05: mentors."""
    assert codes(r.mentors_findings([])) == ["MENTOR_COUNT"]
    three = [{"name": n, "full_member": True} for n in "ABC"]
    assert codes(r.mentors_findings(three)) == ["MENTOR_COUNT"]
    assert codes(r.mentors_findings([{"name": "甲", "full_member": False}])) == ["MENTOR_NOT_FULL_MEMBER"]
    assert r.mentors_findings([{"name": "甲", "full_member": True}]) == []


def test_dev09_sponsors():
    """DEV-09: sponsors."""
    full = {"name": "甲", "full_member": True}
    assert r.sponsors_findings([full, {"name": "乙", "full_member": True}]) == []
    assert codes(r.sponsors_findings([full])) == ["SPONSOR_COUNT"]
    assert codes(r.sponsors_findings([full, {"name": "乙", "full_member": False}])) == ["SPONSOR_NOT_FULL_MEMBER"]
    warned = {"name": "乙", "full_member": True, "discipline": "warning", "discipline_date": date(2025, 12, 1)}
    found = r.sponsors_findings([full, warned], on=date(2026, 6, 1))
    assert codes(found) == ["SPONSOR_DISCIPLINED"] and found[0].level == "warning"
    assert "不宜" in found[0].message_zh and found[0].message_zh.endswith("第十四条）")
    probation = {"name": "丙", "full_member": True, "discipline": "probation"}
    found = r.sponsors_findings([full, probation], on=date(2026, 6, 1))
    assert codes(found) == ["SPONSOR_ON_PROBATION"] and found[0].level == "error"


def test_dev09_sanction_effect_period_ends():
    """DEV-09: sanction effect period ends."""
    old = {"name": "乙", "full_member": True, "discipline": "warning", "discipline_date": date(2024, 1, 1)}
    assert r.sponsors_findings([{"name": "甲", "full_member": True}, old], on=date(2026, 6, 1)) == []


@pytest.mark.parametrize(
    "days,hours,ok",
    [
        pytest.param(3, 20, True, id="DEV-11-three-days"),
        pytest.param(2, 24, True, id="DEV-11-24-hours"),
        pytest.param(2, 16, False, id="DEV-11-TRAINING_INSUFFICIENT"),
    ],
)
def test_dev11_training(days, hours, ok):
    """DEV-11: training."""
    assert r.training_sufficient(days, hours) is ok


def test_dev12_leaving_within_three_months():
    """DEV-12: leaving within three months."""
    assert r.leaving_within_3_months(date(2026, 8, 1), date(2026, 6, 15))
    assert not r.leaving_within_3_months(date(2026, 9, 16), date(2026, 6, 15))


@pytest.mark.parametrize(
    "pre,due",
    [
        pytest.param(date(2026, 6, 30), date(2026, 7, 30), id="DEV-13-jun30"),
        pytest.param(date(2027, 1, 31), date(2027, 2, 28), id="DEV-13-jan31"),
    ],
)
def test_dev13_branch_meeting_within_one_month(pre, due):
    """DEV-13: branch meeting within one month."""
    assert r.branch_meeting_deadline(pre) == due


def test_dev16_only_a_party_committee_approves():
    """DEV-16: only a party committee approves."""
    assert r.approver_valid("committee")
    for kind in ("general_branch", "leading_group", "branch", "temporary"):
        assert not r.approver_valid(kind)


def test_dev17_approval_deadlines():
    """DEV-17: approval deadlines."""
    assert r.approval_deadlines(date(2026, 3, 15)) == (date(2026, 6, 15), date(2026, 9, 15))


def test_dev18_oath_deadline():
    """DEV-18: oath deadline."""
    assert r.oath_deadline(date(2026, 6, 20)) == date(2026, 7, 20)


@pytest.mark.parametrize(
    "meeting,end",
    [
        pytest.param(date(2026, 3, 15), date(2027, 3, 15), id="DEV-19-mar15"),
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), id="DEV-19-leap"),
    ],
)
def test_dev19_probation_end_from_meeting_not_approval(meeting, end):
    """DEV-19: probation end from meeting not approval."""
    assert r.probation_end(meeting) == end
    assert r.conversion_date(meeting) == end


@pytest.mark.parametrize(
    "months,previous,ok",
    [
        pytest.param(3, 0, False, id="DEV-20-3-months"),
        pytest.param(6, 0, True, id="DEV-20-6-months"),
        pytest.param(12, 0, True, id="DEV-20-12-months"),
        pytest.param(13, 0, False, id="DEV-20-13-months"),
        pytest.param(6, 1, False, id="DEV-20-second-extension"),
    ],
)
def test_dev20_extension_2026(months, previous, ok):
    """DEV-20: extension 2026."""
    assert r.extension_valid(months, previous, date(2026, 9, 1)) is ok


def test_dev21_conversion_approval_and_date():
    """DEV-21: conversion approval and date."""
    assert r.conversion_approval_deadline(date(2027, 3, 20)) == date(2027, 6, 20)
    assert r.conversion_date(date(2026, 3, 15)) == date(2027, 3, 15)
    assert r.conversion_date(date(2026, 3, 15), extension_months=6) == date(2027, 9, 15)


def test_dev22_transferred_in_postponement():
    """DEV-22: transferred in postponement."""
    assert r.transferred_discussion_deadline(date(2026, 9, 1)) == date(2027, 3, 1)
    # converted on 2026-12-10 after a 2025-09-01 meeting: the recorded date is still 2026-09-01
    assert r.conversion_date(date(2025, 9, 1)) == date(2026, 9, 1)


def test_dev23_archive_checklist():
    """DEV-23: archive checklist."""
    assert r.missing_archive_documents(r.ARCHIVE_DOCUMENTS) == []
    assert r.missing_archive_documents(["入党志愿书", "application"]) == [
        "activist_review_form",
        "political_review",
        "probation_review_form",
        "conversion_application",
    ]


def test_steps_cover_the_classic_25_plus_the_2026_additions():
    assert [s.number for s in r.CLASSIC_STEPS] == list(range(1, 26))
    assert {s.code for s in r.STEPS if s.number == 0} == {"upper_consent", "publicity"}
    assert "candidate_filed" not in {s.code for s in r.steps_for_version("2026")}
    assert "publicity" not in {s.code for s in r.steps_for_version("2014")}
    assert set(r.STAGES) == {s.stage for s in r.STEPS} == {1, 2, 3, 4, 5}


def test_events_accept_objects_and_mappings():
    class E:
        step, date, data = "application", date(2026, 1, 1), None

    assert r.normalize([E()])[0].data == {}
    assert r.normalize({"application": date(2026, 1, 1), "activist_selected": None})[0].step == "application"
    with pytest.raises(ValueError):
        r.normalize([{"step": "bogus", "date": date(2026, 1, 1)}])


def test_dev24_probationary_members_pay_dues_but_do_not_vote():
    """DEV-24: dues from the month of the 支部大会 resolution; no vote until conversion."""
    from dangjian.rules.dues import first_dues_month
    from dangjian.rules.votes import expected_voters, has_voting_rights

    assert first_dues_month(date(2026, 3, 15)) == date(2026, 3, 1)
    assert not has_voting_rights(full_member=False)
    assert has_voting_rights(full_member=True)
    assert not has_voting_rights(full_member=True, under_probation_discipline=True)
    assert not has_voting_rights(full_member=True, detained=True)
    members = [{"full_member": True}, {"full_member": True, "excluded_from_E": True}, {"full_member": False}]
    assert expected_voters(members) == 1

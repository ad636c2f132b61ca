"""LIFE — organisational life: required meetings per period, quorum, chairs, talks."""

from datetime import date

import pytest

from dangjian.rules import org_life
from dangjian.rules.settings import LocalSettings
from dangjian.rules.votes import branch_vote, committee_quorum


def codes(findings):
    return {f.code for f in findings}


def test_life01_general_meeting_each_quarter():
    """LIFE-01: general meeting each quarter."""
    meetings = [("general_meeting", date(2026, 1, 15)), ("general_meeting", date(2026, 5, 10))]
    found = [f for f in org_life.check_meetings(meetings, 2026, date(2027, 1, 1)) if f.rule_id == "LIFE-01"]
    assert {f.code for f in found} == {"GENERAL_MEETING_MISSING_Q3", "GENERAL_MEETING_MISSING_Q4"}
    assert all(f.level == "warning" for f in found)
    assert found[0].due_date == date(2026, 9, 30)


def test_life01_unfinished_quarter_is_not_flagged():
    """LIFE-01: unfinished quarter is not flagged."""
    meetings = [("general_meeting", date(2026, 1, 15)), ("general_meeting", date(2026, 5, 10))]
    found = org_life.check_meetings(meetings, 2026, date(2026, 9, 30))
    assert "GENERAL_MEETING_MISSING_Q3" not in codes(found)


def test_life01_vote_rule_is_dev14():
    """LIFE-01: vote rule is dev14."""
    assert branch_vote(10, 6, 6) == (True, True)


@pytest.mark.parametrize(
    "members,present,inclusive,ok",
    [
        pytest.param(5, 3, False, True, id="LIFE-02-3-of-5"),
        pytest.param(4, 2, False, False, id="LIFE-02-2-of-4-strict"),
        pytest.param(4, 2, True, True, id="LIFE-02-2-of-4-inclusive"),
        pytest.param(5, 2, True, False, id="LIFE-02-2-of-5-inclusive"),
    ],
)
def test_life02_committee_quorum(members, present, inclusive, ok):
    """LIFE-02: committee quorum."""
    assert committee_quorum(members, present, LocalSettings(half_or_more_inclusive=inclusive)) is ok


def test_life02_committee_meeting_each_month():
    """LIFE-02: committee meeting each month."""
    meetings = [("committee_meeting", date(2026, m, 5)) for m in range(1, 13) if m != 4]
    found = org_life.check_meetings(meetings, 2026, date(2027, 1, 1))
    assert {f.code for f in found if f.rule_id == "LIFE-02"} == {"COMMITTEE_MEETING_MISSING_M4"}
    without_committee = org_life.check_meetings([], 2026, date(2027, 1, 1), has_committee=False)
    assert not any(f.rule_id == "LIFE-02" for f in without_committee)


def test_life03_group_meetings_only_checked_with_groups():
    """LIFE-03: group meetings only checked with groups."""
    assert not any(f.rule_id == "LIFE-03" for f in org_life.check_meetings([], 2026, date(2026, 2, 1)))
    found = org_life.check_meetings([], 2026, date(2026, 2, 1), has_groups=True)
    assert {f.code for f in found if f.rule_id == "LIFE-03"} == {"GROUP_MEETING_MISSING_M1"}


def test_life04_chair():
    """LIFE-04: chair."""
    assert org_life.chair_findings("general_meeting", "secretary") == []
    assert codes(org_life.chair_findings("general_meeting", "publicity_officer")) == {"CHAIR_NOT_AUTHORISED"}
    assert org_life.chair_findings("committee_meeting", "deputy_secretary", delegated=True) == []
    assert org_life.chair_findings("group_meeting", "group_leader") == []


def test_life05_lecture_quarterly_by_default():
    """LIFE-05: lecture quarterly by default."""
    lectures = [
        ("party_lecture", date(2026, 2, 1)),
        ("party_lecture", date(2026, 5, 1)),
        ("party_lecture", date(2026, 11, 1)),
    ]
    found = org_life.check_meetings(lectures, 2026, date(2027, 1, 1))
    assert {f.code for f in found if f.rule_id == "LIFE-05"} == {"LECTURE_MISSING_Q3"}


def test_life05_lecture_frequency_is_a_setting():
    """LIFE-05: lecture frequency is a setting."""
    lectures = [
        ("party_lecture", date(2026, 2, 1)),
        ("party_lecture", date(2026, 5, 1)),
        ("party_lecture", date(2026, 11, 1)),
    ]
    twice = org_life.check_meetings(
        lectures, 2026, date(2027, 1, 1), LocalSettings(lecture_frequency="twice_per_half_year")
    )
    assert {f.code for f in twice if f.rule_id == "LIFE-05"} == {"LECTURE_MISSING_H2"}
    yearly = org_life.check_meetings(lectures, 2026, date(2027, 1, 1), LocalSettings(lecture_frequency="yearly"))
    assert not any(f.rule_id == "LIFE-05" for f in yearly)
    assert not any(
        r.kind == "party_lecture" for r in org_life.required_meetings(LocalSettings(lecture_frequency="none"))
    )


def test_life06_theme_day_each_month():
    """LIFE-06: theme day each month."""
    days = [("theme_day", date(2026, m, 10)) for m in range(1, 13) if m != 8]
    found = org_life.check_meetings(days, 2026, date(2027, 1, 1))
    assert {f.code for f in found if f.rule_id == "LIFE-06"} == {"THEME_DAY_MISSING_M8"}


@pytest.mark.parametrize(
    "held,today,expected",
    [
        pytest.param(None, date(2026, 12, 31), [], id="LIFE-07-not-yet-year-end"),
        pytest.param(None, date(2027, 1, 1), [("ORG_LIFE_REVIEW_MISSING", "warning")], id="LIFE-07-missing"),
        pytest.param(date(2027, 1, 10), date(2027, 1, 11), [("ORG_LIFE_REVIEW_LATE", "warning")], id="LIFE-07-late"),
        pytest.param(date(2026, 12, 20), date(2027, 1, 11), [], id="LIFE-07-in-q4"),
        pytest.param(date(2026, 6, 20), date(2027, 1, 11), [("ORG_LIFE_REVIEW_EARLY", "info")], id="LIFE-07-early"),
    ],
)
def test_life07_org_life_review(held, today, expected):
    """LIFE-07: org life review."""
    found = org_life.org_life_review_findings(2026, held, today)
    assert [(f.code, f.level) for f in found] == expected


def test_life08_appraisal_once_a_year():
    """LIFE-08: appraisal once a year."""
    found = org_life.check_meetings([], 2026, date(2027, 1, 1))
    assert "APPRAISAL_MISSING_Y1" in codes(found)
    found = org_life.check_meetings([("appraisal", date(2026, 12, 1))], 2026, date(2027, 1, 1))
    assert "APPRAISAL_MISSING_Y1" not in codes(found)


def test_life09_every_member_has_a_talk():
    """LIFE-09: every member has a talk."""
    found = org_life.talk_findings(["张三", "李四", "王五"], ["李四"], 2026)
    assert codes(found) == {"TALK_MISSING"} and "张三、王五" in found[0].message_zh
    assert org_life.talk_findings(["张三"], ["张三"], 2026) == []


def test_life10_dual_org_life_is_catalogued_only():
    """LIFE-10: dual org life is catalogued only."""
    from dangjian.rules.catalog import get_rule

    assert not get_rule("LIFE-10").computable

"""The compliance calendar: required / held / missing per period (LIFE-01…09) and its warnings."""

import datetime

from django.utils import timezone

from dangjian.meetings.compliance import calendar
from dangjian.rulebook.models import BureauSetting

from .conftest import hold

D = datetime.date


def _status(cal, month, kind):
    i = [c["kind"] for c in cal["columns"]].index(kind)
    return cal["months"][month - 1]["cells"][i]["status"]


def _messages(cal):
    return [f.message_zh for f in cal["findings"]]


def test_general_meeting_each_quarter_life01(world):
    hold(world.branch_a, "general_meeting", D(2025, 1, 15))
    hold(world.branch_a, "general_meeting", D(2025, 5, 10))
    cal = calendar(world.branch_a, 2025, D(2025, 11, 1))
    assert [_status(cal, m, "general_meeting") for m in (1, 4, 7, 10)] == ["met", "met", "missing", "open"]
    assert any("2025年党员大会未达要求：第3季度（一般每季度不少于1次）" in m for m in _messages(cal))


def test_warning_when_quarter_has_two_weeks_left_without_general_meeting(world):
    hold(world.branch_a, "general_meeting", D(2025, 1, 15))
    cal = calendar(world.branch_a, 2025, D(2025, 6, 20))
    assert _status(cal, 6, "general_meeting") == "due_soon"
    assert any("2025年第2季度党员大会尚未召开（还剩10天）" in m for m in _messages(cal))
    early = calendar(world.branch_a, 2025, D(2025, 5, 1))
    assert _status(early, 5, "general_meeting") == "open"


def test_committee_meetings_required_monthly_only_when_branch_has_a_committee(world, committee):
    hold(world.branch_a, "committee_meeting", D(2025, 3, 3))
    cal = calendar(world.branch_a, 2025, D(2025, 5, 20))
    assert [_status(cal, m, "committee_meeting") for m in (2, 3, 4)] == ["missing", "met", "missing"]


def test_branch_without_committee_is_not_asked_for_committee_meetings(world):
    cal = calendar(world.branch_b, 2025, D(2025, 5, 20))
    assert "committee_meeting" not in [c["kind"] for c in cal["columns"]]


def test_group_meetings_checked_only_for_branches_with_groups_and_every_group_counts(world):
    from dangjian.orgs.services import org_create

    assert "group_meeting" not in [c["kind"] for c in calendar(world.branch_b, 2025, D(2025, 5, 1))["columns"]]
    g2 = org_create(actor=world.admin, kind="group", name="第二党小组", code="BRA-G2", parent=world.branch_a)
    hold(world.branch_a, "group_meeting", D(2025, 3, 3), group=world.group_a)
    hold(world.branch_a, "group_meeting", D(2025, 4, 3), group=world.group_a)
    hold(world.branch_a, "group_meeting", D(2025, 4, 9), group=g2)
    cal = calendar(world.branch_a, 2025, D(2025, 5, 20))
    assert _status(cal, 3, "group_meeting") == "missing"  # only one of two groups met
    assert _status(cal, 4, "group_meeting") == "met"


def test_party_lecture_frequency_follows_the_local_setting_life05(world):
    hold(world.branch_a, "party_lecture", D(2025, 2, 3), lecturer=world.person_a)
    cal = calendar(world.branch_a, 2025, D(2025, 8, 1))
    assert _status(cal, 4, "party_lecture") == "missing"  # default: quarterly
    BureauSetting.objects.create(bureau=world.bureau, values={"lecture_frequency": "yearly"})
    cal = calendar(world.branch_a, 2025, D(2025, 8, 1))
    assert _status(cal, 4, "party_lecture") == "met"


def test_year_requirements_org_life_review_appraisal_and_talks(world):
    hold(world.branch_a, "org_life_review", D(2025, 12, 10))
    cal = calendar(world.branch_a, 2026, D(2026, 1, 10))
    assert _status(cal, 1, "org_life_review") == "open"
    last = calendar(world.branch_a, 2025, D(2026, 1, 10))
    assert _status(last, 12, "org_life_review") == "met"
    assert _status(last, 12, "appraisal") == "missing"
    assert _status(last, 12, "heart_to_heart_talk") == "missing"
    assert any("LIFE-08" == f.rule_id for f in last["findings"])


def test_calendar_page_turns_this_months_committee_cell_green(committee, login):
    today = timezone.localdate()
    client = login(committee.alice)
    html = client.get(f"/meetings/org/BRA/calendar/{today.year}/").content.decode()
    from .test_recording import _cell

    assert _cell(html, today.month, "committee_meeting") != "met"
    hold(committee.branch_a, "committee_meeting", today)
    html = client.get(f"/meetings/org/BRA/calendar/{today.year}/").content.decode()
    assert _cell(html, today.month, "committee_meeting") == "met"
    assert 'class="table-success" data-status="met"' in html

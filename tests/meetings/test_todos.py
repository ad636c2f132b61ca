"""todos_for(user, today): due / overdue organisational life for the orgs a user manages."""

import datetime

from dangjian.meetings.services import attendance_set
from dangjian.meetings.todos import todos_for
from dangjian.rules.periods import add_months

from .conftest import hold, records_began

D = datetime.date
KEYS = {"due_date", "title_zh", "rule_id", "url", "org_id", "level"}


def test_quarter_general_meeting_missing_with_two_weeks_left_is_a_warning(world):
    hold(world.branch_a, "theme_day", D(2025, 6, 10))
    items = todos_for(world.alice, D(2025, 6, 20))
    assert all(set(i) == KEYS for i in items)
    due = [i for i in items if "2025年第2季度党员大会尚未召开" in i["title_zh"]]
    assert len(due) == 1
    assert due[0]["due_date"] == D(2025, 6, 30) and due[0]["rule_id"] == "LIFE-01" and due[0]["level"] == "warning"
    assert due[0]["url"] == "/meetings/org/BRA/calendar/2025/" and due[0]["org_id"] == world.branch_a.pk
    hold(world.branch_a, "general_meeting", D(2025, 6, 18))
    assert not [i for i in todos_for(world.alice, D(2025, 6, 20)) if "第2季度党员大会" in i["title_zh"]]


def test_last_period_missed_is_overdue_and_quiet_branch_is_flagged(world):
    hold(world.branch_a, "theme_day", D(2025, 3, 10))
    items = todos_for(world.alice, D(2025, 5, 3))
    titles = [i["title_zh"] for i in items]
    assert "飞龙中学党支部：2025年4月主题党日未召开（0/1次）" in titles
    assert any("静默支部" in t for t in titles)
    overdue = next(i for i in items if "2025年4月主题党日" in i["title_zh"])
    assert overdue["due_date"] == D(2025, 4, 30) and overdue["rule_id"] == "LIFE-06"


def test_six_month_lapse_appears_for_the_secretary_not_for_charlie(world):
    records_began(D(2024, 9, 1))
    for i in range(8):
        m = hold(world.branch_a, "theme_day", add_months(D(2025, 1, 10), i))
        attendance_set(
            actor=None,
            meeting=m,
            rows=[
                {"person_id": world.person_a.pk, "status": "present"},
                {"person_id": world.person_dave.pk, "status": "present" if i < 2 else "absent"},
            ],
        )
    items = [i for i in todos_for(world.alice, D(2025, 9, 10)) if i["rule_id"] == "CON-06"]
    assert len(items) == 1 and "丁伟" in items[0]["title_zh"] and items[0]["level"] == "error"
    assert items[0]["url"] == "/meetings/org/BRA/participation/2025/"
    bob_items = todos_for(world.bob, D(2025, 9, 10))
    assert any(i["rule_id"] == "CON-06" for i in bob_items)
    assert all(i["org_id"] != world.branch_a.pk for i in todos_for(world.charlie, D(2025, 9, 10)))
    assert todos_for(world.dave, D(2025, 9, 10)) == []  # a plain member manages nothing

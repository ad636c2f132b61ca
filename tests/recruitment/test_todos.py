"""todos_for(user, today): due and overdue dates of development cases, per the to-do contract."""

import datetime

from dangjian.recruitment.todos import todos_for

from .conftest import advance, path_2014, path_2026

D = datetime.date
KEYS = {"due_date", "title_zh", "rule_id", "url", "org_id", "level"}


def _by_rule(items, rule_id):
    return [i for i in items if i["rule_id"] == rule_id]


def test_talk_due_within_one_month(world, open_case):
    case = open_case("谈话甲", applied=D(2026, 1, 31))
    items = _by_rule(todos_for(world.alice, D(2026, 2, 10)), "DEV-03")
    assert len(items) == 1 and set(items[0]) == KEYS
    assert items[0]["due_date"] == D(2026, 2, 28) and items[0]["level"] == "info"
    assert items[0]["url"] == f"/recruitment/cases/{case.pk}/" and items[0]["org_id"] == world.branch_a.pk
    assert _by_rule(todos_for(world.alice, D(2026, 3, 1)), "DEV-03")[0]["level"] == "warning"


def test_half_yearly_activist_review(world, open_case):
    advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), until="activist_review")
    items = _by_rule(todos_for(world.alice, D(2026, 4, 1)), "DEV-06")
    assert [i["due_date"] for i in items] == [D(2026, 4, 10)]  # last review 2025-10-10 + 6 months


def test_meeting_within_one_month_of_pre_review(world, open_case):
    advance(open_case(applied=D(2025, 3, 10)), world.alice, path_2026(world), until="pre_review")
    items = _by_rule(todos_for(world.alice, D(2026, 7, 1)), "DEV-13")
    assert [i["due_date"] for i in items] == [D(2026, 7, 25)]


def test_approval_three_then_six_months(world, open_case):
    advance(open_case(), world.alice, path_2014(world), until="branch_meeting")
    soon = _by_rule(todos_for(world.alice, D(2025, 3, 20)), "DEV-17")
    assert [(i["due_date"], i["level"]) for i in soon] == [(D(2025, 4, 10), "info")]
    late = _by_rule(todos_for(world.alice, D(2025, 5, 1)), "DEV-17")
    assert [(i["due_date"], i["level"]) for i in late] == [(D(2025, 7, 10), "info")]
    assert _by_rule(todos_for(world.alice, D(2025, 7, 11)), "DEV-17")[0]["level"] == "error"


def test_oath_and_probation_end(world, open_case):
    advance(open_case(), world.alice, path_2014(world), until="approval")
    assert [i["due_date"] for i in _by_rule(todos_for(world.alice, D(2025, 3, 1)), "DEV-18")] == [D(2025, 3, 20)]
    ending = _by_rule(todos_for(world.alice, D(2025, 12, 20)), "DEV-19")
    assert [i["due_date"] for i in ending] == [D(2026, 1, 10)]


def test_conversion_approval_within_three_months(world, open_case):
    advance(open_case(), world.alice, path_2014(world), until="conversion_meeting")
    items = _by_rule(todos_for(world.alice, D(2026, 3, 20)), "DEV-21")
    assert [i["due_date"] for i in items] == [D(2026, 4, 12)]
    assert not _by_rule(todos_for(world.alice, D(2026, 3, 20)), "DEV-19")  # decided, no longer "ending"


def test_nothing_for_other_branch_or_far_future(world, open_case):
    open_case("远期", applied=D(2026, 1, 31))
    assert todos_for(world.charlie, D(2026, 2, 10)) == []
    assert _by_rule(todos_for(world.alice, D(2026, 1, 1)), "DEV-03") == []  # due 2026-02-28, beyond 30 days

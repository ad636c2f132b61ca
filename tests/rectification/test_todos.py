"""To-dos: due within 14 days or overdue for the org's managers and the owner's login; waiting for
acceptance for the superior."""

import datetime

from dangjian.rectification import services
from dangjian.site.todos import todos_for

from .conftest import TODAY

D = datetime.timedelta


def _titles(user, needle="整改"):
    return [
        (t["title_zh"], t["rule_id"], t["level"], t["overdue"])
        for t in todos_for(user, TODAY)
        if needle in t["title_zh"]
    ]


def test_due_overdue_and_acceptance_todos(world):
    w = world
    past = TODAY - D(days=30)
    late = services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="meeting_gap",
        source_ref="g",
        rule_id="LIFE-01",
        problem="缺期未补",
        owner=w.person_dave,
        raised_on=past,
        due_date=past + D(days=10),
    )
    services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="将到期", due_date=TODAY + D(days=7)
    )
    services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="还早", due_date=TODAY + D(days=60)
    )
    waiting = services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="待验收的", due_date=TODAY + D(days=3)
    )
    services.rectification_report_done(actor=w.alice, item=waiting, closure_note="done")
    alice = _titles(w.alice)
    assert ("飞龙中学党支部整改已逾期：缺期未补", "LIFE-01", "error", True) in alice
    assert ("飞龙中学党支部整改到期：将到期", "RECT", "warning", False) in alice
    assert not [t for t in alice if "还早" in t[0] or "验收" in t[0]]
    # dave is the owner of the late item and has a login.
    assert [t[0] for t in _titles(w.dave)] == ["飞龙中学党支部整改已逾期：缺期未补"]
    # bob (the superior) is asked to accept; the branch's own due items stay with the branch.
    assert [t[0] for t in _titles(w.bob)] == ["验收飞龙中学党支部的整改：待验收的"]
    assert _titles(w.charlie) == []
    services.rectification_accept(actor=w.bob, item=waiting)
    assert _titles(w.bob) == []
    assert late.pk


def test_acceptance_todo_goes_to_the_branch_without_a_superior(world):
    w = world
    item = services.rectification_raise(
        actor=w.charlie, org=w.branch_b, source="manual", source_ref="", problem="自查问题", due_date=TODAY + D(days=30)
    )
    services.rectification_report_done(actor=w.charlie, item=item, closure_note="done")
    assert [t[0] for t in _titles(w.charlie)] == ["验收昆山二中第一支部的整改：自查问题"]

"""The plans app's to-dos: tasks to answer, answers to review, overdue plan items, visit rectifications, visits."""

import datetime

from dangjian.plans import services
from dangjian.plans.todos import todos_for as plans_todos
from dangjian.site.todos import todos_for

D = datetime.date
TODAY = D(2026, 11, 20)


def test_todos_for_tasks_items_problems_and_visit_minimum(world):
    w = world
    task = services.task_send(
        actor=w.bob, org=w.bureau, title="报送台账", deadline=D(2026, 11, 10), target="picked", picked=[w.branch_a]
    )
    services.task_send(
        actor=w.bob, org=w.bureau, title="远期任务", deadline=D(2027, 3, 1), target="picked", picked=[w.branch_a]
    )
    plan = services.plan_create(actor=w.alice, org=w.branch_a, year=2026)
    services.plan_item_create(
        actor=w.alice, plan=plan, goal="开展结对帮扶", due_date=D(2026, 10, 1), owner=w.person_dave
    )
    services.plan_item_create(actor=w.alice, plan=plan, goal="已完成的事", due_date=D(2026, 10, 1), status="done")
    services.visit_create(
        actor=w.bob,
        org=w.branch_a,
        visited_on=D(2026, 4, 2),
        checked="记录",
        problems=[{"text": "台账不全", "due_date": D(2026, 11, 25)}],
    )

    alice = {(t["rule_id"], t["title_zh"]): t for t in plans_todos(w.alice, TODAY)}
    assert alice[("PLAN-TASK", "飞龙中学党支部：报送“报送台账”")]["level"] == "error"
    assert not any("远期任务" in t for _, t in alice)
    assert alice[("PLAN-ITEM", "飞龙中学党支部工作计划：开展结对帮扶")]["level"] == "error"
    assert not any("已完成的事" in t for _, t in alice)
    assert alice[("PLAN-VISIT-FIX", "飞龙中学党支部调研发现问题整改：台账不全")]["level"] == "warning"
    # the owner (dave, a plain member) sees his own overdue plan item
    assert [t["rule_id"] for t in plans_todos(w.dave, TODAY)] == ["PLAN-ITEM"]
    # bob: one answer to review after alice answers; one visit short of the minimum in November
    services.task_answer(actor=w.alice, recipient=task.recipients.get(), answer="已报")
    bob = [t["rule_id"] for t in plans_todos(w.bob, TODAY)]
    assert "PLAN-REVIEW" in bob and "PLAN-VISITS" in bob
    assert plans_todos(w.charlie, TODAY) == []
    # gathered by the to-do centre
    assert any(t["rule_id"] == "PLAN-REVIEW" for t in todos_for(w.bob, TODAY))


def test_a_visit_problem_raised_into_the_rectification_ledger_is_not_a_second_todo(world):
    from dangjian.plans.models import VisitProblem
    from dangjian.rectification.services import rectification_raise

    w = world
    services.visit_create(
        actor=w.bob,
        org=w.branch_a,
        visited_on=D(2026, 4, 2),
        checked="记录",
        problems=[{"text": "台账不全", "due_date": D(2026, 11, 25)}],
    )
    assert any(t["rule_id"] == "PLAN-VISIT-FIX" for t in plans_todos(w.alice, TODAY))
    problem = VisitProblem.objects.get()
    rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="visit",
        source_ref=f"visit:{problem.pk}",
        problem="台账不全",
        owner=w.person_a,
        due_date=D(2026, 11, 25),
    )
    assert not any(t["rule_id"] == "PLAN-VISIT-FIX" for t in plans_todos(w.alice, TODAY))

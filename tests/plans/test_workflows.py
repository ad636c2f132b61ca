"""The plans app's status workflows (plans/workflows.py on core.workflow), walked through the pages and the API.

Each flow is written here from how the work is done, not from the code:
- 工作计划 / 年终总结 (上报审核): the branch 报送 a draft or a returned plan; the superior 通过 or 退回 what was
  reported; nothing moves after 通过.
- 上传下达: the receiving org 报送 (again after a return); the sender 采纳 or 退回 what was reported.
- 计划条目: 未开始 → 进行中 / 已完成 / 已取消; 进行中 → 已完成 / 已取消; a finished item may be reopened (进行中),
  a cancelled one restored (未开始).
- 两优一先: the superior decides once: 批准 or 不批准.
A random sequence of requests is compared with the flow: an allowed request writes exactly one status-change row
and one audit event; a refused one changes nothing and says why in Chinese.
"""

import itertools

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core import workflow
from dangjian.core.models import AuditEvent, StatusChange
from dangjian.plans import services
from dangjian.plans.models import Nomination, PlanItem, TaskRecipient, WorkPlan

REVIEW = {
    "draft": {"submitted"},
    "submitted": {"approved", "returned"},
    "returned": {"submitted"},
    "approved": set(),
}
RECIPIENT = {
    "pending": {"answered"},
    "answered": {"accepted", "returned"},
    "returned": {"answered"},
    "accepted": set(),
}
ITEM = {
    "todo": {"doing", "done", "dropped"},
    "doing": {"done", "dropped"},
    "done": {"doing"},
    "dropped": {"todo"},
}
NOMINATION = {"proposed": {"approved", "rejected"}, "approved": set(), "rejected": set()}

YEARS = itertools.count(2030)
WALK = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _changes(obj, field="status"):
    return StatusChange.objects.filter(subject_type=obj._meta.label_lower, subject_id=obj.pk, field=field).count()


def _audits(*kinds):
    return AuditEvent.objects.filter(kind__in=kinds).count()


def test_the_plans_workflows_are_registered_with_the_flows_above():
    tables = {(wf.model, wf.field): {k: set(v) for k, v in wf.table.items()} for wf in workflow.registered()}
    assert tables[(WorkPlan, "status")] == REVIEW
    assert tables[(WorkPlan, "result_status")] == REVIEW
    assert tables[(TaskRecipient, "status")] == RECIPIENT
    assert tables[(PlanItem, "status")] == ITEM
    assert tables[(Nomination, "status")] == NOMINATION


def _plan(world):
    plan = services.plan_create(actor=world.alice, org=world.branch_a, year=next(YEARS))
    services.plan_item_create(actor=world.alice, plan=plan, goal="开展主题党日")
    return plan


def _offered_to_branch(page):
    return {"submitted"} if "报送计划" in page else set()


def _offered_to_superior(page):
    return {s for s, v in (("approved", "approve"), ("returned", "return")) if f'value="{v}"' in page}


@WALK
@given(moves=st.lists(st.sampled_from(["submit", "approve", "return"]), min_size=1, max_size=6))
def test_plan_review_pages_follow_the_flow(world, moves):
    plan = _plan(world)
    branch, superior = Client(), Client()
    branch.force_login(world.alice)
    superior.force_login(world.bob)
    url = f"/plans/plans/{plan.pk}/"
    state, rows, events = "draft", 0, _audits("plans.plan_submit", "plans.plan_review")
    for move in moves:
        assert _offered_to_branch(branch.get(url).content.decode()) == REVIEW[state] & {"submitted"}
        assert _offered_to_superior(superior.get(url).content.decode()) == REVIEW[state] - {"submitted"}
        if move == "submit":
            to, resp = "submitted", branch.post(url + "submit/", {"part": "plan"}, follow=True)
        else:
            to = "approved" if move == "approve" else "returned"
            resp = superior.post(
                url + "review/", {"part": "plan", "decision": move, "comment": "措施不具体"}, follow=True
            )
        if to in REVIEW[state]:
            state, rows, events = to, rows + 1, events + 1
        else:
            text = resp.content.decode()
            assert "不能重复报送" in text or "尚未报送，不能审核" in text
        plan.refresh_from_db()
        assert plan.status == state and plan.result_status == "draft"
        assert _changes(plan) == rows and _changes(plan, "result_status") == 0
        assert _audits("plans.plan_submit", "plans.plan_review") == events


def test_returning_without_an_opinion_changes_nothing(world, client):
    plan = _plan(world)
    services.plan_submit(actor=world.alice, plan=plan)
    client.force_login(world.bob)
    before = (_changes(plan), _audits("plans.plan_review"))
    resp = client.post(f"/plans/plans/{plan.pk}/review/", {"part": "plan", "decision": "return"}, follow=True)
    assert "退回时请填写意见" in resp.content.decode()
    plan.refresh_from_db()
    assert plan.status == "submitted" and (_changes(plan), _audits("plans.plan_review")) == before


def test_year_end_result_is_its_own_flow_and_keeps_the_old_audit_shape(world, client):
    plan = _plan(world)
    client.force_login(world.alice)
    client.post(f"/plans/plans/{plan.pk}/submit/", {"part": "result", "result_text": "全年完成计划。"})
    client.force_login(world.bob)
    client.post(f"/plans/plans/{plan.pk}/review/", {"part": "result", "decision": "approve", "comment": "好"})
    plan.refresh_from_db()
    assert (plan.status, plan.result_status, plan.result_text) == ("draft", "approved", "全年完成计划。")
    assert _changes(plan) == 0 and _changes(plan, "result_status") == 2
    review = AuditEvent.objects.get(kind="plans.plan_review")
    assert review.data["part"] == "result" and review.data["approve"] is True and review.data["comment"] == "好"
    assert (review.data["from"], review.data["to"]) == ("submitted", "approved")
    api = client.get(f"/api/v1/plans/plans/{plan.pk}").json()
    assert api["result_next"] == [] and [s["value"] for s in api["next"]] == ["submitted"]
    assert api["next"][0]["label"] == "已报送待审"


@WALK
@given(targets=st.lists(st.sampled_from(sorted(ITEM)), min_size=1, max_size=6))
def test_item_status_page_offers_and_allows_exactly_the_flow(world, targets):
    plan = _plan(world)
    item = plan.items.get()
    c = Client()
    c.force_login(world.alice)
    state, rows, events = "todo", 0, _audits("plans.item_update")
    for to in targets:
        page = c.get(f"/plans/plans/{plan.pk}/").content.decode()
        select = page.split(f"/plans/items/{item.pk}/status/", 1)[1].split("</select>", 1)[0]
        assert {s for s in ITEM if f'value="{s}"' in select} == {state} | ITEM[state]
        if to == state:
            continue
        c.post(f"/plans/items/{item.pk}/status/", {"status": to})
        if to in ITEM[state]:
            state, rows, events = to, rows + 1, events + 1
        item.refresh_from_db()
        assert item.status == state and _changes(item) == rows
        assert _audits("plans.item_update") == events


def test_item_status_and_evidence_are_one_change(world, client):
    plan = _plan(world)
    item = plan.items.get()
    client.force_login(world.alice)
    client.post(f"/plans/items/{item.pk}/status/", {"status": "done", "evidence_url": "/meetings/1/"})
    event = AuditEvent.objects.get(kind="plans.item_update")
    assert event.data["status"] == ["todo", "done"] and event.data["evidence_url"] == ["", "/meetings/1/"]
    resp = client.patch(f"/api/v1/plans/items/{item.pk}", {"status": "todo"}, content_type="application/json")
    assert resp.status_code == 422 and "已完成" in resp.json()["detail"] and "未开始" in resp.json()["detail"]
    item.refresh_from_db()
    assert item.status == "done" and _changes(item) == 1


def _task(world):
    return services.task_send(
        actor=world.bob, org=world.bureau, title="报送学习情况", target="picked", picked=[world.branch_a]
    )


@WALK
@given(moves=st.lists(st.sampled_from(["answer", "accept", "return"]), min_size=1, max_size=6))
def test_task_report_and_review_through_the_api_follow_the_flow(world, moves):
    r = _task(world).recipients.get()
    branch, sender = Client(), Client()
    branch.force_login(world.alice)
    sender.force_login(world.bob)
    state, rows, events = "pending", 0, _audits("plans.task_answer", "plans.task_review")
    for move in moves:
        if move == "answer":
            to = "answered"
            resp = branch.post(
                f"/api/v1/plans/inbox/{r.pk}/answer", {"answer": "已学习"}, content_type="application/json"
            )
        else:
            to = "accepted" if move == "accept" else "returned"
            body = {"accept": move == "accept", "comment": "缺少记录"}
            resp = sender.post(f"/api/v1/plans/inbox/{r.pk}/review", body, content_type="application/json")
        if to in RECIPIENT[state]:
            assert resp.status_code == 200, resp.content
            state, rows, events = to, rows + 1, events + 1
            assert {s["value"] for s in resp.json()["next"]} == RECIPIENT[state]
        else:
            assert resp.status_code == 422 and (
                "不能再次报送" in resp.json()["detail"] or "才能审核" in resp.json()["detail"]
            )
        r.refresh_from_db()
        assert r.status == state and _changes(r) == rows
        assert _audits("plans.task_answer", "plans.task_review") == events


def test_task_review_page_offers_review_only_for_a_report(world, client):
    task = _task(world)
    r = task.recipients.get()
    client.force_login(world.bob)
    assert 'value="accept"' not in client.get(f"/plans/tasks/{task.pk}/").content.decode()
    services.task_answer(actor=world.alice, recipient=r, answer="已学习")
    page = client.get(f"/plans/tasks/{task.pk}/").content.decode()
    assert 'value="accept"' in page and 'value="return"' in page
    # the report is audited at the branch, its review at the bureau that sent the task
    client.post(f"/plans/inbox/{r.pk}/review/", {"decision": "accept"})
    assert AuditEvent.objects.get(kind="plans.task_answer").org == world.branch_a
    assert AuditEvent.objects.get(kind="plans.task_review").org == world.bureau
    assert 'value="accept"' not in client.get(f"/plans/tasks/{task.pk}/").content.decode()


@pytest.mark.parametrize("first,second", [("1", "0"), ("0", "1")])
def test_a_nomination_is_decided_once(world, client, first, second):
    nom = services.nomination_create(
        actor=world.alice,
        org=world.branch_a,
        year=2026,
        kind="advanced_org",
        reason="组织建设扎实",
        vote_expected=10,
        vote_present=8,
        vote_yes=7,
        vote_on="2026-06-10",
    )
    client.force_login(world.bob)
    url = f"/plans/nominations/{nom.pk}/decide/"
    assert f'action="{url}"' in client.get("/plans/nominations/").content.decode()
    client.post(url, {"approved": first, "note": "同意", "level": "district"})
    nom.refresh_from_db()
    decided = "approved" if first == "1" else "rejected"
    assert nom.status == decided and _changes(nom) == 1 and _audits("plans.nomination_decide") == 1
    assert f'action="{url}"' not in client.get("/plans/nominations/").content.decode()
    resp = client.post(url, {"approved": second, "note": "再议", "level": "district"}, follow=True)
    assert "不能重复审定" in resp.content.decode()
    nom.refresh_from_db()
    assert nom.status == decided and _changes(nom) == 1 and _audits("plans.nomination_decide") == 1
    event = AuditEvent.objects.get(kind="plans.nomination_decide")
    assert event.data["status"] == decided and event.data["by_org"] == world.bureau.name


def test_a_returned_plan_can_be_resubmitted_from_an_older_copy(world):
    """A script (or a second tab) holding the plan as it was when submitted may submit again after the return."""
    plan = _plan(world)
    services.plan_submit(actor=world.alice, plan=plan)
    older = WorkPlan.objects.get(pk=plan.pk)  # says 已报送
    services.plan_review(actor=world.bob, plan=plan, approve=False, comment="请补充第三季度安排")
    services.plan_submit(actor=world.alice, plan=older)
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert list(workflow.history(plan).values_list("to_status", flat=True)) == ["submitted", "returned", "submitted"]

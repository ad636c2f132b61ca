"""Work plans: bureau 要点, branch plan adopting items, progress, submit and review."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.plans import services
from dangjian.plans.models import PlanItem


@pytest.fixture
def plans(world):
    w = world
    points = services.plan_create(actor=w.bob, org=w.bureau, year=2026)
    p1 = services.plan_item_create(
        actor=w.bob, plan=points, goal="抓好理论学习", measure="每月集中学习一次", period="全年"
    )
    services.plan_item_create(actor=w.bob, plan=points, goal="规范三会一课", due_date=datetime.date(2026, 6, 30))
    branch = services.plan_create(actor=w.alice, org=w.branch_a, year=2026)
    return points, p1, branch


def test_kinds_and_titles_follow_the_org(world, plans):
    points, _, branch = plans
    assert points.kind == "key_points" and points.title == "江北区教育局党委2026年党建工作要点"
    assert branch.kind == "branch_plan" and branch.title == "飞龙中学党支部2026年党建工作计划"
    with pytest.raises(ValidationError):
        services.plan_create(actor=world.alice, org=world.branch_a, year=2026)


def test_branch_adopts_bureau_item_with_link_back_once(world, plans, client):
    points, p1, branch = plans
    client.force_login(world.alice)
    page = client.get(f"/plans/plans/{branch.pk}/").content.decode()
    assert "采用上级工作要点" in page and "抓好理论学习" in page
    client.post(f"/plans/plans/{branch.pk}/adopt/", {"source": p1.pk})
    item = branch.items.get()
    assert item.source == p1 and item.goal == "抓好理论学习" and item.measure == "每月集中学习一次"
    with pytest.raises(ValidationError):
        services.plan_item_adopt(actor=world.alice, plan=branch, source=p1)
    # charlie's plan cannot adopt another bureau's items
    other = services.plan_create(actor=world.charlie, org=world.branch_b, year=2026)
    with pytest.raises(ValidationError):
        services.plan_item_adopt(actor=world.charlie, plan=other, source=p1)


def test_progress_counts_done_over_total_excluding_dropped(world, plans, client):
    _, _, branch = plans
    a = services.plan_item_create(actor=world.alice, plan=branch, goal="开展主题党日", owner=world.person_a)
    services.plan_item_create(actor=world.alice, plan=branch, goal="结对帮扶")
    c = services.plan_item_create(actor=world.alice, plan=branch, goal="取消的事")
    client.force_login(world.alice)
    client.post(f"/plans/items/{a.pk}/status/", {"status": "done", "evidence_url": "/meetings/1/"})
    services.plan_item_update(actor=world.alice, item=c, status="dropped")
    a.refresh_from_db()
    assert a.status == "done" and a.evidence_url == "/meetings/1/"
    assert "完成 1 / 2" in client.get(f"/plans/plans/{branch.pk}/").content.decode()


def test_owner_must_belong_to_the_plan_org(world, plans):
    _, _, branch = plans
    with pytest.raises(ValidationError) as exc:
        services.plan_item_create(actor=world.alice, plan=branch, goal="x", owner=world.person_b)
    assert "不在飞龙中学党支部" in str(exc.value)


def test_submit_return_with_comment_resubmit_approve_and_result(world, plans, client):
    _, _, branch = plans
    with pytest.raises(ValidationError):
        services.plan_submit(actor=world.alice, plan=branch)  # no items yet
    services.plan_item_create(actor=world.alice, plan=branch, goal="开展主题党日")
    client.force_login(world.alice)
    client.post(f"/plans/plans/{branch.pk}/submit/", {"part": "plan"})
    branch.refresh_from_db()
    assert branch.status == "submitted"
    with pytest.raises(Http404):  # the branch cannot review itself
        services.plan_review(actor=world.alice, plan=branch, approve=True)
    client.force_login(world.bob)
    client.post(f"/plans/plans/{branch.pk}/review/", {"part": "plan", "decision": "return", "comment": "措施不具体"})
    branch.refresh_from_db()
    assert branch.status == "returned" and branch.review_comment == "措施不具体"
    services.plan_submit(actor=world.alice, plan=branch)
    services.plan_review(actor=world.bob, plan=branch, approve=True)
    with pytest.raises(ValidationError):
        services.plan_submit(actor=world.alice, plan=branch, part="result", result_text="")
    services.plan_submit(actor=world.alice, plan=branch, part="result", result_text="全年完成计划。")
    services.plan_review(actor=world.bob, plan=branch, part="result", approve=True)
    branch.refresh_from_db()
    assert (branch.status, branch.result_status) == ("approved", "approved")


def test_charlie_cannot_see_plans_of_bureau(world, plans, client):
    _, p1, branch = plans
    client.force_login(world.charlie)
    assert client.get(f"/plans/plans/{branch.pk}/").status_code == 404
    assert client.post(f"/plans/items/{p1.pk}/status/", {"status": "done"}).status_code == 404
    assert PlanItem.objects.get(pk=p1.pk).status == "todo"


def test_pages_create_plan_and_item_and_member_is_sent_to_own_notices(world, client):
    client.force_login(world.alice)
    assert "暂无计划" in client.get("/plans/plans/").content.decode()
    resp = client.post("/plans/plans/", {"org": world.branch_a.pk, "year": 2027, "intro": "围绕立德树人"})
    plan = world.branch_a.work_plans.get(year=2027)
    assert resp.status_code == 302 and resp["Location"] == f"/plans/plans/{plan.pk}/"
    client.post(
        f"/plans/plans/{plan.pk}/",
        {"goal": "开展志愿服务", "owner": world.person_a.pk, "status": "todo", "due_date": "2027-05-01"},
    )
    page = client.get(f"/plans/plans/{plan.pk}/").content.decode()
    assert "开展志愿服务" in page and "王芳" in page and "完成 0 / 1" in page
    resp = client.post(f"/plans/plans/{plan.pk}/", {"goal": "", "status": "todo"})
    assert "这个字段是必填项" in resp.content.decode() or "必填" in resp.content.decode()
    client.force_login(world.dave)
    assert client.get("/plans/")["Location"] == "/plans/me/"
    assert client.get("/plans/plans/").status_code == 200

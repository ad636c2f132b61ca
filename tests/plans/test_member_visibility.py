"""A plain member reads the branch's reviewed plans and only their own (or the branch's collective) honours:
never the committee's draft plan nor another member's honour (issue 18). Pages and API."""

import datetime

import pytest

from dangjian.plans import services
from dangjian.plans.services.plans import plan_review, plan_submit
from tests.api.helpers import call

D = datetime.date


@pytest.fixture
def branch_records(world):
    draft = services.plan_create(actor=world.alice, org=world.branch_a, year=2027, intro="（草稿）明年的打算")
    services.plan_item_create(actor=world.alice, plan=draft, goal="草稿条目：拟调整支委分工")
    approved = services.plan_create(actor=world.alice, org=world.branch_a, year=2026, intro="今年的计划")
    services.plan_item_create(actor=world.alice, plan=approved, goal="按月开展主题党日")
    plan_submit(actor=world.alice, plan=approved)
    plan_review(actor=world.bob, plan=approved, approve=True)
    common = dict(level="school", awarded_by="飞龙中学", awarded_on=D(2026, 7, 1))
    others = services.honour_create(
        actor=world.alice, org=world.branch_a, person=world.person_a, title="王芳的优秀共产党员", **common
    )
    own = services.honour_create(
        actor=world.alice, org=world.branch_a, person=world.person_dave, title="丁伟的优秀共产党员", **common
    )
    collective = services.honour_create(actor=world.alice, org=world.branch_a, title="先进基层党组织", **common)
    world.draft, world.approved = draft, approved
    world.others_honour, world.own_honour, world.collective = others, own, collective
    return world


def test_member_pages_show_reviewed_plans_and_own_honours_only(branch_records, login):
    w = branch_records
    client = login(w.dave)
    listing = client.get("/plans/plans/").content.decode()
    assert w.approved.title in listing
    assert w.draft.title not in listing
    assert client.get(f"/plans/plans/{w.approved.pk}/").status_code == 200
    draft_page = client.get(f"/plans/plans/{w.draft.pk}/")
    assert draft_page.status_code == 404 and "拟调整支委分工" not in draft_page.content.decode()
    honours = client.get("/plans/honours/").content.decode()
    assert "丁伟的优秀共产党员" in honours and "先进基层党组织" in honours
    assert "王芳的优秀共产党员" not in honours


def test_member_api_shows_reviewed_plans_and_own_honours_only(branch_records, client):
    w = branch_records
    plans = call(client, "GET", "/api/v1/plans/plans", w.dave).json()
    ids = {p["id"] for p in (plans["items"] if isinstance(plans, dict) else plans)}
    assert w.approved.pk in ids and w.draft.pk not in ids
    assert call(client, "GET", f"/api/v1/plans/plans/{w.draft.pk}", w.dave).status_code == 404
    assert call(client, "GET", f"/api/v1/plans/plans/{w.approved.pk}", w.dave).status_code == 200
    titles = {h["title"] for h in call(client, "GET", "/api/v1/plans/honours", w.dave).json()}
    assert titles == {"丁伟的优秀共产党员", "先进基层党组织"}


def test_the_secretary_still_reads_everything_of_her_branch(branch_records, client):
    w = branch_records
    titles = {h["title"] for h in call(client, "GET", "/api/v1/plans/honours", w.alice).json()}
    assert titles == {"王芳的优秀共产党员", "丁伟的优秀共产党员", "先进基层党组织"}
    assert call(client, "GET", f"/api/v1/plans/plans/{w.draft.pk}", w.alice).status_code == 200

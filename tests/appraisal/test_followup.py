"""Follow-up of 基本合格 and 不合格 (EVAL-01, MGMT-06) and the to-dos that remind their deadlines."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangjian.appraisal import followups, services
from dangjian.appraisal.todos import todos_for
from dangjian.rules.periods import add_months

from .conftest import TO_VOTING, evals, go, open_cycle


@pytest.fixture
def graded(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    e = evals(cycle)
    services.grades_set(
        actor=branch.alice,
        cycle=cycle,
        rows=[
            {"evaluation_id": e["王芳"].pk, "grade": "qualified"},
            {"evaluation_id": e["丁伟"].pk, "grade": "basically_qualified", "reason": "组织生活参加少"},
            {"evaluation_id": e["张敏"].pk, "grade": "unqualified", "reason": "长期不参加组织生活"},
        ],
    )
    go(client, cycle, "review", "notified")
    branch.cycle, branch.e = cycle, evals(cycle)
    return branch


def test_closing_needs_followups_and_todos_remind(client, graded):
    today = datetime.date.today()
    resp = client.post(f"/appraisal/{graded.cycle.pk}/stage/", {"to": "closed"}, follow=True)
    text = resp.content.decode()
    assert "丁伟（基本合格，须制定改进措施）" in text and "张敏（不合格，须作出组织处置）" in text
    titles = [t["title_zh"] for t in todos_for(graded.alice, today)]
    assert any("丁伟：评为基本合格，须制定改进措施" in t for t in titles)
    assert any("张敏：评为不合格" in t for t in titles)
    assert all(t["org_id"] != graded.branch_a.id for t in todos_for(graded.charlie, today))


def test_mgmt06_sequence_correction_then_persuade_with_meeting_and_approval(client, graded):
    from dangjian.meetings.services import meeting_create
    from tests.meetings.conftest import at

    zhang = graded.e["张敏"]
    start = datetime.date.today() - datetime.timedelta(days=200)
    with pytest.raises(ValidationError, match="须先经过限期改正"):
        followups.followup_create(
            actor=graded.alice, evaluation=zhang, step="persuade", started_on=start, content="劝退"
        )
    corr = followups.followup_create(
        actor=graded.alice, evaluation=zhang, step="correction", started_on=start, content="谈话教育，限期三个月改正"
    )
    assert corr.deadline == add_months(start, 3)  # MGMT-06: 3 months by default
    # 劝退 without the 支部党员大会 and upper approval is refused (MGMT-06).
    with pytest.raises(ValidationError, match="须经支部党员大会讨论决定并报上级党组织批准"):
        followups.followup_create(
            actor=graded.alice, evaluation=zhang, step="persuade", started_on=datetime.date.today(), content="劝退"
        )
    meeting = meeting_create(
        actor=graded.alice,
        org=graded.branch_a,
        kind="general_meeting",
        starts_at=at(datetime.date.today() - datetime.timedelta(days=1)),
        topic="讨论不合格党员处置",
    )
    item = followups.followup_create(
        actor=graded.alice,
        evaluation=zhang,
        step="persuade",
        started_on=datetime.date.today(),
        content="经支部大会讨论决定劝退",
        meeting=meeting,
        approved_on=datetime.date.today(),
        approval_ref="上级党委批复",
    )
    corr.refresh_from_db()
    assert corr.status == "escalated" and item.status == "open"


def test_improvement_plan_deadline_reminded(client, graded):
    dave = graded.e["丁伟"]
    with pytest.raises(ValidationError, match="请填写改进期限"):
        followups.followup_create(
            actor=graded.alice,
            evaluation=dave,
            step="improvement_plan",
            started_on=datetime.date.today(),
            content="每月参加组织生活",
        )
    with pytest.raises(ValidationError, match="只适用于评为不合格"):
        followups.followup_create(
            actor=graded.alice, evaluation=dave, step="correction", started_on=datetime.date.today(), content="x"
        )
    deadline = datetime.date.today() + datetime.timedelta(days=10)
    followups.followup_create(
        actor=graded.alice,
        evaluation=dave,
        step="improvement_plan",
        started_on=datetime.date.today(),
        deadline=deadline,
        content="每月参加组织生活",
    )
    items = [t for t in todos_for(graded.alice, datetime.date.today()) if "丁伟" in t["title_zh"]]
    assert [(t["due_date"], t["rule_id"]) for t in items] == [(deadline, "EVAL-01")]
    assert "改进措施期限至" in items[0]["title_zh"]


def test_followup_form_through_the_page(client, graded):
    dave = graded.e["丁伟"]
    page = client.get(f"/appraisal/evaluation/{dave.pk}/").content.decode()
    assert "登记整改或处置" in page
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    resp = client.post(
        f"/appraisal/evaluation/{dave.pk}/followup/",
        {
            "step": "improvement_plan",
            "started_on": datetime.date.today().isoformat(),
            "deadline": deadline,
            "content": "每月按时参加组织生活",
        },
        follow=True,
    )
    assert "每月按时参加组织生活" in resp.content.decode()
    item = dave.followups.get()
    client.post(f"/appraisal/followup/{item.pk}/close/", {"note": "已改进"})
    item.refresh_from_db()
    assert item.status == "resolved"
    client.force_login(graded.charlie)
    assert client.get(f"/appraisal/evaluation/{dave.pk}/followup/").status_code == 404


def test_home_lists_orgs_for_secretary_and_sends_members_to_their_page(client, graded):
    page = client.get("/appraisal/").content.decode()
    assert "飞龙中学党支部" in page and "评议与学习" in page
    client.force_login(graded.dave)
    assert client.get("/appraisal/").url == "/appraisal/me/"

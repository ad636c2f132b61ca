"""Issue 17: what the appraisal pages do, through the API — a member's own ballot and self-evaluation, and the
follow-ups of 基本合格 (改进措施) and 不合格 (限期改正 → 劝退 → 除名, MGMT-06)."""

import datetime

from dangjian.appraisal import services
from dangjian.appraisal.models import FollowUp, VoterReceipt
from tests.api.helpers import call
from tests.appraisal.conftest import TO_VOTING, branch, evals, go, open_cycle  # noqa: F401  (fixture)

D = datetime.date
API = "/api/v1/appraisal"


def _graded(client, world):
    cycle = go(client, open_cycle(client, world), *TO_VOTING, "assessment")
    e = evals(cycle)
    services.grades_set(
        actor=world.alice,
        cycle=cycle,
        rows=[
            {"evaluation_id": e["王芳"].pk, "grade": "qualified"},
            {"evaluation_id": e["丁伟"].pk, "grade": "basically_qualified", "reason": "组织生活参加少"},
            {"evaluation_id": e["张敏"].pk, "grade": "unqualified", "reason": "长期不参加组织生活"},
        ],
    )
    go(client, cycle, "review", "notified")
    return cycle, evals(cycle)


def test_followups_through_the_api(client, branch):  # noqa: F811  (the appraisal fixture)
    _, e = _graded(client, branch)
    dave, zhang = e["丁伟"], e["张敏"]
    url = f"{API}/evaluations/{dave.pk}/followups"
    r = call(
        client,
        "POST",
        url,
        branch.alice,
        {"step": "improvement_plan", "started_on": "2026-11-20", "content": "每月参加组织生活"},
    )
    assert r.status_code == 422 and "请填写改进期限" in r.json()["detail"]
    r = call(client, "POST", url, branch.alice, {"step": "correction", "started_on": "2026-11-20", "content": "x"})
    assert r.status_code == 422 and "只适用于评为不合格" in r.json()["detail"]
    r = call(
        client,
        "POST",
        url,
        branch.alice,
        {
            "step": "improvement_plan",
            "started_on": "2026-11-20",
            "deadline": "2027-02-20",
            "content": "每月参加组织生活",
        },
    )
    assert r.status_code == 201, r.content
    plan = r.json()
    assert plan["step_zh"] == "改进措施" and plan["status"] == "open" and plan["deadline"] == "2027-02-20"

    # 限期改正 without a deadline: three months from the start (MGMT-06, 《党章》 and the 党员教育管理工作条例).
    r = call(
        client,
        "POST",
        f"{API}/evaluations/{zhang.pk}/followups",
        branch.alice,
        {"step": "correction", "started_on": "2026-11-01", "content": "谈话教育，限期三个月改正"},
    )
    assert r.status_code == 201 and r.json()["deadline"] == "2027-02-01"
    # 劝退 needs the 支部党员大会 and the upper approval, and the correction period over.
    r = call(
        client,
        "POST",
        f"{API}/evaluations/{zhang.pk}/followups",
        branch.alice,
        {"step": "persuade", "started_on": "2026-11-22", "content": "劝退"},
    )
    assert r.status_code == 422
    r = call(
        client,
        "POST",
        f"{API}/evaluations/{zhang.pk}/followups",
        branch.alice,
        {"step": "persuade", "started_on": "2026-11-22", "content": "劝退", "meeting_id": 999999},
    )
    assert r.status_code == 422 and "支部党员大会（会议编号）" in r.json()["detail"]

    r = call(client, "GET", url, branch.alice)
    assert [i["id"] for i in r.json()["items"]] == [plan["id"]]
    r = call(client, "POST", f"{API}/followups/{plan['id']}/close", branch.alice, {"note": "已按时参加"})
    assert r.status_code == 200 and r.json()["status"] == "resolved" and r.json()["closed_on"] == "2026-11-22"
    assert "【结果】已按时参加" in r.json()["content"]
    r = call(client, "POST", f"{API}/followups/{plan['id']}/close", branch.alice, {})
    assert r.status_code == 422 and "已经结束" in r.json()["detail"]

    # Scoped: another branch's secretary and the member do not see or write them.
    for user in (branch.charlie, branch.dave):
        assert call(client, "GET", url, user).status_code == 404
        assert call(client, "POST", f"{API}/followups/{plan['id']}/close", user, {}).status_code == 404
    assert FollowUp.objects.count() == 2


def test_a_member_reads_and_casts_their_own_ballot(client, branch):  # noqa: F811
    cycle = go(client, open_cycle(client, branch), "self_evaluation")
    mine = {e.person.name: e for e in cycle.evaluations.select_related("person")}
    zhang_ev = mine["张敏"]
    r = call(client, "PUT", f"{API}/mine/{zhang_ev.pk}/self", branch.zhang_user, {"text": "本年度认真履行党员义务"})
    assert r.status_code == 200, r.content
    assert (
        call(client, "GET", f"{API}/mine/{zhang_ev.pk}", branch.zhang_user).json()["self_text"]
        == "本年度认真履行党员义务"
    )
    go(client, cycle, "mutual_evaluation", "voting")

    r = call(client, "GET", f"{API}/mine/{zhang_ev.pk}/ballot", branch.zhang_user)
    assert r.status_code == 200
    ballot = r.json()
    assert ballot["open"] and not ballot["voted"]
    # The member grades everyone else in the cycle, never themself.
    assert sorted(o["name"] for o in ballot["others"]) == sorted(["王芳", "丁伟"])
    codes = [g["code"] for g in ballot["grades"]]
    assert "qualified" in codes and "unqualified" in codes
    choices = {str(o["evaluation_id"]): "qualified" for o in ballot["others"]}
    r = call(client, "POST", f"{API}/mine/{zhang_ev.pk}/vote", branch.zhang_user, {"choices": choices})
    assert r.status_code == 201, r.content
    assert call(client, "GET", f"{API}/mine/{zhang_ev.pk}/ballot", branch.zhang_user).json()["voted"] is True
    r = call(client, "POST", f"{API}/mine/{zhang_ev.pk}/vote", branch.zhang_user, {"choices": choices})
    assert r.status_code == 422 and "只能投一次" in r.json()["detail"]
    assert VoterReceipt.objects.filter(cycle=cycle).count() == 1

    # Another member's ballot, or a secretary without an evaluation of their own: 404.
    assert call(client, "GET", f"{API}/mine/{mine['丁伟'].pk}/ballot", branch.zhang_user).status_code == 404
    assert call(client, "GET", f"{API}/mine/{zhang_ev.pk}/ballot", branch.alice).status_code == 404
    assert (
        call(client, "PUT", f"{API}/mine/{mine['丁伟'].pk}/self", branch.zhang_user, {"text": "x"}).status_code == 404
    )

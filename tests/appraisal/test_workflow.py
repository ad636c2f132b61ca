"""The 民主评议 cycle and its follow-ups on the one status mechanism (core/workflow.py), through the pages and the API.

The expected moves are written here from the stages as LIFE-08 / EVAL-01 describe them (学习准备 → 个人自评 → 党员互评
→ 民主测评 → 支部评定 → 上级审核 → 结果告知 → 整改跟踪 → 已结束; a stage may step back one to correct it until the
result is told; once told, the cycle goes to 整改跟踪 or closes when nobody needs a follow-up) — not from the code.
"""

import itertools
import json
import re

import pytest
from django.http import Http404
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.appraisal import followups, services
from dangjian.appraisal.models import AppraisalCycle, FollowUp, StageChange
from dangjian.core import workflow
from dangjian.core.models import AuditEvent, StatusChange

from .conftest import TO_VOTING, evals, go, open_cycle

ORDER = [
    "preparation",
    "self_evaluation",
    "mutual_evaluation",
    "voting",
    "assessment",
    "review",
    "notified",
    "followup",
    "closed",
]
# Forward one step; back one step until the result is told (上级审核 may be sent back to 支部评定); after 结果告知:
# 整改跟踪 or straight to 已结束; 整改跟踪 → 已结束; 已结束 is final.
MOVES = {
    "preparation": {"self_evaluation"},
    "self_evaluation": {"mutual_evaluation", "preparation"},
    "mutual_evaluation": {"voting", "self_evaluation"},
    "voting": {"assessment", "mutual_evaluation"},
    "assessment": {"review", "voting"},
    "review": {"notified", "assessment"},
    "notified": {"followup", "closed"},
    "followup": {"closed"},
    "closed": set(),
}
LABELS = {
    "preparation": "学习准备",
    "self_evaluation": "个人自评",
    "mutual_evaluation": "党员互评",
    "voting": "民主测评",
    "assessment": "支部评定",
    "review": "上级审核",
    "notified": "结果告知",
    "followup": "整改跟踪",
    "closed": "已结束",
}


def offered(page: str) -> set[str]:
    """The stages the cycle page offers as buttons (one small form per move)."""
    return set(re.findall(r'name="to" value="([a-z_]+)"', page))


def _counts(cycle):
    return (
        StageChange.objects.filter(cycle=cycle).count(),
        AuditEvent.objects.filter(kind="appraisal.stage", subject_id=cycle.pk).count(),
    )


def test_the_table_is_the_regulations(db):
    assert sum(len(v) for v in MOVES.values()) == 14  # counted by hand from the stages above
    wf = workflow.workflow_of(AppraisalCycle, "stage")
    assert {k: set(v) for k, v in wf.table.items()} == MOVES


@pytest.mark.django_db
def test_page_and_api_offer_exactly_the_allowed_moves_at_every_stage(client, branch):
    cycle = open_cycle(client, branch)
    cycle.evaluations.update(grade="qualified")  # everybody graded 合格: no guard stands in the way
    for stage in ORDER:
        if stage != cycle.stage:
            cycle = go(client, cycle, stage)
        assert cycle.stage == stage
        page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
        assert offered(page) == MOVES[stage], stage
        api = client.get(f"/api/v1/appraisal/cycles/{cycle.pk}").json()
        assert {n["value"] for n in api["next"]} == MOVES[stage]
        assert {n["label"] for n in api["next"]} == {LABELS[s] for s in MOVES[stage]}


@pytest.mark.django_db
def test_a_refused_move_changes_nothing_and_says_why_in_chinese(client, branch):
    cycle = open_cycle(client, branch)
    before = _counts(cycle)
    resp = client.post(f"/appraisal/{cycle.pk}/stage/", {"to": "review"}, follow=True)
    assert "不能从“学习准备”转到“上级审核”" in resp.content.decode()
    cycle.refresh_from_db()
    assert cycle.stage == "preparation" and _counts(cycle) == before
    # A guard's refusal (nobody graded yet) through the API: 422, nothing written either.
    cycle = go(client, cycle, *TO_VOTING, "assessment")
    before = _counts(cycle)
    resp = client.post(
        f"/api/v1/appraisal/cycles/{cycle.pk}/stage", json.dumps({"to": "review"}), content_type="application/json"
    )
    assert resp.status_code == 422 and "以下党员尚未评定等次" in resp.content.decode()
    cycle.refresh_from_db()
    assert cycle.stage == "assessment" and cycle.reported_on is None and _counts(cycle) == before


@pytest.mark.django_db
def test_an_allowed_move_writes_one_log_row_and_one_audit_event(client, branch):
    cycle = open_cycle(client, branch)
    before = _counts(cycle)
    resp = client.post(
        f"/api/v1/appraisal/cycles/{cycle.pk}/stage",
        json.dumps({"to": "self_evaluation", "note": "学习准备已完成"}),
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["stage"] == "self_evaluation"
    assert _counts(cycle) == (before[0] + 1, before[1] + 1)
    row = StageChange.objects.filter(cycle=cycle).latest("id")
    assert (row.from_stage, row.to_stage, row.note, row.actor) == (
        "preparation",
        "self_evaluation",
        "学习准备已完成",
        branch.alice,
    )
    event = AuditEvent.objects.filter(kind="appraisal.stage", subject_id=cycle.pk).latest("id")
    assert event.data["from"] == "preparation" and event.data["to"] == "self_evaluation"
    assert event.data["stage"] == ["preparation", "self_evaluation"] and event.data["note"] == "学习准备已完成"


@pytest.mark.django_db
def test_the_service_itself_refuses_an_actor_out_of_scope(client, branch):
    cycle = open_cycle(client, branch)
    before = _counts(cycle)
    with pytest.raises(Http404):
        services.cycle_set_stage(actor=branch.charlie, cycle=cycle, to="self_evaluation")
    cycle.refresh_from_db()
    assert cycle.stage == "preparation" and _counts(cycle) == before


_years = itertools.count(2001)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.sampled_from(ORDER), min_size=1, max_size=10))
def test_random_requests_through_the_page_follow_the_table(branch, requests):
    """Whatever is asked, the stage moves exactly as the table above says, one log row and one audit event per
    move, none for a refusal."""
    c = Client()
    c.force_login(branch.alice)
    cycle = services.cycle_open(actor=branch.alice, org=branch.branch_a, year=next(_years))
    cycle.evaluations.update(grade="qualified")
    expected, moves = "preparation", 0
    for to in requests:
        c.post(f"/appraisal/{cycle.pk}/stage/", {"to": to})
        if to in MOVES[expected]:
            expected, moves = to, moves + 1
        cycle.refresh_from_db()
        assert cycle.stage == expected
        assert _counts(cycle) == (moves, moves)


@pytest.fixture
def told(client, branch):
    """A told cycle in which 张敏 was graded 基本合格 and has an improvement plan."""
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    e = evals(cycle)
    cycle.evaluations.update(grade="qualified")
    e["张敏"].grade, e["张敏"].reason = "basically_qualified", "参加组织生活不够经常"
    e["张敏"].save()
    cycle = go(client, cycle, "review", "notified")
    resp = client.post(
        f"/appraisal/evaluation/{e['张敏'].pk}/followup/",
        {"step": "improvement_plan", "started_on": "2026-11-22", "deadline": "2027-03-31", "content": "每月交学习体会"},
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    return cycle, FollowUp.objects.get(evaluation=e["张敏"])


def _followup_counts(item):
    return (
        StatusChange.objects.filter(subject_type="appraisal.followup", subject_id=item.pk).count(),
        AuditEvent.objects.filter(kind="appraisal.followup_close", subject_id=item.pk).count(),
    )


@pytest.mark.django_db
def test_closing_a_followup_through_the_page_is_one_move(client, branch, told):
    cycle, item = told
    assert _followup_counts(item) == (0, 0)
    data = client.get(f"/api/v1/appraisal/evaluations/{item.evaluation_id}/followups").json()
    # 进行中 may end as 已改正/已完成 or move on to the next step of MGMT-06.
    assert {n["value"] for n in data["items"][0]["next"]} == {"resolved", "escalated"}
    client.post(f"/appraisal/followup/{item.pk}/close/", {"note": "按时提交学习体会"})
    item.refresh_from_db()
    assert item.status == "resolved" and item.closed_on.isoformat() == "2026-11-22"
    assert item.content.endswith("【结果】按时提交学习体会")
    assert _followup_counts(item) == (1, 1)
    row = StatusChange.objects.get(subject_type="appraisal.followup", subject_id=item.pk)
    assert (row.from_status, row.to_status, row.actor) == ("open", "resolved", branch.alice)
    # Closing it again is refused in Chinese and writes nothing.
    resp = client.post(f"/appraisal/followup/{item.pk}/close/", {"note": "再次"}, follow=True)
    assert "该记录已经结束" in resp.content.decode()
    item.refresh_from_db()
    assert "再次" not in item.content and _followup_counts(item) == (1, 1)
    data = client.get(f"/api/v1/appraisal/evaluations/{item.evaluation_id}/followups").json()
    assert data["items"][0]["next"] == []


@pytest.mark.django_db
def test_a_closed_followup_lets_the_cycle_close(client, branch, told):
    cycle, item = told
    followups.followup_close(actor=branch.alice, item=item, closed_on=item.started_on)
    cycle = go(client, cycle, "followup", "closed")
    assert cycle.stage == "closed"


def test_moves_are_checked_against_the_stored_stage_not_the_callers_copy(world):
    """A page or script holding an older copy of the cycle still moves it one step from where it really is."""
    import datetime as _dt

    from dangjian.appraisal import services as _services

    stale = _services.cycle_open(actor=world.alice, org=world.branch_a, year=_dt.date(2026, 1, 1).year)
    for to in ("self_evaluation", "mutual_evaluation", "voting"):
        _services.cycle_set_stage(actor=world.alice, cycle=stale, to=to)  # `stale` still says 学习准备
    stale.refresh_from_db()
    assert stale.stage == "voting" and stale.stage_changes.count() == 3

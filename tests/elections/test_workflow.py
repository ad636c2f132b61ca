"""换届选举 on core.workflow (elections/workflows.py), through the pages and the API.

The flow, from 《中国共产党基层组织选举工作条例》 and BR-06/BR-07 as the regulation states them: an election is
prepared (筹备中); the ballot is counted at a meeting with more than 4/5 of the voters present (已选举，待上级批复);
the superior org approves 书记/副书记 and the new committee takes effect (上级已批复). A count short of the quorum
is not recorded: the meeting is held again.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.core import workflow
from dangjian.core.models import AuditEvent, StatusChange
from dangjian.elections import services
from dangjian.elections.models import Election
from tests.conftest import add_person

FLOW = {"planned": {"voted"}, "voted": {"approved"}, "approved": set(), "invalid": set()}
DAY = datetime.date(2026, 11, 20)


@pytest.fixture
def election(world):
    extra = [add_person(world.branch_a, n, actor=world.admin, seq=10 + i) for i, n in enumerate(["张三", "李四"])]
    people = [world.person_a, world.person_dave, *extra]
    return services.election_create(actor=world.alice, org=world.branch_a, held_on=DAY, seats=3, candidates=people)


def _rows(e):
    return StatusChange.objects.filter(subject_type="elections.election", subject_id=e.pk).count()


def _audits(kind):
    return AuditEvent.objects.filter(kind=kind).count()


def _ballot(e, present=17):
    ids = [c.person_id for c in e.candidates.order_by("id")]
    votes = dict(zip(ids, (17, 15, 9, 10)))
    return {
        "expected": 20,
        "present": present,
        **{f"v{pid}": n for pid, n in votes.items()},
        "secretary": ids[0],
        "deputy": ids[1],
    }


def test_the_election_workflow_is_the_flow_above():
    wf = workflow.workflow_of(Election)
    assert {k: set(v) for k, v in wf.table.items()} == FLOW


def test_count_then_approval_each_write_one_row_and_one_audit(world, election, client):
    e = election
    client.force_login(world.alice)
    page = client.get(f"/elections/{e.pk}/").content.decode()
    assert "计票" in page and "上级批复</button>" not in page  # 筹备中: only the count is offered
    resp = client.post(f"/elections/{e.pk}/approve/", {"approved_on": DAY.isoformat()}, follow=True)
    assert "只有已选举、待批复的选举可以批复" in resp.content.decode()
    e.refresh_from_db()
    assert e.status == "planned" and _rows(e) == 0 and _audits("election.approve") == 0

    client.post(f"/elections/{e.pk}/vote/", _ballot(e))
    e.refresh_from_db()
    assert e.status == "voted" and _rows(e) == 1 and _audits("election.vote") == 1
    vote = AuditEvent.objects.get(kind="election.vote")
    assert (vote.data["from"], vote.data["to"], vote.data["present"]) == ("planned", "voted", 17)
    page = client.get(f"/elections/{e.pk}/").content.decode()
    assert "计票</button>" not in page and "上级批复</button>" not in page  # the branch cannot approve itself
    resp = client.post(f"/elections/{e.pk}/vote/", _ballot(e), follow=True)
    assert "该选举已计票" in resp.content.decode() and _rows(e) == 1 and _audits("election.vote") == 1

    client.force_login(world.bob)
    assert "上级批复</button>" in client.get(f"/elections/{e.pk}/").content.decode()
    client.post(f"/elections/{e.pk}/approve/", {"approved_on": DAY.isoformat(), "ref": "江教党〔2026〕9号"})
    e.refresh_from_db()
    assert e.status == "approved" and e.approved_on == DAY and e.term is not None
    assert _rows(e) == 2 and _audits("election.approve") == 1
    approve = AuditEvent.objects.get(kind="election.approve")
    assert approve.data["approved_on"] == DAY.isoformat() and approve.data["ref"] == "江教党〔2026〕9号"
    page = client.get(f"/elections/{e.pk}/").content.decode()
    assert "上级批复</button>" not in page and "计票</button>" not in page


def test_a_count_short_of_four_fifths_records_nothing(world, election, client):
    client.force_login(world.alice)
    resp = client.post(f"/elections/{election.pk}/vote/", _ballot(election, present=16), follow=True)
    assert "未超过应到20人的五分之四" in resp.content.decode()
    election.refresh_from_db()
    assert election.status == "planned" and _rows(election) == 0
    assert _audits("election.vote") == _audits("election.invalid") == 0
    assert not election.candidates.filter(yes_votes__isnull=False).exists()


def test_api_lists_the_next_statuses(world, election, client):
    client.force_login(world.alice)
    got = client.get("/api/v1/elections/?org=BRA").json()["items"][0]
    assert got["next"] == [{"value": "voted", "label": "已选举，待上级批复"}]
    ids = [c.person_id for c in election.candidates.order_by("id")]
    body = {"expected": 20, "present": 17, "votes": dict(zip(map(str, ids), (17, 15, 9, 10))), "secretary_id": ids[0]}
    got = client.post(f"/api/v1/elections/{election.pk}/vote", body, content_type="application/json").json()
    assert got["status"] == "voted" and [s["value"] for s in got["next"]] == ["approved"]
    client.force_login(world.bob)
    body = {"approved_on": DAY.isoformat()}
    got = client.post(f"/api/v1/elections/{election.pk}/approve", body, content_type="application/json").json()
    assert got["status"] == "approved" and got["next"] == []


def test_only_a_manager_of_the_org_plans_or_counts(world, election):
    with pytest.raises(Http404):
        services.election_create(actor=world.charlie, org=world.branch_a, held_on=DAY, seats=1, candidates=[])
    with pytest.raises(Http404):
        services.election_vote(
            actor=world.charlie, election=election, expected=20, present=17, votes={}, secretary=world.person_a
        )
    with pytest.raises(ValidationError):  # a secretary must come from the elected members
        services.election_vote(
            actor=world.alice, election=election, expected=20, present=17, votes={}, secretary=world.person_a
        )
    election.refresh_from_db()
    assert election.status == "planned" and _rows(election) == 0

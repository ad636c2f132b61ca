"""The anonymous online vote: tallies and receipts only, one vote per member, paper tallies."""

from django.db import models

from dangjian.appraisal.models import AppraisalCycle, Evaluation, VoterReceipt, VoteTally
from dangjian.core.models import AuditEvent

from .conftest import TO_VOTING, evals, go, open_cycle


def _fk_targets(model):
    return {f.name: f.related_model for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)}


def test_no_table_links_a_voter_to_a_choice():
    from dangjian.members.models import Person

    receipt = {f.name for f in VoterReceipt._meta.get_fields()}
    tally = {f.name for f in VoteTally._meta.get_fields()}
    assert receipt == {"id", "cycle", "voter", "voted_on"}  # who voted — no grade, no candidate
    assert tally == {"id", "evaluation", "grade", "source", "count"}  # what was given — no voter
    assert Person not in _fk_targets(VoteTally).values()
    assert Evaluation not in _fk_targets(VoterReceipt).values()
    # No model of the app holds both a voter-like person and a vote grade except the branch's own grade.
    for model in (AppraisalCycle, VoterReceipt, VoteTally):
        names = {f.name for f in model._meta.get_fields()}
        assert not ({"voter", "grade"} <= names)


def test_member_votes_once_and_only_counts_are_kept(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    client.force_login(branch.dave)
    page = client.get(f"/appraisal/me/{e['丁伟'].pk}/vote/").content.decode()
    assert "王芳" in page and "张敏" in page and 'name="g-%d"' % e["丁伟"].pk not in page  # not voting on oneself
    resp = client.post(
        f"/appraisal/me/{e['丁伟'].pk}/vote/",
        {f"g-{e['王芳'].pk}": "excellent", f"g-{e['张敏'].pk}": "qualified"},
        follow=True,
    )
    assert "投票成功" in resp.content.decode()
    counts = {
        (t.evaluation.person.name, t.grade): t.count for t in VoteTally.objects.select_related("evaluation__person")
    }
    assert counts[("王芳", "excellent")] == 1 and counts[("张敏", "qualified")] == 1
    assert sum(counts.values()) == 2
    # A second ballot is refused and changes nothing.
    resp = client.post(
        f"/appraisal/me/{e['丁伟'].pk}/vote/",
        {f"g-{e['王芳'].pk}": "unqualified", f"g-{e['张敏'].pk}": "unqualified"},
        follow=True,
    )
    assert "您已投过票" in resp.content.decode() or "只能投一次" in resp.content.decode()
    assert sum(VoteTally.objects.values_list("count", flat=True)) == 2
    assert VoterReceipt.objects.filter(cycle=cycle).count() == 1
    # Every online tally row existed before the first ballot (row order reveals nothing) …
    assert VoteTally.objects.filter(source="online").count() == 3 * 4
    # … and the audit trail says only that a ballot was cast.
    voted = AuditEvent.objects.filter(kind="appraisal.voted")
    assert voted.count() == 1 and voted.get().data == {}


def test_one_vote_per_member_is_a_database_constraint(client, branch):
    import pytest
    from django.db import IntegrityError, transaction

    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    VoterReceipt.objects.create(cycle=cycle, voter=branch.person_dave, voted_on="2026-01-05")
    with pytest.raises(IntegrityError), transaction.atomic():
        VoterReceipt.objects.create(cycle=cycle, voter=branch.person_dave, voted_on="2026-01-05")


def test_incomplete_ballot_is_refused(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    client.force_login(branch.dave)
    resp = client.post(f"/appraisal/me/{e['丁伟'].pk}/vote/", {f"g-{e['王芳'].pk}": "excellent"}, follow=True)
    assert "张敏：请选择等次" in resp.content.decode()
    assert not VoterReceipt.objects.exists()


def test_cannot_vote_outside_voting_stage(client, branch):
    cycle = go(client, open_cycle(client, branch), "self_evaluation")
    e = evals(cycle)
    client.force_login(branch.dave)
    resp = client.post(
        f"/appraisal/me/{e['丁伟'].pk}/vote/",
        {f"g-{e['王芳'].pk}": "excellent", f"g-{e['张敏'].pk}": "qualified"},
        follow=True,
    )
    assert "民主测评尚未开始或已经结束" in resp.content.decode()


def test_paper_tallies_checked_against_ballots(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    resp = client.post(f"/appraisal/{cycle.pk}/paper/", {"ballots": 2, f"n-{e['王芳'].pk}-excellent": 3}, follow=True)
    assert "王芳：各等次票数合计3超过有效票2张" in resp.content.decode()
    client.post(
        f"/appraisal/{cycle.pk}/paper/",
        {"ballots": 3, f"n-{e['王芳'].pk}-excellent": 3, f"n-{e['丁伟'].pk}-qualified": 2},
    )
    page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
    assert "纸质票 3 张" in page
    assert VoteTally.objects.get(evaluation=e["王芳"], grade="excellent", source="paper").count == 3


def test_counts_hidden_while_voting(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    client.force_login(branch.dave)
    client.post(
        f"/appraisal/me/{e['丁伟'].pk}/vote/", {f"g-{e['王芳'].pk}": "excellent", f"g-{e['张敏'].pk}": "qualified"}
    )
    client.force_login(branch.alice)
    page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
    assert "投票进行中，测评结束后显示各等次票数" in page
    api = client.get(f"/api/v1/appraisal/cycles/{cycle.pk}").json()
    assert api["voters"] == 1 and all(ev["votes"] is None for ev in api["evaluations"])


def test_paper_form_shows_what_was_entered(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    client.post(f"/appraisal/{cycle.pk}/paper/", {"ballots": 5, f"n-{e['王芳'].pk}-excellent": 4})
    page = client.get(f"/appraisal/{cycle.pk}/paper/").content.decode()
    assert f'name="n-{e["王芳"].pk}-excellent" value="4"' in page

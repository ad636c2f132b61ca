"""换届选举: 差额, BR-07 validity and majority, BR-06 approval by the superior, the new term, reminders."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from dangjian.elections import services
from dangjian.elections.todos import todos_for
from dangjian.orgs.models import CommitteeTerm
from dangjian.orgs.services import term_create
from dangjian.rules.periods import add_years
from tests.conftest import add_person

TODAY = timezone.localdate()


@pytest.fixture
def four(world):
    extra = [add_person(world.branch_a, n, actor=world.admin, seq=10 + i) for i, n in enumerate(["张三", "李四"])]
    return [world.person_a, world.person_dave] + extra


def test_cha_e_rule(world, four):
    with pytest.raises(ValidationError) as exc:
        services.election_create(actor=world.alice, org=world.branch_a, held_on=TODAY, seats=3, candidates=four[:3])
    assert "不少于4名" in str(exc.value)


def test_vote_approve_new_term(world, four):
    e = services.election_create(actor=world.alice, org=world.branch_a, held_on=TODAY, seats=3, candidates=four)
    with pytest.raises(ValidationError):  # 16 of 20 is not more than 4/5
        services.election_vote(actor=world.alice, election=e, expected=20, present=16, votes={}, secretary=four[0])
    e = services.election_create(actor=world.alice, org=world.branch_a, held_on=TODAY, seats=3, candidates=four)
    votes = {four[0].pk: 17, four[1].pk: 15, four[2].pk: 9, four[3].pk: 10}  # 9 is not > 17/2
    e = services.election_vote(
        actor=world.alice, election=e, expected=20, present=17, votes=votes, secretary=four[0], deputy=four[1]
    )
    assert {c.person.name for c in e.candidates.filter(elected=True)} == {"王芳", "丁伟", "李四"}
    with pytest.raises(ValidationError):  # the branch cannot approve its own secretary
        services.election_approve(actor=world.alice, election=e, approved_on=TODAY)
    assert any(i["rule_id"] == "BR-06" for i in todos_for(world.bob, TODAY))
    c = Client()
    c.force_login(world.bob)
    r = c.post(f"/elections/{e.pk}/approve/", {"approved_on": TODAY.isoformat(), "ref": "江教党〔2026〕9号"})
    assert r.status_code == 302
    term = CommitteeTerm.objects.get(org=world.branch_a, ended_on__isnull=True)
    assert term.started_on == TODAY and term.ends_on == add_years(TODAY, 3)
    assert dict(term.members.values_list("person__name", "role")) == {
        "王芳": "secretary",
        "丁伟": "deputy_secretary",
        "李四": "committee_member",
    }


def test_term_end_reminder(world):
    term_create(
        actor=world.admin,
        org=world.branch_a,
        started_on=TODAY - datetime.timedelta(days=1000),
        ends_on=TODAY + datetime.timedelta(days=60),
        posts=[(world.person_a, "secretary")],
    )
    items = todos_for(world.alice, TODAY)
    assert [i["rule_id"] for i in items] == ["BR-04"]
    assert todos_for(world.charlie, TODAY) == []


def test_pages_render(world, four):
    c = Client()
    c.force_login(world.alice)
    for url in (
        "/elections/org/BRA/",
        "/relations/org/BRA/",
        "/relations/org/BRA/pocket/",
        "/relations/org/BRA/out/",
        "/relations/org/BRA/in/",
        "/relations/org/BRA/mobile/",
        "/relations/org/BRA/lost/",
        "/archive/org/BRA/",
        "/archive/org/BRA/new/",
        "/disclosure/",
        "/disclosure/org/BRA/",
        "/disclosure/org/BRA/new/",
    ):
        assert c.get(url).status_code == 200, url
    assert c.get("/todo/").status_code == 200

"""两优一先: the branch nominates with a passing general-meeting vote; only a superior org decides."""

import datetime

from dangjian.core.models import AuditEvent
from dangjian.plans import selectors
from dangjian.plans.models import Honour, Nomination

URL = "/plans/nominations/"


def _post(client, world, **extra):
    data = {
        "org": world.branch_a.pk,
        "year": 2026,
        "kind": "excellent_member",
        "person": world.person_a.pk,
        "reason": "教书育人，带头攻坚",
        "vote_on": "2026-06-10",
        "vote_expected": 10,
        "vote_present": 8,
        "vote_yes": 7,
    }
    data.update(extra)
    return client.post(URL, data)


def test_branch_nominates_with_passing_vote(world, client):
    client.force_login(world.alice)
    assert _post(client, world).status_code == 302
    nom = Nomination.objects.get()
    assert (nom.org, nom.person, nom.status, nom.vote_yes) == (world.branch_a, world.person_a, "proposed", 7)
    assert AuditEvent.objects.filter(kind="plans.nomination_create").count() == 1
    page = client.get(URL).content.decode()
    assert "优秀共产党员" in page and "王芳" in page and "待上级审定" in page
    assert ">批准</button>" not in page  # alice is the branch's own secretary: no decide buttons
    assert "“两优一先”推荐与审定" in client.get("/plans/honours/").content.decode()


def test_failing_vote_is_refused_and_saves_nothing(world, client):
    client.force_login(world.alice)
    resp = _post(client, world, vote_yes=5)  # 5 of 10 expected is not more than half
    assert resp.status_code == 200
    assert "支部党员大会表决未过半数" in resp.content.decode()
    resp = _post(client, world, vote_present=5, vote_yes=5)  # no quorum
    assert "未超过应到10人的半数" in resp.content.decode()
    resp = _post(client, world, person="")  # a person kind needs a person
    assert "须选择人选" in resp.content.decode()
    resp = _post(client, world, person=world.person_b.pk)  # not on this branch's roll (and not offered)
    assert resp.status_code == 200
    assert Nomination.objects.count() == 0
    assert not AuditEvent.objects.filter(kind="plans.nomination_create").exists()


def test_branch_secretary_cannot_approve_own_nomination(world, client):
    client.force_login(world.alice)
    _post(client, world)
    nom = Nomination.objects.get()
    resp = client.post(f"{URL}{nom.pk}/decide/", {"approved": "1", "level": "district", "note": ""})
    assert resp.status_code == 404
    nom.refresh_from_db()
    assert nom.status == "proposed" and not Honour.objects.exists()


def test_bureau_officer_approves_and_honour_appears(world, client):
    client.force_login(world.alice)
    _post(client, world)
    _post(client, world, kind="advanced_org", person="", reason="支部建设扎实")
    person_nom, org_nom = Nomination.objects.order_by("id")
    client.force_login(world.bob)
    page = client.get(URL).content.decode()
    assert page.count(">批准</button>") == 2
    resp = client.post(f"{URL}{person_nom.pk}/decide/", {"approved": "1", "level": "district", "note": "同意"})
    assert resp.status_code == 302
    person_nom.refresh_from_db()
    assert (person_nom.status, person_nom.decided_by, person_nom.decided_org) == ("approved", world.bob, world.bureau)
    h = person_nom.honour
    assert (h.title, h.person, h.org, h.level, h.awarded_by) == (
        "优秀共产党员",
        world.person_a,
        world.branch_a,
        "district",
        world.bureau.name,
    )
    assert h.awarded_on == person_nom.decided_on == datetime.date.today()
    assert [x.title for x in selectors.honours_in_year(world.bureau, h.awarded_on.year)] == ["优秀共产党员"]
    # Rejection needs a note; then no honour is made. A decided nomination cannot be decided again.
    client.post(f"{URL}{org_nom.pk}/decide/", {"approved": "0", "level": "district", "note": ""})
    org_nom.refresh_from_db()
    assert org_nom.status == "proposed"
    client.post(f"{URL}{org_nom.pk}/decide/", {"approved": "0", "level": "district", "note": "事迹材料不足"})
    org_nom.refresh_from_db()
    assert org_nom.status == "rejected" and org_nom.honour is None
    resp = client.post(
        f"{URL}{person_nom.pk}/decide/", {"approved": "0", "level": "district", "note": "x"}, follow=True
    )
    assert "不能重复审定" in resp.content.decode()
    assert Honour.objects.count() == 1
    assert AuditEvent.objects.filter(kind="plans.nomination_decide").count() == 2
    client.force_login(world.alice)
    assert "王芳" in client.get("/plans/honours/").content.decode()


def test_charlie_gets_404(world, client):
    client.force_login(world.alice)
    _post(client, world)
    nom = Nomination.objects.get()
    client.force_login(world.charlie)
    assert "王芳" not in client.get(URL).content.decode()
    resp = client.post(f"{URL}{nom.pk}/decide/", {"approved": "1", "level": "district", "note": ""})
    assert resp.status_code == 404
    resp = _post(client, world)  # branch A is not offered to charlie
    assert resp.status_code == 200 and Nomination.objects.count() == 1

"""Every endpoint × every persona: alice (secretary of BRA) and bob (bureau officer over BRA) reach BRA;
charlie (secretary of BRB, another bureau) gets 404 on everything of BRA and changes nothing; dave (a plain
member of BRA) reaches only his own record; an anonymous caller gets 401."""

import datetime

import pytest

from dangjian.lib.idcard import make as make_id
from dangjian.members.models import Person
from dangjian.orgs.models import Org

from .helpers import call

SEQ = {"alice": 11, "bob": 12, "charlie": 13, "dave": 14, None: 15}


def endpoints(w, who):
    """name -> (method, url, body) for BRA's data, as `who` would send it."""
    born = datetime.date(1988, 3, 9)
    return {
        "org_tree_root": ("GET", "/api/v1/orgs/?root=BRA", None),
        "org_detail": ("GET", "/api/v1/orgs/BRA", None),
        "org_update": ("PATCH", "/api/v1/orgs/BRA", {"short_name": f"改-{who}"}),
        "org_create": (
            "POST",
            "/api/v1/orgs/",
            {"parent_code": "BRA", "kind": "group", "code": f"G-{who}", "name": f"{who}小组"},
        ),
        "member_list": ("GET", "/api/v1/members/?org=BRA", None),
        "member_detail": ("GET", f"/api/v1/members/{w.person_a.pk}", None),
        "member_update": ("PATCH", f"/api/v1/members/{w.person_a.pk}", {"phone": "13800000000"}),
        "member_create": (
            "POST",
            "/api/v1/members/",
            {
                "org": "BRA",
                "name": "新成员",
                "gender": "male",
                "birth_date": born.isoformat(),
                "id_number": make_id("330203", born, SEQ[who], "male"),
                "status": "activist",
            },
        ),
        "member_history": ("GET", f"/api/v1/members/{w.person_a.pk}/history", None),
        "stats": ("GET", "/api/v1/stats/BRA", None),
    }


ALLOWED = {"GET": 200, "PATCH": 200, "POST": 201}


@pytest.mark.parametrize(
    "name",
    [
        "org_tree_root",
        "org_detail",
        "org_update",
        "org_create",
        "member_list",
        "member_detail",
        "member_update",
        "member_create",
        "member_history",
        "stats",
    ],
)
def test_branch_a_endpoint_scope_matrix(world, client, name):
    before = (Person.objects.count(), Org.objects.count())
    for user in (world.charlie, world.dave):
        method, url, body = endpoints(world, user.username)[name]
        r = call(client, method, url, user, body)
        assert r.status_code == 404, (user.username, name, r.content)
        assert r.json()["detail"]  # a Chinese reason, nothing about the object
        assert "飞龙" not in r.content.decode() and "王芳" not in r.content.decode()
    method, url, body = endpoints(world, None)[name]
    r = call(client, method, url, None, body)
    assert r.status_code == 401, (name, r.content)
    assert "未登录" in r.json()["detail"]
    assert (Person.objects.count(), Org.objects.count()) == before  # refused calls changed nothing
    world.person_a.refresh_from_db()
    assert world.person_a.phone == ""
    for user in (world.alice, world.bob):
        method, url, body = endpoints(world, user.username)[name]
        r = call(client, method, url, user, body)
        assert r.status_code == ALLOWED[method], (user.username, name, r.content)


def test_org_tree_lists_exactly_the_managed_part(world, client):
    def codes(user):
        r = call(client, "GET", "/api/v1/orgs/", user)
        assert r.status_code == 200
        return [o["code"] for o in r.json()]

    assert codes(world.alice) == ["BRA", "BRA-G1"]
    assert codes(world.bob) == ["BUREAU", "BRA", "BRA-G1"]
    assert codes(world.charlie) == ["BRB"]
    assert codes(world.dave) == []
    assert set(codes(world.admin)) == {"BUREAU", "OTHER", "BRA", "BRA-G1", "BRB"}


def test_charlie_cannot_pull_bra_under_his_tree_or_reach_it_as_parent(world, client):
    r = call(client, "PATCH", "/api/v1/orgs/BRB", world.charlie, {"parent_code": "BUREAU"})
    assert r.status_code == 404
    r = call(
        client,
        "POST",
        "/api/v1/orgs/",
        world.charlie,
        {"parent_code": "BRA", "kind": "group", "code": "X", "name": "X"},
    )
    assert r.status_code == 404
    assert Org.objects.get(code="BRB").parent.code == "OTHER"


def test_member_sees_only_own_record(world, client):
    r = call(client, "GET", "/api/v1/members/", world.dave)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and [p["name"] for p in body["items"]] == ["丁伟"]
    assert body["items"][0]["id_number"] == world.person_dave.id_number  # his own number, unmasked
    assert call(client, "GET", f"/api/v1/members/{world.person_dave.pk}", world.dave).status_code == 200
    assert call(client, "GET", f"/api/v1/members/{world.person_dave.pk}/history", world.dave).status_code == 200
    assert call(client, "GET", f"/api/v1/members/{world.person_b.pk}", world.dave).status_code == 404
    # Reading is not managing: a member cannot edit even their own record through the API.
    r = call(client, "PATCH", f"/api/v1/members/{world.person_dave.pk}", world.dave, {"phone": "13900000000"})
    assert r.status_code == 404


def test_unknown_ids_are_404_in_json(world, client):
    r = call(client, "GET", "/api/v1/members/999999", world.admin)
    assert r.status_code == 404 and r.json()["detail"]
    r = call(client, "GET", "/api/v1/orgs/NOPE", world.admin)
    assert r.status_code == 404 and r.json()["detail"] == "组织不存在或无权查看"

"""/api/v1/orgs/: the tree, detail with committee and BR findings, create and update (moves keep history)."""

import datetime

from dangjian.core.models import AuditEvent
from dangjian.orgs.models import Org
from dangjian.orgs.services import term_create

from .helpers import call


def test_tree_rows_carry_code_name_kind_and_parent(world, client):
    r = call(client, "GET", "/api/v1/orgs/", world.bob)
    rows = {o["code"]: o for o in r.json()}
    assert rows["BRA"] == {
        "id": world.branch_a.pk,
        "code": "BRA",
        "name": "飞龙中学党支部",
        "short_name": "",
        "kind": "branch",
        "kind_zh": "党支部",
        "parent_code": "BUREAU",
        "depth": 1,
        "unit": "飞龙中学",
        "is_retiree": False,
    }
    assert rows["BUREAU"]["parent_code"] is None and rows["BUREAU"]["kind_zh"] == "党委"
    assert rows["BRA-G1"]["parent_code"] == "BRA" and rows["BRA-G1"]["depth"] == 2


def test_tree_from_a_root(world, client):
    r = call(client, "GET", "/api/v1/orgs/?root=BRA", world.bob)
    assert [o["code"] for o in r.json()] == ["BRA", "BRA-G1"]


def test_detail_shows_committee_and_br_findings_with_rule_id(world, client):
    term_create(
        actor=world.admin,
        org=world.branch_a,
        started_on=datetime.date(2024, 6, 1),
        ends_on=datetime.date(2027, 6, 1),
        posts=[(world.person_a, "secretary")],
    )
    r = call(client, "GET", "/api/v1/orgs/BRA", world.alice)
    assert r.status_code == 200
    org = r.json()
    assert org["code"] == "BRA" and org["name"] == "飞龙中学党支部"
    assert org["committee"] == {
        "started_on": "2024-06-01",
        "ends_on": "2027-06-01",
        "members": [{"person_id": world.person_a.pk, "name": "王芳", "role": "secretary", "role_zh": "书记"}],
    }
    assert [c["code"] for c in org["children"]] == ["BRA-G1"]
    # BRA has two full members: BR-01 says a branch needs at least three.
    br01 = [f for f in org["findings"] if f["rule_id"] == "BR-01"]
    assert br01 and br01[0]["level"] == "error" and "不足三人" in br01[0]["message_zh"]


def test_create_round_trip_is_audited(world, client):
    body = {
        "parent_code": "BUREAU",
        "kind": "branch",
        "code": "SYXX",
        "name": "江北区实验小学党支部",
        "short_name": "实验小学",
        "unit": "江北区实验小学",
        "established_on": "2019-11-05",
    }
    r = call(client, "POST", "/api/v1/orgs/", world.bob, body)
    assert r.status_code == 201, r.content
    assert r.json()["parent_code"] == "BUREAU" and r.json()["established_on"] == "2019-11-05"
    got = call(client, "GET", "/api/v1/orgs/SYXX", world.bob).json()
    assert {k: got[k] for k in ("name", "short_name", "unit", "kind_zh", "depth")} == {
        "name": "江北区实验小学党支部",
        "short_name": "实验小学",
        "unit": "江北区实验小学",
        "kind_zh": "党支部",
        "depth": 1,
    }
    event = AuditEvent.objects.get(kind="org.create", subject_id=got["id"])
    assert event.actor == world.bob


def test_only_admin_creates_a_root(world, client):
    body = {"kind": "committee", "code": "NEWROOT", "name": "新区教育局党委"}
    r = call(client, "POST", "/api/v1/orgs/", world.bob, body)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "parent_code" and "上级组织代码" in r.json()["detail"]
    r = call(client, "POST", "/api/v1/orgs/", world.admin, body)
    assert r.status_code == 201 and r.json()["parent_code"] is None and r.json()["depth"] == 0


def test_update_and_move_keep_history(world, client):
    second = call(
        client,
        "POST",
        "/api/v1/orgs/",
        world.bob,
        {"parent_code": "BUREAU", "kind": "general_branch", "code": "ZZB", "name": "飞龙中学党总支"},
    )
    assert second.status_code == 201
    r = call(client, "PATCH", "/api/v1/orgs/BRA", world.bob, {"short_name": "飞龙", "parent_code": "ZZB"})
    assert r.status_code == 200, r.content
    assert r.json()["short_name"] == "飞龙" and r.json()["parent_code"] == "ZZB" and r.json()["depth"] == 2
    # The group moved along with its branch.
    rows = {o["code"]: o for o in call(client, "GET", "/api/v1/orgs/?root=ZZB", world.bob).json()}
    assert rows["BRA-G1"]["depth"] == 3 and list(rows) == ["ZZB", "BRA", "BRA-G1"]
    kinds = list(
        AuditEvent.objects.filter(subject_type="org", subject_id=world.branch_a.pk)
        .order_by("id")
        .values_list("kind", "data")
    )
    assert ("org.update", {"changes": {"short_name": ["", "飞龙"]}}) in kinds
    assert ("org.move", {"changes": {"parent": ["江北区教育局党委", "飞龙中学党总支"]}}) in kinds


def test_bad_input_is_422_in_chinese_naming_the_field_and_changes_nothing(world, client):
    cases = [
        ({"parent_code": "BRA", "kind": "group", "code": "BRA", "name": "重复"}, "code", "组织代码"),
        ({"parent_code": "BRA", "kind": "castle", "code": "C1", "name": "城堡"}, "kind", "组织类别"),
        (
            {"parent_code": "BRA", "kind": "group", "code": "C2", "name": "x", "established_on": "2019/13/40"},
            "established_on",
            "日期格式不正确",
        ),
        ({"parent_code": "BRA", "kind": "group", "code": "C3"}, "name", "组织名称：必填"),
        ({"parent_code": "BRA", "kind": "branch", "code": "C4", "name": "支部下的支部"}, "parent", "不能设在"),
    ]
    before = Org.objects.count()
    for body, field, text in cases:
        r = call(client, "POST", "/api/v1/orgs/", world.alice, body)
        assert r.status_code == 422, (body, r.content)
        assert field in [e["field"] for e in r.json()["errors"]], r.json()
        assert text in r.json()["detail"], r.json()
    assert Org.objects.count() == before


def test_failed_move_rolls_back_the_field_changes_too(world, client):
    r = call(client, "PATCH", "/api/v1/orgs/BRA", world.bob, {"short_name": "飞龙", "parent_code": "BRA-G1"})
    assert r.status_code == 422
    assert "下级组织" in r.json()["detail"]
    world.branch_a.refresh_from_db()
    assert world.branch_a.short_name == "" and world.branch_a.parent_id == world.bureau.pk

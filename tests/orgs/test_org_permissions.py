"""Who may change an org's kind, parent or active flag, and who edits the national holiday table (issue 18).

Personas (tests/conftest.py): alice is secretary of branch BRA (under BUREAU, with group BRA-G1), bob the
bureau officer of BUREAU, charlie secretary of BRB in another bureau, admin the system administrator.
Expected outcomes follow the rule in the issue: only a manager of the org's parent (or the administrator)
changes kind/parent/active; never to a kind above the actor's own org; the kind must fit the tree.
"""

import datetime

import pytest

from dangjian.orgs.models import Org
from dangjian.orgs.services import org_create
from dangjian.rulebook.models import HolidayDay
from tests.api.helpers import call


@pytest.fixture
def tree(world):
    world.gb = org_create(
        actor=world.admin, kind="general_branch", name="飞龙中学党总支", code="FLZJ", parent=world.bureau
    )
    return world


ACTIONS = {
    "kind": lambda w: ("PATCH", "/api/v1/orgs/BRA", {"kind": "joint_branch"}),
    "move": lambda w: ("PATCH", "/api/v1/orgs/BRA", {"parent_code": "FLZJ"}),
    "deactivate": lambda w: ("PATCH", "/api/v1/orgs/BRA", {"is_active": False}),
}
# persona -> action -> expected status. Alice runs BRA but does not manage its parent; charlie cannot even
# see BRA (404, as for every out-of-scope org); alice cannot name FLZJ as a parent (404, out of her scope).
EXPECTED = {
    "alice": {"kind": 403, "move": 404, "deactivate": 403},
    "bob": {"kind": 200, "move": 200, "deactivate": 200},
    "admin": {"kind": 200, "move": 200, "deactivate": 200},
    "charlie": {"kind": 404, "move": 404, "deactivate": 404},
}


def state(org_code="BRA"):
    o = Org.objects.get(code=org_code)
    return o.kind, o.parent.code if o.parent_id else None, o.is_active


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_structural_change_matrix(tree, client, persona, action):
    before = state()
    method, url, body = ACTIONS[action](tree)
    r = call(client, method, url, getattr(tree, persona), body)
    want = EXPECTED[persona][action]
    assert r.status_code == want, r.content.decode()
    after = state()
    if want == 200:
        changed = {
            "kind": ("joint_branch", "BUREAU", True),
            "move": ("branch", "FLZJ", True),
            "deactivate": ("branch", "BUREAU", False),
        }[action]
        assert after == changed
    else:
        assert after == before
    if want == 403:
        assert "上级组织的管理员" in r.json()["detail"]


def test_secretary_cannot_reclassify_her_branch_as_a_committee(tree, client):
    r = call(client, "PATCH", "/api/v1/orgs/BRA", tree.alice, {"kind": "committee"})
    assert r.status_code == 403 and "只有上级组织的管理员或系统管理员" in r.json()["detail"]
    assert state() == ("branch", "BUREAU", True)


def test_kind_must_fit_the_children(tree, client):
    # BRA has a 党小组; as a 党委 the group would sit directly under a committee.
    r = call(client, "PATCH", "/api/v1/orgs/BRA", tree.bob, {"kind": "committee"})
    assert r.status_code == 422
    assert "党委之下不能设党小组" in r.content.decode()
    assert state() == ("branch", "BUREAU", True)


def test_no_kind_above_the_actors_own(tree, client):
    # Alice manages BRA, the parent of her group, so she may deactivate it but not make it a 党总支.
    r = call(client, "PATCH", "/api/v1/orgs/BRA-G1", tree.alice, {"kind": "general_branch"})
    assert r.status_code == 403 and "高于您所在组织的级别" in r.json()["detail"]
    assert state("BRA-G1") == ("group", "BRA", True)
    r = call(client, "PATCH", "/api/v1/orgs/BRA-G1", tree.alice, {"is_active": False})
    assert r.status_code == 200 and state("BRA-G1") == ("group", "BRA", False)


def test_bureau_officer_cannot_change_his_own_root(tree, client):
    r = call(client, "PATCH", "/api/v1/orgs/BUREAU", tree.bob, {"is_active": False})
    assert r.status_code == 403
    assert state("BUREAU") == ("committee", None, True)


def test_a_group_moves_only_under_a_branch(tree, client):
    r = call(client, "PATCH", "/api/v1/orgs/BRA-G1", tree.admin, {"parent_code": "FLZJ"})
    assert r.status_code == 422 and "党小组不能设在党总支之下" in r.content.decode()
    assert state("BRA-G1") == ("group", "BRA", True)


@pytest.mark.parametrize("code", ["飞龙", "A", "bra 2", "X" * 33, "A_B"])
def test_org_code_format(tree, client, code):
    r = call(
        client,
        "POST",
        "/api/v1/orgs/",
        tree.admin,
        {"parent_code": "BUREAU", "kind": "branch", "code": code, "name": "新支部"},
    )
    assert r.status_code == 422 and "组织代码" in r.content.decode(), r.content.decode()
    assert not Org.objects.filter(name="新支部").exists()


def test_lower_case_code_is_taken_as_upper_case(tree, client):
    r = call(
        client,
        "POST",
        "/api/v1/orgs/",
        tree.admin,
        {"parent_code": "BUREAU", "kind": "branch", "code": "flzx-2", "name": "新支部"},
    )
    assert r.status_code == 201 and r.json()["code"] == "FLZX-2"


def test_page_refuses_a_secretary_reclassifying_her_branch(tree, login):
    client = login(tree.alice)
    r = client.post(
        "/orgs/BRA/edit/",
        {
            "kind": "committee",
            "name": "飞龙中学党支部",
            "code": "BRA",
            "unit": "飞龙中学",
            "sort_order": 0,
            "version": Org.objects.get(code="BRA").version,
        },
    )
    assert r.status_code == 403
    assert "只有上级组织的管理员或系统管理员才能调整类别" in r.content.decode()
    assert state() == ("branch", "BUREAU", True)
    # Her ordinary edits still go through.
    r = client.post(
        "/orgs/BRA/edit/",
        {
            "kind": "branch",
            "name": "飞龙中学党支部",
            "code": "BRA",
            "unit": "飞龙中学初中部",
            "sort_order": 0,
            "version": Org.objects.get(code="BRA").version,
        },
    )
    assert r.status_code == 302 and Org.objects.get(code="BRA").unit == "飞龙中学初中部"


HOLIDAY = {"alice": 403, "bob": 403, "charlie": 403, "admin": 302}


@pytest.mark.parametrize("persona", list(HOLIDAY))
def test_only_the_administrator_edits_the_holiday_table(tree, login, persona):
    client = login(getattr(tree, persona))
    r = client.post("/rules/holidays/2031/", {"lines": "2031-06-02 休 端午节"})
    assert r.status_code == HOLIDAY[persona]
    assert HolidayDay.objects.filter(date=datetime.date(2031, 6, 2)).exists() == (persona == "admin")
    if r.status_code == 403:
        assert "全国法定节假日表由系统管理员统一维护" in r.content.decode()

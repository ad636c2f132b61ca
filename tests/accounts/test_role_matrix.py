"""Who may grant which role where: every persona tries every role on every node (the service), and one
representative case each through the page and the API.

The expected table is written out by hand from the rules as the brief states them — a manager grants
roles below its own inside its subtree, its own role only strictly below its node, nothing outside its
subtree; only the administrator makes top-level bureau officers; 支部委员 and 党员 manage no logins — and
from where each role may sit (bureau officers on Party committees, 党员 on branches / 党总支).
"""

import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from dangjian.accounts import services
from dangjian.accounts.models import RoleAssignment
from dangjian.core.models import AuditEvent
from dangjian.orgs.models import Org

BO, SEC, OFF, MEM = "bureau_officer", "secretary", "officer", "member"
NODES = ["BUREAU", "SCHOOL", "GEN", "GEN1", "BRA", "BRB", "OTHER"]
ALL_VALID = (
    {(BO, n) for n in ("BUREAU", "SCHOOL", "OTHER")}
    | {(SEC, n) for n in NODES}
    | {(OFF, n) for n in NODES}
    | {(MEM, n) for n in ("GEN", "GEN1", "BRA", "BRB")}
)
ALLOWED = {
    "admin": ALL_VALID,
    # bureau officer of the (top-level) bureau: subtree BUREAU, SCHOOL, GEN, GEN1, BRA
    "bob": {(BO, "SCHOOL")}
    | {(r, n) for r in (SEC, OFF) for n in ("BUREAU", "SCHOOL", "GEN", "GEN1", "BRA")}
    | {(MEM, n) for n in ("GEN", "GEN1", "BRA")},
    "alice": {(OFF, "BRA"), (MEM, "BRA")},  # secretary of branch A
    "charlie": {(OFF, "BRB"), (MEM, "BRB")},  # secretary of branch B, another bureau
    "gina": {(SEC, "GEN1"), (OFF, "GEN"), (OFF, "GEN1"), (MEM, "GEN"), (MEM, "GEN1")},  # 党总支 secretary
    "olga": set(),  # 支部委员 of branch A
    "dave": set(),  # 党员 of branch A
}
CASES = [(a, r, n) for a in ALLOWED for r in (BO, SEC, OFF, MEM) for n in NODES]


@pytest.mark.parametrize("actor,role,node", CASES, ids=[f"{a}-{r}-{n}" for a, r, n in CASES])
def test_creating_a_login_with_a_role_follows_the_scope_rules(tree, actor, role, node):
    actor_user = getattr(tree, actor)
    org = Org.objects.get(code=node)
    users, events = User.objects.count(), AuditEvent.objects.count()
    if (role, node) in ALLOWED[actor]:
        user, password = services.user_create(actor=actor_user, name="张新", org=org, role=role)
        assert RoleAssignment.objects.filter(user=user, org=org, role=role).exists()
        assert user.check_password(password)
    else:
        with pytest.raises(PermissionDenied) as exc:
            services.user_create(actor=actor_user, name="张新", org=org, role=role)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value)), exc.value  # a Chinese reason
        assert (User.objects.count(), AuditEvent.objects.count()) == (users, events)


@pytest.mark.parametrize("actor,role,node", CASES, ids=[f"{a}-{r}-{n}" for a, r, n in CASES])
def test_granting_a_role_to_an_existing_login_follows_the_same_rules(tree, actor, role, node):
    # The target holds 党员 on GEN1 and BRA and BRB, so every manager sees it; the question is only the new role.
    target = User.objects.create_user("target", "", "pw-target", first_name="目标")
    for code in ("GEN1", "BRA", "BRB"):
        RoleAssignment.objects.create(user=target, org=Org.objects.get(code=code), role=MEM)
    org = Org.objects.get(code=node)
    already = RoleAssignment.objects.filter(user=target, org=org, role=role).exists()
    if (role, node) in ALLOWED[actor] and not already:
        services.role_grant(actor=getattr(tree, actor), user=target, org=org, role=role)
        assert RoleAssignment.objects.filter(user=target, org=org, role=role).exists()
    elif (role, node) not in ALLOWED[actor]:
        before = RoleAssignment.objects.filter(user=target).count()
        with pytest.raises(PermissionDenied):
            services.role_grant(actor=getattr(tree, actor), user=target, org=org, role=role)
        assert RoleAssignment.objects.filter(user=target).count() == before


# Only roles that can exist can be revoked (the others are refused when granted, above).
REVOKE_CASES = [(a, r, n) for a, r, n in CASES if (r, n) in ALL_VALID]


@pytest.mark.parametrize("actor,role,node", REVOKE_CASES, ids=[f"{a}-{r}-{n}" for a, r, n in REVOKE_CASES])
def test_revoking_needs_the_authority_to_grant(tree, actor, role, node):
    org = Org.objects.get(code=node)
    holder = User.objects.create_user("holder", "", "pw-holder")
    ra = RoleAssignment.objects.create(user=holder, org=org, role=role)
    if (role, node) in ALLOWED[actor]:
        services.role_revoke(actor=getattr(tree, actor), assignment=ra)
        assert not RoleAssignment.objects.filter(pk=ra.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.role_revoke(actor=getattr(tree, actor), assignment=ra)
        assert RoleAssignment.objects.filter(pk=ra.pk).exists()


def test_secretary_makes_an_officer_on_the_page_but_not_a_bureau_officer(tree, client):
    client.force_login(tree.alice)
    r = client.post("/accounts/new/", {"name": "赵组织", "org": "BRA", "role": OFF})
    assert r.status_code == 200 and "初始密码只显示这一次" in r.content.decode()
    assert RoleAssignment.objects.filter(user__first_name="赵组织", org__code="BRA", role=OFF).exists()
    r = client.post("/accounts/new/", {"name": "钱越权", "org": "BRA", "role": BO})
    page = r.content.decode()
    assert "不能设在党支部上" in page and not User.objects.filter(first_name="钱越权").exists()
    r = client.post("/accounts/new/", {"name": "钱越权", "org": "BRA", "role": SEC})
    assert "不能授予高于或等同于本人的角色" in r.content.decode()
    assert not User.objects.filter(first_name="钱越权").exists()
    # a node outside the subtree is not among the choices
    r = client.post("/accounts/new/", {"name": "钱越权", "org": "BRB", "role": MEM})
    assert "BRB 不在可用的选项中" in r.content.decode() and not User.objects.filter(first_name="钱越权").exists()


def test_role_grant_through_the_api_answers_403_with_the_reason_and_404_outside(tree, client):
    dave_id = tree.dave.pk

    def post(user, body):
        client.force_login(user)
        return client.post(
            f"/api/v1/accounts/users/{dave_id}/roles", data=json.dumps(body), content_type="application/json"
        )

    r = post(tree.alice, {"org": "BRA", "role": SEC})
    assert r.status_code == 403 and "不能授予高于或等同于本人的角色" in r.json()["detail"]
    r = post(tree.alice, {"org": "BRA", "role": OFF})
    assert r.status_code == 201 and {(x["org_code"], x["role"]) for x in r.json()["roles"]} == {
        ("BRA", MEM),
        ("BRA", OFF),
    }
    assert post(tree.charlie, {"org": "BRB", "role": OFF}).status_code == 404  # dave is outside charlie's scope
    assert post(tree.olga, {"org": "BRA", "role": MEM}).status_code == 404  # a 支部委员 manages no logins
    r = post(tree.bob, {"org": "BUREAU", "role": BO})
    assert r.status_code == 403 and "只能由系统管理员" in r.json()["detail"]

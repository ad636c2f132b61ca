"""Opening logins from the roster, initial passwords shown once, the forced first change, reset and
deactivation — through the pages a secretary uses, the API and `dangjian user`."""

import io
import json
import re
import subprocess

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from dangjian.accounts.models import ApiToken, LoginProfile, RoleAssignment
from dangjian.core.models import AuditEvent
from tests.conftest import add_person

STRONG = "Hongqi-2026"  # 11 characters, upper + lower + digit + symbol, not a common password


def initial_passwords(html: str) -> list[str]:
    return re.findall(r'class="font-monospace initial-password">([^<]+)<', html)


def events(kind, user):
    return AuditEvent.objects.filter(kind=kind, subject_type="user", subject_id=user.pk)


def test_secretary_opens_logins_for_the_roster_with_pinyin_names_and_prints_slips(world, client):
    # 王芳 is already in branch A (world). Two more: a second 王芳 and 曾小红 (surname 曾 reads zēng, not céng).
    add_person(world.branch_a, "王芳", actor=world.admin, seq=5)
    zeng = add_person(world.branch_a, "曾小红", actor=world.admin, seq=6)
    client.force_login(world.alice)
    page = client.get("/accounts/bulk/?org=BRA").content.decode()
    assert "王芳" in page and "曾小红" in page and "丁伟" not in page  # 丁伟 (dave) has a login already
    ids = re.findall(r'name="person" value="(\d+)"', page)
    r = client.post("/accounts/bulk/?org=BRA", {"person": ids})
    html = r.content.decode()
    assert r.status_code == 200 and "初始密码只显示这一次" in html and r["Cache-Control"] == "no-store"
    names = set(
        User.objects.filter(person__org=world.branch_a).exclude(pk=world.dave.pk).values_list("username", flat=True)
    )
    assert names == {"wangfang", "wangfang2", "zengxiaohong"}
    passwords = initial_passwords(html)
    assert len(passwords) == 3
    zeng.refresh_from_db()
    assert zeng.user.username == "zengxiaohong"
    assert RoleAssignment.objects.filter(user=zeng.user, org=world.branch_a, role="member").exists()
    # the password is on the page once, never in the audit log, never again on the list
    assert not any(p in json.dumps(list(AuditEvent.objects.values_list("data", flat=True))) for p in passwords)
    assert not any(p in client.get("/accounts/").content.decode() for p in passwords)
    assert events("account.create", zeng.user).get().actor == world.alice
    # the slips as a PDF, from what the page posts back
    form = re.search(r'<form method="post" action="/accounts/slips.pdf">(.*?)</form>', html, re.S).group(1)
    fields = re.findall(r'name="(name|username|password)" value="([^"]*)"', form)
    data = {
        "name": [v for k, v in fields if k == "name"],
        "username": [v for k, v in fields if k == "username"],
        "password": [v for k, v in fields if k == "password"],
    }
    pdf = client.post("/accounts/slips.pdf", data)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "曾小红" in text and "zengxiaohong" in text and passwords[0] in text and "账号通知单" in text


def test_first_login_must_set_a_new_password_before_anything_else(world, client):
    client.force_login(world.alice)
    html = client.post(
        f"/accounts/new/?person={world.person_a.pk}", {"name": "王芳", "org": "BRA", "role": "member"}
    ).content.decode()
    (password,) = initial_passwords(html)
    world.person_a.refresh_from_db()
    username = world.person_a.user.username
    assert username == "wangfang"

    fresh = Client()
    r = fresh.post("/login/", {"username": username, "password": password})
    assert r.status_code == 302
    r = fresh.get("/me/")
    assert r.status_code == 302 and r["Location"].startswith("/account/password/")
    api = fresh.get("/api/v1/orgs/")
    assert api.status_code == 403 and "须先修改密码" in api.json()["detail"]
    token = ApiToken.objects.create(user=world.person_a.user, key=ApiToken.new_key()).key
    bearer = Client().get("/api/v1/orgs/", headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 403 and "须先修改密码" in bearer.json()["detail"]
    # a weak new password is refused in Chinese and changes nothing
    r = fresh.post(
        "/account/password/", {"old_password": password, "new_password1": "abcdefgh", "new_password2": "abcdefgh"}
    )
    assert r.status_code == 200 and "至少 3 类" in r.content.decode()
    assert fresh.get("/me/").status_code == 302
    r = fresh.post(
        "/account/password/?next=/me/", {"old_password": password, "new_password1": STRONG, "new_password2": STRONG}
    )
    assert r.status_code == 302 and r["Location"] == "/me/"
    assert fresh.get("/me/").status_code == 200
    assert Client().get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    user = User.objects.get(username=username)
    assert user.check_password(STRONG) and not LoginProfile.objects.get(user=user).must_change_password
    assert events("account.password_change", user).count() == 1


def test_reset_gives_a_new_initial_password_and_the_old_one_stops_working(world, client):
    client.force_login(world.alice)
    r = client.post(f"/accounts/{world.dave.pk}/reset/")
    (password,) = initial_passwords(r.content.decode())
    dave = User.objects.get(pk=world.dave.pk)
    assert not dave.check_password("pw-dave") and dave.check_password(password)
    assert LoginProfile.objects.get(user=dave).must_change_password
    assert events("account.password_reset", dave).get().actor == world.alice
    fresh = Client()
    assert fresh.post("/login/", {"username": "dave", "password": "pw-dave"}).status_code == 200  # refused
    assert fresh.post("/login/", {"username": "dave", "password": password}).status_code == 302


def test_deactivated_login_keeps_its_history_and_can_come_back(world, client):
    token = ApiToken.objects.create(user=world.dave, key=ApiToken.new_key()).key
    client.force_login(world.alice)
    client.post(f"/accounts/{world.dave.pk}/deactivate/")
    dave = User.objects.get(pk=world.dave.pk)
    assert not dave.is_active
    world.person_dave.refresh_from_db()
    assert world.person_dave.user_id == dave.pk and RoleAssignment.objects.filter(user=dave).exists()
    assert Client().post("/login/", {"username": "dave", "password": "pw-dave"}).status_code == 200
    assert Client().get("/api/v1/orgs/", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert "已停用" in client.get("/accounts/?status=inactive").content.decode()
    client.post(f"/accounts/{world.dave.pk}/reactivate/")
    assert Client().post("/login/", {"username": "dave", "password": "pw-dave"}).status_code == 302
    kinds = list(
        AuditEvent.objects.filter(subject_type="user", subject_id=dave.pk, kind__startswith="account.")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["account.deactivate", "account.reactivate"]


def test_a_secretary_cannot_take_over_a_login_with_roles_beyond_her_branch(world, client):
    # dave is also made an officer of branch B: alice (secretary of A) may no longer reset or deactivate him.
    RoleAssignment.objects.create(user=world.dave, org=world.branch_b, role="officer")
    client.force_login(world.alice)
    page = client.get(f"/accounts/{world.dave.pk}/").content.decode()
    assert "超出您的管理权限" in page
    r = client.post(f"/accounts/{world.dave.pk}/reset/", follow=True)
    assert "超出您的管理权限" in r.content.decode()
    assert User.objects.get(pk=world.dave.pk).check_password("pw-dave")
    # charlie (secretary of B) now sees dave, but dave's 党员 role in A is beyond him too
    client.force_login(world.charlie)
    assert "dave" in client.get("/accounts/").content.decode()
    r = client.post(f"/accounts/{world.dave.pk}/deactivate/", follow=True)
    assert "超出您的管理权限" in r.content.decode() and User.objects.get(pk=world.dave.pk).is_active
    assert "alice" not in client.get("/accounts/").content.decode()
    # bob (bureau officer above A) cannot see charlie at all
    client.force_login(world.bob)
    assert client.get(f"/accounts/{world.charlie.pk}/").status_code == 404
    assert client.post(f"/accounts/{world.charlie.pk}/deactivate/").status_code == 404
    client.force_login(world.dave)
    assert client.get("/accounts/").status_code == 404  # a member manages no logins


def test_slips_pdf_refuses_logins_that_already_changed_their_password(world, client):
    client.force_login(world.alice)
    r = client.post("/accounts/slips.pdf", {"name": ["丁伟"], "username": ["dave"], "password": ["whatever"]})
    assert r.status_code == 404


def test_api_creates_resets_and_deactivates_in_scope(world, client):
    client.force_login(world.bob)
    r = client.post(
        "/api/v1/accounts/users", data=json.dumps({"person_id": world.person_a.pk}), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["user"]["username"] == "wangfang" and body["user"]["must_change_password"]
    assert body["user"]["roles"] == [
        {
            "id": body["user"]["roles"][0]["id"],
            "org_code": "BRA",
            "org_name": "飞龙中学党支部",
            "role": "member",
            "role_zh": "党员",
            "can_see_id_numbers": False,
        }
    ]
    uid = body["user"]["id"]
    assert Client().login(username="wangfang", password=body["initial_password"])
    r = client.post(f"/api/v1/accounts/users/{uid}/reset-password")
    assert r.status_code == 200 and r.json()["initial_password"] != body["initial_password"]
    r = client.post(f"/api/v1/accounts/users/{uid}/deactivate")
    assert r.status_code == 200 and r.json()["is_active"] is False
    listing = client.get("/api/v1/accounts/users?org=BRA&status=inactive").json()
    assert [u["username"] for u in listing["items"]] == ["wangfang"]
    r = client.post(
        "/api/v1/accounts/users", data=json.dumps({"name": "", "org": "BRA"}), content_type="application/json"
    )
    assert r.status_code == 422 and "姓名" in r.json()["detail"]
    client.force_login(world.charlie)
    assert client.get(f"/api/v1/accounts/users/{uid}").status_code == 404
    r = client.post("/api/v1/accounts/users/bulk", data=json.dumps({"org": "BRA"}), content_type="application/json")
    assert r.status_code == 404


def test_bulk_through_the_api_is_all_or_nothing(world, client):
    client.force_login(world.alice)
    r = client.post(
        "/api/v1/accounts/users/bulk",
        data=json.dumps({"org": "BRA", "person_ids": [world.person_a.pk, 99999]}),
        content_type="application/json",
    )
    assert r.status_code == 422 and "99999" in r.json()["detail"]
    assert world.person_a.__class__.objects.get(pk=world.person_a.pk).user_id is None
    r = client.post("/api/v1/accounts/users/bulk", data=json.dumps({"org": "BRA"}), content_type="application/json")
    assert r.status_code == 201 and [row["username"] for row in r.json()] == ["wangfang"]


def cli(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("user", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_cli_creates_grants_resets_and_deactivates(world):
    out = cli("create", "李明", "--org", "BUREAU", "--role", "bureau_officer")
    username, password = out.strip().splitlines()[1].split("\t")[1:]
    assert username == "liming"
    user = User.objects.get(username="liming")
    assert user.check_password(password) and user.first_name == "李明"
    assert RoleAssignment.objects.filter(user=user, org=world.bureau, role="bureau_officer").exists()
    assert events("account.create", user).get().data["via"] == "cli"
    cli("role", "liming", "--org", "BRA", "--role", "secretary")
    assert RoleAssignment.objects.filter(user=user, org=world.branch_a, role="secretary").exists()
    cli("role", "liming", "--org", "BRA", "--role", "secretary", "--revoke")
    assert not RoleAssignment.objects.filter(user=user, org=world.branch_a, role="secretary").exists()
    new = cli("reset", "liming").strip().splitlines()[1].split("\t")[2]
    user.refresh_from_db()
    assert new != password and user.check_password(new)
    cli("deactivate", "liming")
    user.refresh_from_db()
    assert not user.is_active
    rows = cli("create", "--org", "BRA", "--from-roster").strip().splitlines()[1:]
    assert [r.split("\t")[:2] for r in rows] == [["王芳", "wangfang"]]


@pytest.mark.parametrize(
    "args,message",
    [
        (("create", "李明", "--org", "NOPE"), "组织代码“NOPE”不存在"),
        (("create", "李明", "--org", "BRA", "--role", "bureau_officer"), "不能设在党支部上"),
        (("create", "李明", "--org", "BRA", "--username", "alice"), "已被使用"),
        (("reset", "nobody"), "用户“nobody”不存在"),
        (("role", "alice", "--org", "BRA", "--role", "secretary"), "已是飞龙中学党支部的“支部书记”"),
        (("role", "alice", "--org", "BRB", "--role", "officer", "--revoke"), "没有“支部委员”角色"),
    ],
)
def test_cli_errors_are_chinese_and_change_nothing(world, args, message):
    users = User.objects.count()
    with pytest.raises(CommandError, match=message):
        cli(*args)
    assert User.objects.count() == users


def test_a_script_with_a_token_can_only_change_the_initial_password_first(world):
    user, password = services_create(world)
    token = ApiToken.objects.create(user=user, key=ApiToken.new_key()).key
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/accounts/me").status_code == 403
    r = api.post(
        "/api/v1/accounts/me/password",
        data=json.dumps({"old_password": password, "new_password": "short"}),
        content_type="application/json",
    )
    assert r.status_code == 422 and "新密码" in r.json()["detail"] and "太短" in r.json()["detail"]
    r = api.post(
        "/api/v1/accounts/me/password",
        data=json.dumps({"old_password": password, "new_password": STRONG}),
        content_type="application/json",
    )
    assert r.status_code == 200
    me = api.get("/api/v1/accounts/me").json()
    assert me["must_change_password"] is False and me["token_last_used_at"] is not None


def services_create(world):
    from dangjian.accounts import services

    return services.user_create(actor=world.alice, name="周新", org=world.branch_a, role="member")

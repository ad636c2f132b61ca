"""Who may call the API: a Bearer token from `dangjian token`, or a logged-in session with CSRF."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from dangjian.orgs.models import Org

from .helpers import cli_token


def test_token_command_prints_the_token_alone_and_it_authenticates(world, client):
    out = io.StringIO()
    call_command("token", "alice", stdout=out)
    token = out.getvalue().strip()
    assert re.fullmatch(r"[0-9a-f]{48}", token), out.getvalue()
    assert out.getvalue() == token + "\n"  # nothing else on stdout: usable as $(dangjian token alice)
    assert cli_token("alice") == token  # stable until reset
    r = client.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    assert [o["code"] for o in r.json()] == ["BRA", "BRA-G1"]


def test_token_reset_rotates_and_the_old_token_stops_working(world, client):
    old = cli_token("bob")
    new = cli_token("bob", "--reset")
    assert new != old
    assert client.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert client.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_token_for_unknown_user_fails_in_chinese(world):
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("token", "nobody", stdout=io.StringIO())


def test_inactive_users_token_is_refused(world, client):
    token = cli_token("alice")
    world.alice.is_active = False
    world.alice.save()
    assert client.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Bearer ", "Basic YWxpY2U6cHctYWxpY2U=", "Token abc"])
def test_without_valid_credentials_the_answer_is_401_json_in_chinese(world, client, header):
    headers = {"Authorization": header} if header else {}
    r = client.get("/api/v1/members/", headers=headers)
    assert r.status_code == 401
    assert r["Content-Type"].startswith("application/json")
    assert "未登录" in r.json()["detail"]
    assert "未登录" in r.content.decode()  # readable UTF-8, not \\u escapes


def test_anonymous_post_is_401_not_a_csrf_error(world):
    csrf_client = Client(enforce_csrf_checks=True)
    r = csrf_client.post("/api/v1/orgs/", data=json.dumps({}), content_type="application/json")
    assert r.status_code == 401


NEW_GROUP = {"parent_code": "BRA", "kind": "group", "code": "BRA-G2", "name": "第二党小组"}


def test_session_post_without_csrf_token_is_refused_and_changes_nothing(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    assert browser.get("/api/v1/orgs/").status_code == 200  # reading needs no CSRF token
    r = browser.post("/api/v1/orgs/", data=json.dumps(NEW_GROUP), content_type="application/json")
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"] and "校验失败" in r.json()["detail"]
    r = browser.patch("/api/v1/orgs/BRA", data=json.dumps({"short_name": "飞龙"}), content_type="application/json")
    assert r.status_code == 403
    assert not Org.objects.filter(code="BRA-G2").exists()
    assert Org.objects.get(code="BRA").short_name == ""


def test_session_post_with_csrf_token_succeeds(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    browser.get("/login/")  # any page that renders a form sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    r = browser.post(
        "/api/v1/orgs/", data=json.dumps(NEW_GROUP), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert r.status_code == 201, r.content
    assert r.json()["code"] == "BRA-G2" and r.json()["parent_code"] == "BRA"


def test_bearer_post_needs_no_csrf_even_with_csrf_enforced(world):
    script = Client(enforce_csrf_checks=True)
    r = script.post(
        "/api/v1/orgs/",
        data=json.dumps(NEW_GROUP),
        content_type="application/json",
        headers={"Authorization": f"Bearer {cli_token('alice')}"},
    )
    assert r.status_code == 201, r.content


def test_openapi_lists_the_paths_and_both_auth_schemes(db, client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    for path in (
        "/api/v1/orgs/",
        "/api/v1/orgs/{code}",
        "/api/v1/members/",
        "/api/v1/members/{person_id}",
        "/api/v1/members/{person_id}/history",
        "/api/v1/stats/{code}",
    ):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/api/v1/orgs/"]) == {"get", "post"}
    assert set(spec["paths"]["/api/v1/members/{person_id}"]) == {"get", "patch"}
    schemes = spec["components"]["securitySchemes"]
    assert {"BearerToken", "SessionAuth"} <= set(schemes)
    assert schemes["BearerToken"]["scheme"] == "bearer"

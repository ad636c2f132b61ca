"""/account/token/: a logged-in user sees and rotates their own token; the API docs page needs no CDN."""

import re

from django.test import Client

from dangjian.accounts.models import ApiToken

from .helpers import cli_token


def test_user_generates_and_rotates_own_token_on_the_page(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    page = browser.get("/account/token/")
    assert page.status_code == 200 and "您还没有令牌" in page.content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    r = browser.post("/account/token/", {"csrfmiddlewaretoken": csrf}, follow=True)
    first = ApiToken.objects.get(user=world.alice).key
    assert first in r.content.decode() and "已生成令牌" in r.content.decode()
    assert cli_token("alice") == first  # the page and the CLI show the same token
    r = browser.post("/account/token/", {"csrfmiddlewaretoken": csrf}, follow=True)
    second = ApiToken.objects.get(user=world.alice).key
    assert second != first and "旧令牌已失效" in r.content.decode()
    api = Client()
    assert api.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert api.get("/api/v1/orgs/", headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_token_page_needs_login_and_shows_only_own_token(world, client):
    r = client.get("/account/token/")
    assert r.status_code == 302 and "/login/" in r["Location"]
    bobs = cli_token("bob")
    client.force_login(world.alice)
    assert bobs not in client.get("/account/token/").content.decode()


def test_api_docs_page_loads_its_assets_locally(db, client):
    r = client.get("/api/v1/docs")
    assert r.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', r.content.decode())
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset

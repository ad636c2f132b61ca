"""Issue #19 page rules through the test client: breadcrumbs only link where the reader may go, a failed CSRF
check explains itself in Chinese, the font size is remembered, and empty choices read 请选择."""

import re

import pytest
from django.test import Client

from .crawl import readable_text

pytestmark = pytest.mark.django_db


def crumbs(html):
    return re.search(r'<nav class="small mb-2"[^>]*>(.*?)</nav>', html, re.DOTALL).group(1)


def test_bureau_crumb_is_plain_text_for_the_branch_secretary_and_a_link_for_the_officer(world, login):
    mine = crumbs(login(world.alice).get("/orgs/BRA/").content.decode())
    assert "江北区教育局党委" in mine and 'href="/orgs/BUREAU/"' not in mine
    assert login(world.alice).get("/orgs/BUREAU/").status_code == 404  # the page she would have been sent to
    theirs = crumbs(login(world.bob).get("/orgs/BRA/").content.decode())
    assert '<a href="/orgs/BUREAU/">江北区教育局党委</a>' in theirs
    stats = crumbs(login(world.alice).get("/orgs/BRA/stats/").content.decode())
    assert 'href="/orgs/BUREAU/"' not in stats and 'href="/orgs/BRA/"' in stats


def test_a_failed_csrf_check_explains_itself_in_chinese_with_a_way_back(world):
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.alice)
    r = c.post("/dues/org/BRA/generate/", {"month": "2026-11"})
    html = r.content.decode()
    assert r.status_code == 403
    assert "页面已过期" in html and "没有保存" in html and "返回上一页" in html and "回到首页" in html
    text = " ".join(readable_text(html))
    assert "CSRF" not in text and "Forbidden" not in text


def test_font_size_is_remembered_across_pages_and_logins(world, client):
    page = client.get("/login/").content.decode()
    assert 'data-font="standard"' in page and "✓标准</button>" in page and ">特大</button>" in page
    r = client.post("/ui/font-size/", {"size": "large", "next": "/login/"})
    assert r.status_code == 302 and r["Location"] == "/login/"
    assert 'data-font="large"' in client.get("/login/").content.decode()
    client.force_login(world.alice)
    assert 'data-font="large"' in client.get("/todo/").content.decode()
    client.post("/ui/font-size/", {"size": "xlarge", "next": "/todo/"})
    client.post("/logout/")  # as the browser does: the session ends, the device keeps its font size
    assert 'data-font="xlarge"' in client.get("/login/").content.decode()
    client.force_login(world.alice)
    assert 'data-font="xlarge"' in client.get("/").content.decode()


def test_font_size_switch_refuses_foreign_redirects_and_unknown_sizes(client):
    r = client.post("/ui/font-size/", {"size": "huge", "next": "https://example.com/"})
    assert r["Location"] == "/" and r.cookies["dj_font"].value == "standard"
    assert client.get("/ui/font-size/").status_code == 405


def test_empty_choices_read_qing_xuan_ze_never_english(world, login):
    html = login(world.alice).get(f"/people/{world.person_a.pk}/edit/").content.decode()
    assert "请选择" in html
    assert "Select an option" not in html and "---------" not in html

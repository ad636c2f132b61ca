"""/api/v1/stats/{code}: the same composition numbers as `dangjian stats --org CODE --json`."""

import datetime
import io
import json

from django.core.management import call_command

from tests.conftest import add_person

from .helpers import call


def test_stats_match_the_cli(world, client):
    add_person(
        world.branch_a,
        "欧阳青",
        actor=world.admin,
        seq=50,
        status="activist",
        join_date=None,
        confirmation_date=None,
        education="postgraduate",
        birth=datetime.date(1999, 2, 3),
    )
    r = call(client, "GET", "/api/v1/stats/BUREAU?on=2026-06-30", world.bob)
    assert r.status_code == 200, r.content
    stats = r.json()
    out = io.StringIO()
    call_command("stats", "--org", "BUREAU", "--on", "2026-06-30", "--json", stdout=out)
    assert stats == json.loads(out.getvalue())
    assert stats["by_status"]["full_member"] == 2 and stats["by_status"]["activist"] == 1


def test_stats_date_must_be_a_date(world, client):
    r = call(client, "GET", "/api/v1/stats/BRA?on=30/06/2026", world.alice)
    assert r.status_code == 422 and "统计日期：日期格式不正确" in r.json()["detail"]


def test_unparseable_body_is_400_in_chinese(world, client):
    from .helpers import cli_token

    r = client.post(
        "/api/v1/members/",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {cli_token('alice')}"},
    )
    assert r.status_code == 400 and "请求体无法解析" in r.json()["detail"]

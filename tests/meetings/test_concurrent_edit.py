"""Two secretaries correct one meeting record at once (issue 18 item 4): page and PATCH /api/v1/meetings/{id}."""

import datetime
import json

from django.test import Client

from dangjian.core.audit import history
from dangjian.meetings.models import Meeting
from tests.api.helpers import cli_token
from tests.html_form import form_data

from .conftest import hold

STALE = "该记录已被他人修改，请刷新后重试"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_second_page_correction_is_refused_and_shows_the_first(world):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 10), actor=world.alice, topic="旧主题")
    url = f"/meetings/{meeting.pk}/edit/"
    alice, bob = _client(world.alice), _client(world.bob)
    form_a = form_data(alice.get(url).content, containing="version", topic="学习二十届四中全会精神")
    form_b = form_data(bob.get(url).content, containing="version", place="三楼会议室")
    assert alice.post(url, form_a).status_code == 302
    r = bob.post(url, form_b)
    assert r.status_code == 409 and STALE in r.content.decode()
    shown = form_data(r.content, containing="version")
    assert shown["topic"] == "学习二十届四中全会精神" and shown["place"] == ""
    meeting.refresh_from_db()
    assert (meeting.topic, meeting.place) == ("学习二十届四中全会精神", "")
    assert history(meeting).first().actor == world.alice
    assert bob.post(url, dict(shown, place="三楼会议室")).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.topic, meeting.place) == ("学习二十届四中全会精神", "三楼会议室")
    assert history(meeting).first().actor == world.bob


def _api(client, method, url, user, body=None, **headers):
    kw = {"headers": {"Authorization": f"Bearer {cli_token(user.username)}", **headers}}
    if body is not None:
        kw.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method.lower())(url, **kw)


def test_meeting_patch_with_stale_if_match_is_409(world, client):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 10), actor=world.alice)
    url = f"/api/v1/meetings/{meeting.pk}"
    etag = _api(client, "GET", url, world.alice)["ETag"]
    ok = _api(client, "PATCH", url, world.alice, {"place": "三楼会议室"}, **{"If-Match": etag})
    assert ok.status_code == 200 and ok["ETag"] != etag
    late = _api(client, "PATCH", url, world.bob, {"minutes": "记录"}, **{"If-Match": etag})
    assert late.status_code == 409 and late.json()["detail"] == STALE
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.minutes == "" and meeting.place == "三楼会议室"
    assert history(meeting).first().actor == world.alice
    fresh = _api(client, "PATCH", url, world.bob, {"minutes": "记录"}, **{"If-Match": ok["ETag"]})
    assert fresh.status_code == 200 and fresh.json()["place"] == "三楼会议室"

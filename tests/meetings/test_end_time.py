"""A meeting may record when it ended: after it began, or refused with "结束时间应晚于开始时间" (form and API)."""

import datetime
import json

from django.utils import timezone

from dangjian.meetings.models import Meeting


def _call(client, method, url, body):
    resp = getattr(client, method)(url, data=json.dumps(body), content_type="application/json")
    return resp.status_code, resp.json()


def _at(hour, minute=0):
    return timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)


def test_api_records_the_end_time_and_shows_it(world, login):
    client = login(world.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "theme_day",
            "starts_at": _at(8).isoformat(),
            "ends_at": _at(9, 30).isoformat(),
            "topic": "主题党日",
        },
    )
    assert code == 201, body
    assert datetime.datetime.fromisoformat(body["ends_at"]) == _at(9, 30)
    page = client.get(f"/meetings/{body['id']}/").content.decode()
    assert _at(8).strftime("%Y-%m-%d") + " 08:00 至 09:30" in page


def test_api_refuses_an_end_before_the_start_and_saves_nothing(world, login):
    client = login(world.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "theme_day",
            "starts_at": _at(9).isoformat(),
            "ends_at": _at(8).isoformat(),
            "topic": "主题党日",
        },
    )
    assert code == 422 and "结束时间应晚于开始时间" in body["detail"]
    assert not Meeting.objects.exists()


def test_api_patch_end_equal_to_start_is_refused(world, login):
    client = login(world.alice)
    code, body = _call(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "theme_day", "starts_at": _at(9).isoformat(), "topic": "主题党日"},
    )
    assert code == 201 and body["ends_at"] is None
    code, body2 = _call(client, "patch", f"/api/v1/meetings/{body['id']}", {"ends_at": _at(9).isoformat()})
    assert code == 422 and "结束时间应晚于开始时间" in body2["detail"]
    assert Meeting.objects.get().ends_at is None
    code, body2 = _call(client, "patch", f"/api/v1/meetings/{body['id']}", {"ends_at": _at(11).isoformat()})
    assert code == 200 and datetime.datetime.fromisoformat(body2["ends_at"]) == _at(11)


def test_page_form_refuses_an_end_before_the_start(world, login):
    client = login(world.alice)
    resp = client.post(
        "/meetings/org/BRA/new/",
        {
            "kind": "theme_day",
            "starts_at": _at(9).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": _at(8, 30).strftime("%Y-%m-%dT%H:%M"),
            "topic": "主题党日",
            "study_hours": "0",
        },
    )
    assert resp.status_code == 200
    assert "结束时间应晚于开始时间" in resp.content.decode()
    assert not Meeting.objects.exists()
    resp = client.post(
        "/meetings/org/BRA/new/",
        {
            "kind": "theme_day",
            "starts_at": _at(9).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": _at(11).strftime("%Y-%m-%dT%H:%M"),
            "topic": "主题党日",
            "study_hours": "0",
        },
    )
    assert resp.status_code == 302
    assert timezone.localtime(Meeting.objects.get().ends_at) == _at(11)

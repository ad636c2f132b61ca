"""/api/v1/meetings/: create, attendance PUT, detail, calendar and grid — scoped like the pages."""

import json

from django.utils import timezone

from dangjian.meetings.models import Meeting


def _json(client, method, url, body=None):
    resp = getattr(client, method)(
        url, data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    return resp.status_code, resp.json()


def test_api_records_a_committee_meeting_with_attendance_and_quorum(committee, login):
    w = committee
    client = login(w.alice)
    now = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    code, body = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "committee_meeting",
            "starts_at": now.isoformat(),
            "topic": "研究党费收缴",
            "host_id": w.person_a.pk,
        },
    )
    assert code == 201, body
    mid = body["id"]
    assert [a["name"] for a in body["attendance"]] and all(a["status"] is None for a in body["attendance"])
    code, body = _json(
        client,
        "put",
        f"/api/v1/meetings/{mid}/attendance",
        {
            "rows": [
                {"person_id": w.person_a.pk, "status": "present"},
                {"person_id": w.person_dave.pk, "status": "leave", "reason": "病假"},
                {"person_id": w.zhang.pk, "status": "present"},
            ]
        },
    )
    assert code == 200, body
    assert body["counts"]["present"] == 2 and body["quorum"][0]["rule_id"] == "LIFE-02" and body["quorum"][0]["ok"]
    code, cal = _json(client, "get", f"/api/v1/meetings/calendar/BRA/{now.year}")
    i = [c["kind"] for c in cal["columns"]].index("committee_meeting")
    assert cal["months"][now.month - 1]["cells"][i]["status"] == "met"
    code, grid = _json(login(w.bob), "get", f"/api/v1/meetings/grid/BUREAU/{now.year}?kind=committee_meeting")
    row = next(r for r in grid["rows"] if r["code"] == "BRA")
    assert row["cells"][now.month - 1]["status"] == "met"
    code, listing = _json(client, "get", f"/api/v1/meetings/?org=BRA&year={now.year}")
    assert [m["id"] for m in listing["items"]] == [mid]


def test_api_refuses_leave_without_reason_in_chinese(committee, login):
    w = committee
    client = login(w.alice)
    now = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    _, body = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "committee_meeting", "starts_at": now.isoformat(), "topic": "例会"},
    )
    code, err = _json(
        client,
        "put",
        f"/api/v1/meetings/{body['id']}/attendance",
        {"rows": [{"person_id": w.person_dave.pk, "status": "leave"}]},
    )
    assert code == 422 and "第1行 丁伟：请假须填写原因" in err["detail"]
    code, err = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "group_meeting", "starts_at": now.isoformat(), "topic": "小组会"},
    )
    assert code == 422 and "党小组会须选择党小组" in err["detail"]


def test_api_scoping_charlie_gets_404_on_branch_a(world, login):
    from .conftest import hold

    meeting = hold(world.branch_a, "theme_day", timezone.localdate())
    client = login(world.charlie)
    year = meeting.year
    for url in (
        f"/api/v1/meetings/{meeting.pk}",
        f"/api/v1/meetings/calendar/BRA/{year}",
        f"/api/v1/meetings/grid/BUREAU/{year}",
        "/api/v1/meetings/?org=BRA",
    ):
        assert client.get(url).status_code == 404, url
    code, _ = _json(client, "put", f"/api/v1/meetings/{meeting.pk}/attendance", {"rows": []})
    assert code == 404
    code, _ = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {"org": "BRA", "kind": "theme_day", "starts_at": timezone.now().isoformat(), "topic": "x"},
    )
    assert code == 404 and Meeting.objects.count() == 1


def test_api_needs_login(client):
    assert client.get("/api/v1/meetings/?org=BRA").status_code == 401


def test_api_corrects_voids_and_restores_a_record_keeping_history(world, login):
    from dangjian.core.models import AuditEvent

    from .conftest import hold

    meeting = hold(world.branch_a, "theme_day", timezone.localdate(), topic="旧主题")
    client = login(world.alice)
    code, body = _json(client, "patch", f"/api/v1/meetings/{meeting.pk}", {"topic": "新主题", "minutes": "补记"})
    assert code == 200 and body["topic"] == "新主题" and body["minutes"] == "补记"
    change = AuditEvent.objects.get(kind="meeting.update", subject_id=meeting.pk).data["changes"]
    assert change["topic"] == ["旧主题", "新主题"]
    code, body = _json(client, "post", f"/api/v1/meetings/{meeting.pk}/void", {"reason": "重复登记"})
    assert code == 200 and body["voided"] is True
    code, body = _json(client, "post", f"/api/v1/meetings/{meeting.pk}/restore")
    assert code == 200 and body["voided"] is False
    code, _ = _json(login(world.charlie), "patch", f"/api/v1/meetings/{meeting.pk}", {"topic": "x"})
    assert code == 404

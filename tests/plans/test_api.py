"""/api/v1/plans/: tasks, inbox (read, answer, review), notices, plans, honours, activities, visits; scoped."""

import datetime

PAST = str(datetime.date.today() - datetime.timedelta(days=1))


def test_task_round_trip_through_the_api(two_schools, client):
    w = two_schools
    client.force_login(w.bob)
    resp = client.post(
        "/api/v1/plans/tasks",
        {"org": "BUREAU", "title": "报送年度总结", "deadline": PAST, "target": "picked", "orgs": ["BRA", "BRC"]},
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    task = resp.json()
    assert [r["org"] for r in task["recipients"]] == ["BRA", "BRC"] and task["late"] == 2
    rid = task["recipients"][0]["id"]
    client.force_login(w.alice)
    assert [r["task_title"] for r in client.get("/api/v1/plans/inbox").json()] == ["报送年度总结"]
    assert client.post(f"/api/v1/plans/inbox/{rid}/read").json()["read_at"]
    r = client.post(f"/api/v1/plans/inbox/{rid}/answer", {"answer": "已完成"}, content_type="application/json")
    # answered after the deadline: 逾期上报 (it was `late: false` before issue 17, item 5 — that lost the mark)
    assert r.json()["status"] == "answered" and r.json()["late"] is True and r.json()["late_kind"] == "answered_late"
    client.force_login(w.bob)
    r = client.post(f"/api/v1/plans/inbox/{rid}/review", {"accept": False}, content_type="application/json")
    assert r.status_code == 422 and "退回" in r.json()["detail"]
    r = client.post(f"/api/v1/plans/inbox/{rid}/review", {"accept": True}, content_type="application/json")
    assert r.json()["status"] == "accepted"
    detail = client.get(f"/api/v1/plans/tasks/{task['id']}").json()
    assert detail["late"] == 2  # BRA reported late (accepted, still late) + BRC never reported
    client.force_login(w.charlie)
    assert client.get(f"/api/v1/plans/tasks/{task['id']}").status_code == 404
    assert (
        client.post(f"/api/v1/plans/inbox/{rid}/answer", {"answer": "x"}, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/plans/tasks", {"org": "BUREAU", "title": "x", "target": "all"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_plans_honours_activities_visits_api(world, client):
    w = world
    client.force_login(w.alice)
    plan = client.post("/api/v1/plans/plans", {"org": "BRA", "year": 2026}, content_type="application/json").json()
    r = client.post(
        f"/api/v1/plans/plans/{plan['id']}/items",
        {"goal": "开展志愿服务", "owner_id": w.person_a.pk, "due_date": "2026-12-01"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["progress"] == {"n": 1, "done": 0, "pct": 0}
    item_id = r.json()["items"][0]["id"]
    r = client.patch(f"/api/v1/plans/items/{item_id}", {"status": "done"}, content_type="application/json")
    assert r.json()["progress"]["done"] == 1
    r = client.post(
        "/api/v1/plans/honours",
        {
            "org": "BRA",
            "person_id": w.person_a.pk,
            "title": "优秀共产党员",
            "level": "district",
            "awarded_by": "区委",
            "awarded_on": "2026-06-30",
        },
        content_type="application/json",
    )
    assert r.status_code == 201
    r = client.post(
        "/api/v1/plans/activities",
        {
            "org": "BRA",
            "kind": "volunteer",
            "title": "社区服务",
            "held_on": "2026-03-05",
            "people": [{"person_id": w.person_a.pk, "hours": "2"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["people"][0]["hours"] == "2.0"
    r = client.post(
        "/api/v1/plans/activities",
        {"org": "BRA", "kind": "volunteer", "title": "x", "held_on": "2026-03-05", "meeting_id": 999999},
        content_type="application/json",
    )
    assert r.status_code == 422
    client.force_login(w.bob)
    r = client.post(
        "/api/v1/plans/visits",
        {
            "org": "BRA",
            "visited_on": "2026-05-01",
            "checked": "台账",
            "problems": [{"text": "记录不全", "due_date": "2026-06-01"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["visitor"] == "bob"
    assert client.get("/api/v1/plans/visits/leaders/BUREAU/2026").json()["leaders"][0]["visits"] == 1
    pid = r.json()["problems"][0]["id"]
    client.force_login(w.charlie)
    assert (
        client.post(
            f"/api/v1/plans/visits/problems/{pid}/resolve",
            {"resolved_on": "2026-05-20"},
            content_type="application/json",
        ).status_code
        == 404
    )
    client.force_login(w.alice)
    r = client.post(
        f"/api/v1/plans/visits/problems/{pid}/resolve", {"resolved_on": "2026-05-20"}, content_type="application/json"
    )
    assert r.json()["problems"][0]["resolved_on"] == "2026-05-20"
    client.force_login(w.charlie)
    assert client.get(f"/api/v1/plans/plans/{plan['id']}").status_code == 404
    assert client.get("/api/v1/plans/honours").json() == []
    assert client.get("/api/v1/plans/visits/leaders/BUREAU/2026").status_code == 404
    assert (
        client.post(
            "/api/v1/plans/honours",
            {"org": "BRA", "title": "x", "level": "school", "awarded_by": "x", "awarded_on": "2026-01-01"},
            content_type="application/json",
        ).status_code
        == 404
    )

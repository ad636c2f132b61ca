"""/api/v1/rectification/: list with filters, detail, raise (idempotent), report, return, accept, cancel."""

from .conftest import DUE, TODAY


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_api_round_trip(world, client):
    w = world
    client.force_login(w.bob)
    body = {
        "org": "BRA",
        "source": "meeting_gap",
        "source_ref": "gap:2026:general_meeting",
        "rule_id": "LIFE-01",
        "problem": "第三季度未召开支部党员大会",
        "owner": w.person_a.pk,
        "due_date": str(DUE),
    }
    r = _post(client, "/api/v1/rectification/items", body)
    assert r.status_code == 201, r.content
    item = r.json()
    assert (item["status"], item["owner_name"], item["source_zh"], item["log"][0]["action"]) == (
        "open",
        "王芳",
        "组织生活缺期",
        "列入整改",
    )
    again = _post(client, "/api/v1/rectification/items", body)
    assert again.status_code == 200 and again.json()["id"] == item["id"]
    client.force_login(w.alice)
    assert (
        _post(client, f"/api/v1/rectification/items/{item['id']}/report", {"closure_note": "已补开"}).json()["status"]
        == "done"
    )
    client.force_login(w.bob)
    r = _post(client, f"/api/v1/rectification/items/{item['id']}/return", {"reason": "缺记录"})
    assert r.json()["status"] == "open" and r.json()["log"][-1]["note"] == "缺记录"
    client.force_login(w.alice)
    _post(client, f"/api/v1/rectification/items/{item['id']}/report", {"closure_note": "补了记录"})
    client.force_login(w.bob)
    r = _post(client, f"/api/v1/rectification/items/{item['id']}/accept", {"note": "同意"})
    assert (r.json()["status"], r.json()["closed_on"]) == ("closed", TODAY.isoformat())
    rows = client.get(f"/api/v1/rectification/orgs/BUREAU?year={TODAY.year}&status=closed").json()
    assert [x["id"] for x in rows] == [item["id"]]
    assert client.get("/api/v1/rectification/orgs/BUREAU?status=open").json() == []
    counts = client.get(f"/api/v1/rectification/orgs/BUREAU/counts?year={TODAY.year}").json()
    assert counts[str(w.branch_a.id)]["closed"] == 1


def test_api_bad_input_is_422_naming_the_field(world, client):
    client.force_login(world.bob)
    r = _post(
        client,
        "/api/v1/rectification/items",
        {"org": "BRA", "problem": "x", "due_date": "2020-01-01", "owner": world.person_a.pk},
    )
    assert r.status_code == 422
    assert "整改时限" in r.json()["detail"] and "不能早于提出日期" in r.json()["detail"]
    r = _post(client, "/api/v1/rectification/items", {"org": "BRA", "problem": "x"})
    assert r.status_code == 422 and "整改时限" in r.json()["detail"]
    r = _post(
        client,
        "/api/v1/rectification/items",
        {"org": "BRA", "problem": "x", "due_date": str(DUE), "owner": world.person_b.pk},
    )
    assert r.status_code == 404  # a person out of scope is not found


def test_api_findings_then_raise_one(world, client):
    year = TODAY.year - 1
    client.force_login(world.alice)
    found = client.get(f"/api/v1/rectification/orgs/BRA/findings?year={year}").json()["findings"]
    gap = next(f for f in found if f["source"] == "meeting_gap" and "支部党员大会" in f["problem"])
    assert gap["item_id"] is None and gap["org"] == "BRA"
    r = _post(
        client,
        "/api/v1/rectification/items",
        {
            **{k: gap[k] for k in ("org", "source", "source_ref", "rule_id", "problem", "measure")},
            "year": year,
            "owner": world.person_a.pk,
            "due_date": str(DUE),
        },
    )
    assert r.status_code == 201
    found = client.get(f"/api/v1/rectification/orgs/BRA/findings?year={year}").json()["findings"]
    again = next(f for f in found if f["source_ref"] == gap["source_ref"])
    assert (again["item_id"], again["item_status"]) == (r.json()["id"], "open")
    client.force_login(world.charlie)
    assert client.get(f"/api/v1/rectification/orgs/BRA/findings?year={year}").status_code == 404

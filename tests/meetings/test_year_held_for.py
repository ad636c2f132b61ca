"""A yearly meeting (组织生活会、民主评议党员、民主生活会) counts for the year it is held *for* (Meeting.for_year).

Worked by hand from LIFE-07 (shared/regulations.md: "Held 2027-01-10 for year 2026 → warning (late)") and the
default rule: the year of the date, or the year before when held in January–March and that org has no meeting
of that kind for the year before. The suite's today is 2026-11-22.
"""

import datetime
import importlib
import json

from dangjian.meetings.models import Meeting

from .conftest import at, hold

D = datetime.date


def _json(client, method, url, body=None):
    resp = getattr(client, method)(
        url, data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    return resp.status_code, resp.json()


def _column(cal, kind):
    i = [c["kind"] for c in cal["columns"]].index(kind)
    return [m["cells"][i] for m in cal["months"]]


def _summary_text(client, year):
    return "\n".join(p["text"] for p in client.get(f"/reports/org/BRA/summary/{year}/").context["paragraphs"])


def test_the_2025_review_held_on_2026_02_26_counts_for_2025_everywhere(world, login):
    client = login(world.alice)
    todo = client.get("/todo/").content.decode()
    assert "飞龙中学党支部：2025年度组织生活会未召开（0/1次）" in todo  # before: 2025 had none

    code, body = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "org_life_review",
            "starts_at": at(D(2026, 2, 26)).isoformat(),
            "topic": "2025年度组织生活会",
        },
    )
    assert code == 201, body
    assert body["for_year"] == 2025 and body["held_on"] == "2026-02-26"

    # the to-do list: nothing "未召开" for 2025 any more
    assert "2025年度组织生活会未召开" not in client.get("/todo/").content.decode()

    # the 2025 calendar: met, shown under December; LIFE-07 says it was late, not missing
    _, cal = _json(client, "get", "/api/v1/meetings/calendar/BRA/2025")
    cells = _column(cal, "org_life_review")
    assert {c["status"] for c in cells} == {"met"} and cells[11]["count"] == 1
    messages = [f["message_zh"] for f in cal["findings"] if f["rule_id"] == "LIFE-07"]
    assert len(messages) == 1 and messages[0].startswith("2025年度组织生活会于2026-02-26召开，晚于当年年底")

    # the 2026 calendar does not count it: February shows nothing, 2026 is still open
    _, cal = _json(client, "get", "/api/v1/meetings/calendar/BRA/2026")
    cells = _column(cal, "org_life_review")
    assert cells[1]["count"] == 0 and "met" not in {c["status"] for c in cells}

    # the superior's grid agrees
    _, grid = _json(login(world.bob), "get", "/api/v1/meetings/grid/BUREAU/2025?kind=org_life_review")
    assert next(r for r in grid["rows"] if r["code"] == "BRA")["cells"][11]["status"] == "met"
    _, grid = _json(login(world.bob), "get", "/api/v1/meetings/grid/BUREAU/2026?kind=org_life_review")
    assert next(r for r in grid["rows"] if r["code"] == "BRA")["cells"][11]["status"] != "met"

    # the annual summary: 2025 names it among the year's meetings and does not list it as missed; 2026 does not
    client = login(world.alice)
    text = _summary_text(client, 2025)
    assert "组织生活会1次" in text and "全年未召开组织生活会" not in text
    assert "组织生活会1次" not in _summary_text(client, 2026)

    # the meeting list of 2025 shows it, marked as counted for 2025
    listing = client.get("/meetings/org/BRA/?year=2025&kind=org_life_review").content.decode()
    assert "2025年度组织生活会" in listing and "计入2025年度" in listing


def test_the_default_is_this_year_once_last_year_has_its_review(world, login):
    client = login(world.alice)
    hold(world.branch_a, "org_life_review", D(2025, 12, 20), topic="2025年度组织生活会")
    code, body = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "org_life_review",
            "starts_at": at(D(2026, 2, 26)).isoformat(),
            "topic": "专题组织生活会",
        },
    )
    assert code == 201 and body["for_year"] == 2026
    # held in April: its own year, whatever came before
    appraisal = hold(world.branch_a, "appraisal", D(2026, 4, 10))
    assert appraisal.for_year == 2026
    # other kinds always count for the year of their date
    lecture = hold(world.branch_a, "party_lecture", D(2026, 1, 15), for_year=2025)
    assert lecture.for_year == 2026


def test_the_secretary_sets_the_year_and_a_wrong_year_is_refused(world, login):
    client = login(world.alice)
    code, body = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "org_life_review",
            "starts_at": at(D(2026, 3, 5)).isoformat(),
            "topic": "组织生活会",
            "for_year": 2026,
        },
    )
    assert code == 201 and body["for_year"] == 2026
    code, err = _json(
        client,
        "post",
        "/api/v1/meetings/",
        {
            "org": "BRA",
            "kind": "org_life_review",
            "starts_at": at(D(2026, 3, 6)).isoformat(),
            "topic": "组织生活会",
            "for_year": 2024,
        },
    )
    assert code == 422 and "所属年度应为召开当年（2026年）或上一年（2025年）" in err["detail"]
    assert Meeting.objects.count() == 1
    code, body = _json(client, "patch", f"/api/v1/meetings/{body['id']}", {"for_year": 2025})
    assert code == 200 and body["for_year"] == 2025
    # moved to April without saying the year: the default of the new date (April → its own year)
    code, body = _json(client, "patch", f"/api/v1/meetings/{body['id']}", {"starts_at": at(D(2026, 4, 10)).isoformat()})
    assert code == 200 and body["for_year"] == 2026


def test_the_form_takes_the_year(world, login):
    client = login(world.alice)
    resp = client.post(
        "/meetings/org/BRA/new/",
        {
            "kind": "appraisal",
            "starts_at": "2026-01-15T09:00",
            "for_year": "2025",
            "topic": "2025年度民主评议党员",
            "study_hours": "0",
        },
    )
    assert resp.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.for_year == 2025
    detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "2025年度" in detail


def test_the_migration_backfills_by_the_default_rule(world):
    """Rows as they were before the field: for_year = the year of the date. The backfill visits them in date
    order: 2025-02-20 → 2024 (2024 has none); 2025-12-15 → 2025; 2026-02-26 → 2026 (2025 has one);
    branch B's 2026-01-08 → 2025; a theme day in February → its own year; a voided 2026-03-01 review in
    branch B → 2026 (2025 is taken by the 01-08 one)."""
    from django.apps import apps
    from django.db.models import F

    migration = importlib.import_module("dangjian.meetings.migrations.0002_meeting_for_year")
    a1 = hold(world.branch_a, "org_life_review", D(2025, 2, 20))
    a2 = hold(world.branch_a, "org_life_review", D(2025, 12, 15))
    a3 = hold(world.branch_a, "org_life_review", D(2026, 2, 26))
    b1 = hold(world.branch_b, "org_life_review", D(2026, 1, 8))
    b2 = hold(world.branch_b, "org_life_review", D(2026, 3, 1))
    b2.voided, b2.void_reason = True, "重复"
    b2.save()
    theme = hold(world.branch_a, "theme_day", D(2026, 2, 10))
    Meeting.objects.update(for_year=F("year"))
    migration.backfill(apps, None)
    got = dict(Meeting.objects.values_list("pk", "for_year"))
    assert [got[m.pk] for m in (a1, a2, a3, b1, b2, theme)] == [2024, 2025, 2026, 2025, 2026, 2026]

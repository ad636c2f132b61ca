"""逾期上报 stays on a report given after the deadline — after the deadline passes, after acceptance,
on the task page, the inbox and the API — and a report given on time is never late.

The deadline is a China date (2026-11-30): a report at 2026-12-01 00:30 China time (2026-11-30 16:30 UTC)
is late; one at 2026-11-30 23:50 China time is on time.
"""

import datetime

import time_machine

from dangjian.plans import services

CN = datetime.timezone(datetime.timedelta(hours=8))
DEADLINE = datetime.date(2026, 11, 30)


def at(y, m, d, hh=10, mm=0):
    return time_machine.travel(datetime.datetime(y, m, d, hh, mm, tzinfo=CN), tick=False)


def _send(w):
    return services.task_send(
        actor=w.bob,
        org=w.bureau,
        title="报送第四季度党建工作台账",
        deadline=DEADLINE,
        target="picked",
        picked=[w.branch_a, w.branch_c],
    )


def _answer_by_api(client, w, rid):
    client.force_login(w.alice)
    return client.post(f"/api/v1/plans/inbox/{rid}/answer", {"answer": "已报送台账"}, content_type="application/json")


def _mine(rows, org="BRA"):
    return next(r for r in rows if r["org"] == org)


def test_report_after_the_deadline_stays_late_after_acceptance(two_schools, client):
    w = two_schools
    task = _send(w)
    rid = task.recipients.get(org=w.branch_a).pk
    with at(2026, 12, 1, 0, 30):  # half an hour into the day after the deadline (still 11-30 in UTC)
        r = _answer_by_api(client, w, rid)
        assert r.status_code == 200 and r.json()["late"] is True
        assert r.json()["late_kind"] == "answered_late" and r.json()["late_zh"] == "逾期上报"
    with at(2027, 1, 10):
        client.force_login(w.bob)
        r = client.post(f"/api/v1/plans/inbox/{rid}/review", {"accept": True}, content_type="application/json")
        assert r.json()["status"] == "accepted" and r.json()["late"] is True
        detail = client.get(f"/api/v1/plans/tasks/{task.pk}").json()
        assert _mine(detail["recipients"])["late_kind"] == "answered_late"
        assert _mine(detail["recipients"], "BRC")["late_kind"] == "overdue"  # never reported
        assert detail["late"] == 2
        assert [t["late"] for t in client.get("/api/v1/plans/tasks").json() if t["id"] == task.pk] == [2]
        page = client.get(f"/plans/tasks/{task.pk}/").content.decode()
        row = page[page.index('data-org="BRA"') : page.index('data-org="BRC"')]
        assert "已采纳" in row and "逾期上报" in row
        assert 'id="n-answered-late">1<' in page and '逾期未报 <span class="text-danger fw-bold">1</span>' in page
        client.force_login(w.alice)
        assert _mine(client.get("/api/v1/plans/inbox").json())["late"] is True
        home = client.get("/plans/").content.decode()
        inbox = home[home.index('id="inbox"') :]
        assert "逾期上报" in inbox[: inbox.index("</table>")]
        assert 'id="late">逾期上报<' in client.get(f"/plans/inbox/{rid}/").content.decode()


def test_report_on_the_deadline_day_is_never_late(two_schools, client):
    w = two_schools
    task = _send(w)
    rid = task.recipients.get(org=w.branch_a).pk
    with at(2026, 11, 30, 23, 50):
        r = _answer_by_api(client, w, rid)
        assert r.json()["late"] is False and r.json()["late_kind"] is None
    with at(2026, 12, 20):  # the deadline has passed
        client.force_login(w.bob)
        detail = client.get(f"/api/v1/plans/tasks/{task.pk}").json()
        assert _mine(detail["recipients"])["late"] is False
        client.post(f"/api/v1/plans/inbox/{rid}/review", {"accept": True}, content_type="application/json")
        detail = client.get(f"/api/v1/plans/tasks/{task.pk}").json()
        assert _mine(detail["recipients"])["late"] is False and detail["late"] == 1  # BRC only
        page = client.get(f"/plans/tasks/{task.pk}/").content.decode()
        row = page[page.index('data-org="BRA"') : page.index('data-org="BRC"')]
        assert "已采纳" in row and "逾期" not in row
        client.force_login(w.alice)
        assert _mine(client.get("/api/v1/plans/inbox").json())["late"] is False
        assert 'id="late"' not in client.get(f"/plans/inbox/{rid}/").content.decode()


def test_returned_report_is_overdue_again_until_reported(two_schools, client):
    w = two_schools
    task = _send(w)
    rid = task.recipients.get(org=w.branch_a).pk
    with at(2026, 11, 25):
        _answer_by_api(client, w, rid)
    with at(2026, 12, 3):
        client.force_login(w.bob)
        r = client.post(
            f"/api/v1/plans/inbox/{rid}/review",
            {"accept": False, "comment": "缺少会议记录"},
            content_type="application/json",
        )
        assert r.json()["late_kind"] == "overdue"
        r = _answer_by_api(client, w, rid)
        assert r.json()["late_kind"] == "answered_late"

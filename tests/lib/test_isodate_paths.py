"""The one ISO-date reader seen from where users type a day: a page's field or link, and the API's month.

Expected values: the suite's clock is pinned to 2026-11-22 (tests/conftest.py); 2026-02-30 and 2026-13-01 are not
days of the Gregorian calendar; a compact "20261122" is not the written-out form the pages ask for."""

import pytest
from django.contrib.messages import get_messages

from dangjian.elections.models import Election
from tests.lib.office_checks import download_filename


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("on", "why"),
    [
        ("2026-02-30", "“2026-02-30”格式不正确"),
        ("20251231", "“20251231”格式不正确"),
        ("2026-11-23", "“2026-11-23”晚于今天"),
    ],
)
def test_a_roster_day_that_does_not_read_exports_today_and_says_why(world, on, why):
    from django.test import Client

    c = Client()
    c.force_login(world.alice)
    r = c.get("/orgs/BRA/roster/export.xlsx", {"on": on})
    assert r.status_code == 200
    assert download_filename(r).startswith("飞龙中学党支部2026年11月22日")
    [message] = _messages(r)
    assert why in message and message.endswith("已按今天的花名册导出")


@pytest.mark.parametrize("held_on", ["2026-02-30", "2026/11/01", ""])
def test_an_election_with_a_day_that_does_not_read_is_not_created(world, held_on):
    from django.test import Client

    c = Client()
    c.force_login(world.alice)
    r = c.post("/elections/org/BRA/new/", {"held_on": held_on, "seats": "3"})
    assert r.status_code == 302 and r["Location"].endswith("/elections/org/BRA/")
    assert _messages(r) == ["请填写选举日期和委员名额"]
    assert not Election.objects.exists()


def test_the_audit_filter_takes_only_the_written_out_day(world, login):
    client = login(world.admin)
    r = client.get("/audit/", {"date_to": "20261122"})
    assert r.status_code == 422 and "结束日期「20261122」不是有效日期，请写成 2026-11-22" in r.content.decode()
    assert client.get("/audit/", {"date_to": "2026-11-22"}).status_code == 200


def test_a_dues_report_for_a_month_names_that_month(world, login):
    client = login(world.alice)
    r = client.get("/api/v1/dues/BRA/reports/monthly.xlsx", {"month": "2026-03"})
    assert r.status_code == 200, r.content[:300]
    assert "2026年3月" in download_filename(r)

"""API tokens expire DANGJIAN_API_TOKEN_DAYS (default 180) after they are made: 401 in Chinese after that; the
account page shows the expiry and the last use (issue 18 item 5).

Expected dates are worked by hand: the suite's clock is 2026-11-22 10:00 (+08:00); 180 days later is
8 (rest of Nov) + 31 + 31 + 28 + 31 + 30 + 21 = 180 → 2027-05-21 10:00.
"""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client, override_settings

from .helpers import cli_token

TZ = ZoneInfo("Asia/Shanghai")


def _get(token, url="/api/v1/accounts/me"):
    return Client().get(url, headers={"Authorization": f"Bearer {token}"})


def test_token_works_until_its_180th_day_then_401_in_chinese(world):
    token = cli_token("alice")
    me = _get(token).json()
    assert me["token_expires_at"].startswith("2027-05-21T")
    with time_machine.travel(datetime.datetime(2027, 5, 21, 9, 59, tzinfo=TZ)):
        assert _get(token).status_code == 200
    with time_machine.travel(datetime.datetime(2027, 5, 21, 10, 0, 1, tzinfo=TZ)):
        r = _get(token)
        assert r.status_code == 401
        assert "API 令牌已于 2027年5月21日过期" in r.json()["detail"] and "重新生成" in r.json()["detail"]
        # The page tells the owner too, and the CLI hands out a fresh one that works.
        browser = Client()
        browser.force_login(world.alice)
        page = browser.get("/account/").content.decode()
        assert "已于 2027-05-21 过期" in page
        fresh = cli_token("alice")
        assert fresh != token and _get(fresh).status_code == 200 and _get(token).status_code == 401


def test_account_page_shows_expiry_and_last_use(world):
    token = cli_token("alice")
    browser = Client()
    browser.force_login(world.alice)
    page = browser.get("/account/").content.decode()
    assert "有效期至 2027-05-21 10:00" in page and "从未使用" in page
    assert _get(token, "/api/v1/orgs/").status_code == 200
    page = browser.get("/account/").content.decode()
    assert "最近使用：2026-11-22 10:00" in page
    assert "有效期至 2027-05-21 10:00" in browser.get("/account/token/").content.decode()


@override_settings(DANGJIAN_API_TOKEN_DAYS=30)
def test_the_lifetime_is_a_setting(world):
    token = cli_token("bob")
    assert _get(token).json()["token_expires_at"].startswith("2026-12-22T")
    with time_machine.travel(datetime.datetime(2026, 12, 22, 10, 0, 1, tzinfo=TZ)):
        assert _get(token).status_code == 401

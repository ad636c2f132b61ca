"""A secretary records a committee meeting with one member on leave; the branch calendar turns that month's
支委会 cell green; the bureau officer's grid shows it as held."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import login_as
from tests.meetings.conftest import committee  # noqa: F401  (fixture)


def test_committee_meeting_with_leave_turns_calendar_green_and_shows_in_bureau_grid(page, committee):  # noqa: F811
    now = timezone.localtime()
    year, month = now.year, now.month
    login_as(page, "alice")
    page.goto(page.base + "/meetings/")
    page.get_by_role("link", name="登记会议").first.click()
    page.wait_for_url("**/meetings/org/BRA/new/")
    page.select_option("#id_kind", "committee_meeting")
    page.fill("#id_starts_at", now.replace(hour=8, minute=30).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "党员活动室")
    page.fill("#id_topic", "研究本月党建工作")
    page.select_option("#id_host", label="王芳")
    page.fill("#id_minutes", "王芳主持会议，讨论本月工作安排。")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/meetings/\d+/attendance/$"))
    table = page.locator("#attendance-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    page.get_by_label("丁伟 请假").check()
    page.get_by_label("丁伟 原因").fill("外出培训")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/meetings/\d+/$"))
    expect(page.locator("#attendance-list")).to_contain_text("丁伟：请假（外出培训）")
    expect(page.locator("#quorum")).to_contain_text("应到委员3人，实到2人，超过半数，会议有效")

    page.goto(page.base + f"/meetings/org/BRA/calendar/{year}/")
    cell = page.locator(f'#calendar tr[data-month="{month}"] td[title*="支委会"]')
    expect(cell).to_have_class(re.compile("table-success"))
    expect(cell).to_have_text("1")

    login_as(page, "bob")
    page.goto(page.base + f"/meetings/org/BUREAU/grid/{year}/")
    page.select_option("select[name=kind]", "committee_meeting")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r".*kind=committee_meeting.*"))
    held = page.locator(f'#grid tr[data-org="BRA"] td[data-col="{month}"]')
    expect(held).to_have_text("✓")
    expect(held).to_have_class(re.compile("table-success"))
    held.locator("a").click()
    page.wait_for_url(re.compile(r".*/meetings/org/BRA/\?year=.*"))
    expect(page.get_by_role("link", name="研究本月党建工作")).to_be_visible()

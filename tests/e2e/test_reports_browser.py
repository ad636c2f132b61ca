"""A bureau officer opens the dashboard, drills into a branch with a missing quarter, and the branch's
summary draft names that gap under 存在的问题; the draft is edited and saved in the browser."""

import datetime

from dangjian.meetings.models import Kind
from dangjian.orgs.services import org_create
from dangjian.reports.models import SummaryDraft
from tests.conftest import add_person
from tests.e2e.conftest import login_as
from tests.meetings.conftest import hold

D = datetime.date


def test_officer_drills_from_dashboard_into_the_summary_gap(page, world):
    gap = org_create(
        actor=world.admin, kind="branch", name="育才小学党支部", code="YCXX", parent=world.bureau, unit="育才小学"
    )
    add_person(gap, "陈静", actor=world.admin, seq=60)
    for day in (D(2026, 2, 10), D(2026, 5, 12), D(2026, 11, 3)):  # no 党员大会 in the third quarter
        hold(gap, Kind.GENERAL_MEETING, day, topic="支部党员大会")

    login_as(page, "bob")
    page.click("text=报表与总结")
    page.click("a[href='/reports/org/BUREAU/dashboard/2026/']")
    table = page.locator("#dashboard")
    row = table.locator("tr[data-code=YCXX]")
    assert row.locator("td").nth(2).inner_text() == "3"  # three 党员大会 periods held
    # sort by missing periods, then drill into the branch
    page.click("#dashboard thead >> text=组织生活缺期")
    assert "sort=meet_missing" in page.url
    row.locator("a.branch-link").click()
    page.wait_for_url("**/reports/org/YCXX/summary/2026/")
    texts = page.eval_on_selector_all("textarea[name=text]", "els => els.map(e => e.value)")
    problems = texts[texts.index("二、存在的问题及原因") + 1 : texts.index("三、下一步工作打算")]
    assert any("第三季度未召开支部党员大会" in t for t in problems), problems
    # every number of the gap links to the calendar behind it
    assert page.locator("a.fact[href='/meetings/org/YCXX/calendar/2026/']").count() >= 1

    # edit the opening paragraph and save
    page.locator("textarea[name=text]").nth(2).fill("2026年，育才小学党支部认真落实各项制度。")
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert", has_text="草稿已保存").is_visible()
    draft = SummaryDraft.objects.get(org=gap, year=2026, kind="summary")
    assert draft.paragraphs[2]["text"] == "2026年，育才小学党支部认真落实各项制度。"
    assert draft.edited_by.username == "bob"

"""整改台账 in the browser: the bureau officer raises an item from a branch's meeting gap, the branch secretary
reports it done on her phone with evidence, the officer accepts it and the ledger shows 已销号."""

import datetime
import re

from playwright.sync_api import expect

from dangjian.rectification.models import Rectification
from tests import sample_files
from tests.e2e.conftest import login_as

LAST_YEAR = datetime.date.today().year - 1  # all of last year's periods have ended: its gaps are certain


def test_officer_raises_from_gap_secretary_reports_officer_accepts(page, phone_page, world, tmp_path):
    # The bureau officer opens 发现的问题 for last year and raises 飞龙中学's missed 支部党员大会.
    login_as(page, "bob")
    page.goto(page.base + "/rectification/")
    expect(page.locator("h1")).to_contain_text("江北区教育局党委 整改台账")
    page.select_option("#filters select[name=year]", str(LAST_YEAR))
    page.click("#filters button")
    page.get_by_role("link", name="发现的问题").click()
    row = page.locator("table.findings tr", has_text="未召开支部党员大会").first
    expect(row).to_contain_text("飞龙中学党支部")
    row.get_by_role("link", name="列入整改").click()
    expect(page.locator("#id_problem")).to_have_value(re.compile("飞龙中学党支部.*未召开支部党员大会"))
    page.select_option("#id_owner", label="王芳（飞龙中学党支部）")
    page.fill("#id_due_date", (datetime.date.today() + datetime.timedelta(days=15)).isoformat())
    page.get_by_role("button", name="列入整改").click()
    page.wait_for_url(re.compile(r".*/rectification/\d+/$"))
    expect(page.locator("#item")).to_contain_text("组织生活缺期（LIFE-")
    item = Rectification.objects.get()

    # The branch secretary reports it done on her phone, with a photo of the meeting record.
    evidence = tmp_path / "补开会议记录.jpg"
    evidence.write_bytes(sample_files.jpeg())
    login_as(phone_page, "alice")
    phone_page.goto(phone_page.base + f"/rectification/{item.pk}/")
    expect(phone_page.locator("#accept-form")).to_have_count(0)
    phone_page.fill("#id_closure_note", "已于本月补开支部党员大会，会议记录已归档。")
    phone_page.set_input_files("#id_files", str(evidence))
    phone_page.get_by_role("button", name="报告整改完成").click()
    expect(phone_page.locator(".alert-success")).to_contain_text("已报告整改完成")
    expect(phone_page.locator("body")).to_contain_text("等待上级党组织验收")
    expect(phone_page.locator("#accept-form")).to_have_count(0)

    # The officer sees the evidence and accepts (销号).
    page.reload()
    expect(page.get_by_role("link", name="补开会议记录.jpg")).to_be_visible()
    page.fill("#id_note", "整改到位，同意销号")
    page.get_by_role("button", name="验收销号").click()
    expect(page.locator(".alert-success")).to_contain_text("已验收销号")
    expect(page.locator("#log")).to_contain_text("验收销号：整改到位，同意销号")

    # The ledger shows it closed with today's date.
    page.get_by_role("link", name=re.compile("整改台账")).first.click()
    ledger_row = page.locator("#ledger tbody tr", has_text="未召开支部党员大会")
    expect(ledger_row).to_contain_text("已销号")
    expect(ledger_row).to_contain_text(datetime.date.today().isoformat())

"""The rule tools in Chromium: 规则库 filtering, the 党费计算器 (also on a phone) and the 时间节点计算器."""

from playwright.sync_api import expect

from tests.e2e.conftest import login_as


def test_rule_catalog_filters_and_searches(page, world):
    login_as(page, "alice")
    page.click("text=规则与工具")
    page.wait_for_url("**/rules/")
    expect(page.locator("#rule-FEE-02")).to_be_visible()
    page.select_option("select[name=prefix]", "FEE")
    page.wait_for_url("**prefix=FEE**")
    expect(page.locator("#rule-DEV-08")).to_have_count(0)
    expect(page.locator("#rule-FEE-01 .local-setting")).to_contain_text("党费基数扣除")
    page.fill("input[name=q]", "全额累进")
    page.click("#rule-filter button")
    expect(page.locator("#rule-FEE-02")).to_be_visible()
    expect(page.locator("#rule-FEE-01")).to_have_count(0)


def test_dues_calculator_on_phone_updates_live(phone_page, world):
    page = phone_page
    login_as(page, "alice")
    page.goto(page.base + "/rules/dues-calculator/")
    amounts = page.locator("input[name=item_amount]")
    amounts.nth(0).fill("3000")
    amounts.nth(1).fill("1500")
    amounts.nth(2).fill("2500")
    amounts.nth(3).fill("800")
    amounts.nth(4).fill("900")  # 住房公积金: excluded automatically
    page.fill("#id_income_tax", "150")
    expect(page.locator("#dues-amount")).to_have_text("114.75")  # htmx, no button pressed
    expect(page.locator("#dues-steps")).to_contain_text("7650.00")
    expect(page.locator("#dues-steps")).to_contain_text("FEE-13")
    # the page fits the phone: no horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # a free row added on the phone counts too
    page.click("#add-row")
    page.locator("input[name=item_name]").last.fill("津贴补贴二")
    page.locator("input[name=item_amount]").last.fill("100")
    expect(page.locator("#dues-amount")).to_have_text("116.25")  # 7750 × 1.5%


def test_dues_calculator_plain_post_without_javascript(browser, live_server, world):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.base = live_server.url
    login_as(page, "alice")
    page.goto(page.base + "/rules/dues-calculator/")
    page.locator("input[name=item_amount]").nth(0).fill("5100")
    page.click("#dues-form button[type=submit]")
    expect(page.locator("#dues-amount")).to_have_text("76.50")
    context.close()


def test_recruitment_calculator_shows_deadlines_and_provisional_mark(page, world):
    login_as(page, "alice")
    page.goto(page.base + "/rules/recruitment-calculator/")
    page.fill("#id_publicity", "2026-06-01")
    expect(page.locator("#timeline-lines")).to_contain_text("2026年6月5日")
    expect(page.locator("#timeline-lines")).to_contain_text("DEV-08")
    expect(page.locator(".provisional")).to_have_count(0)
    page.fill("#id_publicity", "2031-06-02")
    expect(page.locator("#provisional-note")).to_contain_text("该年度法定节假日安排尚未录入")
    expect(page.locator(".provisional").first).to_be_visible()
    page.locator("#provisional-note a").first.click()
    page.wait_for_url("**/rules/holidays/2031/")
    expect(page.locator("#year-status")).to_contain_text("尚未录入")


def test_admin_enters_holidays_and_mark_disappears(page, world):
    login_as(page, "admin")
    page.goto(page.base + "/rules/holidays/2031/")
    page.fill("textarea[name=lines]", "2031-06-02~2031-06-03 休 端午节")
    page.check("#id_complete")
    page.click("#holiday-form button[type=submit]")
    expect(page.locator("#entered-days")).to_contain_text("端午节")
    page.goto(page.base + "/rules/recruitment-calculator/")
    page.fill("#id_publicity", "2031-06-02")
    expect(page.locator("#timeline-lines")).to_contain_text("2031年6月10日")
    expect(page.locator(".provisional")).to_have_count(0)

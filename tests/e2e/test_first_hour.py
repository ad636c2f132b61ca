"""Issue #19: a secretary's and a member's first hour, in real Chromium on a desktop and on a 390×844 phone.

Log in, read the start page, do the first three tasks (roster and a person, the month's dues, a larger font),
open a page that does not exist, and come back. Along the way: no page is wider than the phone, breadcrumbs
link only where the user may go, the keyboard reaches the content first, and the font size is remembered."""

import re

import pytest

from dangjian.dues import services as dues
from tests.e2e.conftest import login_as

SIZES = {"desktop": "page", "phone": "phone_page"}


def fits(page):
    """Nothing sticks out sideways: wide tables scroll inside their card, not the page."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def latin_words(page):
    """Latin words a user reads in the content. A Chinese page shows none but file formats, login names, org
    codes (the audit filter asks for them) and cited rule codes such as （LIFE-01） in the 检查提示."""
    text = RULE_CODE.sub("", page.inner_text("main"))
    return set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN


RULE_CODE = re.compile(r"[A-Z]{2,}-\d+")
ALLOWED_LATIN = {
    "Excel",
    "PDF",
    "Word",
    "admin",
    "alice",
    "bob",
    "charlie",
    "dave",
    "wangfang",
    "BRA",
    "BRB",
    "BUREAU",
    "OTHER",
}


def open_menu(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.wait_for_selector("#nav.show")


@pytest.mark.parametrize("size", SIZES)
def test_secretary_first_hour(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", base="7650")  # ¥114.75

    login_as(page, "alice")
    assert page.locator("h1").inner_text().startswith("欢迎")
    assert page.locator("#start-todos").is_visible() and fits(page)

    # The keyboard reaches "跳到正文" first, and it lands on the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"

    # 1. The roster, one person, and back by the breadcrumb.
    page.goto(page.base + "/orgs/BRA/")
    crumb = page.locator("nav.small").first
    assert "江北区教育局党委" in crumb.inner_text()
    assert crumb.locator("a", has_text="江北区教育局党委").count() == 0  # not hers to open: plain text
    page.goto(page.base + "/orgs/BRA/roster/")
    page.locator("a", has_text="王芳").first.click()
    page.wait_for_url("**/people/**")
    assert fits(page)
    page.locator("nav.small a", has_text="飞龙中学党支部").click()
    page.wait_for_url("**/orgs/BRA/roster/")

    # 2. This month's dues: counts in words, then generate, and the page stays on the month.
    page.goto(page.base + "/dues/org/BRA/?month=2026-11")
    assert page.inner_text("#counts") == "未生成 2 人 / 已交 0 人 / 未交 0 人"
    page.click("#generate")
    page.wait_for_selector("text=新生成1条")
    assert "2026年11月党费收缴明细表" in page.inner_text("main")
    assert page.inner_text("#counts") == "未生成 1 人 / 已交 0 人 / 未交 1 人"
    assert page.inner_text("#total-charged") == "¥114.75"
    # November is not late on the 22nd: 未交 with its due day (the 25th by default), not 已逾期.
    status = page.locator("tr[data-person='王芳'] td.status").inner_text()
    assert "未交" in status and "25日前交纳" in status and "逾期" not in status
    assert fits(page)

    # 3. A larger font, remembered on the next page and after logging in again.
    page.locator(".font-switch button", has_text="特大").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.font") == "xlarge"
    assert "2026年11月" in page.inner_text("main")  # the switch returned to the same page
    page.goto(page.base + "/todo/")
    assert page.evaluate("document.documentElement.dataset.font") == "xlarge"
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.body).lineHeight) / "
            "parseFloat(getComputedStyle(document.body).fontSize)"
        )
        >= 1.3
    )

    # A page that does not exist, in Chinese, with a way home.
    page.goto(page.base + "/orgs/BRA/no-such-page/")
    assert "页面不存在（404）" in page.inner_text("main")
    page.locator("a", has_text="回到首页").click()
    page.wait_for_url(page.base + "/")
    assert page.locator("h1").inner_text().startswith("欢迎")


@pytest.mark.parametrize("size", SIZES)
def test_member_first_hour(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    dues.base_set(actor=world.alice, person=world.person_dave, effective_month="2026-01", base="4900")  # ¥49.00
    for month in ("2026-10", "2026-11"):
        dues.charges_generate(actor=world.alice, org=world.branch_a, month=month)

    login_as(page, "dave")
    page.wait_for_url("**/me/")
    assert "丁伟" in page.inner_text("main") and fits(page)

    # 1. Own dues: October is owed, November (due by the 25th) is not yet.
    open_menu(page)
    page.locator("#nav a", has_text="我的党费").click()
    page.wait_for_url("**/dues/me/")
    assert page.inner_text("#my-owed") == "¥49.00"
    months = page.inner_text("#my-months")
    assert "2026年11月" in months and "25日前交纳" in months
    assert fits(page)

    # 2. Notices, 3. the branch's 党务公开: each opens in Chinese and fits.
    for link, url in (("通知", "**/plans/**"), ("党务公开", "**/disclosure/**")):
        open_menu(page)
        page.locator("#nav a", has_text=link).first.click()
        page.wait_for_url(url)
        assert fits(page)

    # A page she may not open reads as 404 in Chinese; 返回上一页 brings her back.
    page.goto(page.base + "/orgs/BRA/")
    assert "页面不存在（404）" in page.inner_text("main")
    page.locator("a", has_text="返回上一页").click()
    page.wait_for_url("**/disclosure/**")


PHONE_PAGES = [
    "/",
    "/todo/",
    "/orgs/BRA/",
    "/orgs/BRA/roster/",
    "/orgs/BRA/stats/",
    "/meetings/org/BRA/",
    "/meetings/org/BRA/calendar/2026/",
    "/meetings/org/BRA/grid/2026/",
    "/recruitment/org/BRA/",
    "/dues/org/BRA/",
    "/dues/org/BRA/pay/",
    "/dues/org/BRA/payments/",
    "/dues/org/BRA/arrears/",
    "/dues/org/BRA/bases/",
    "/dues/org/BRA/ledger/",
    "/appraisal/",
    "/learning/org/BRA/2026/",
    "/disclosure/org/BRA/",
    "/plans/",
    "/assessment/",
    "/rectification/org/BRA/",
    "/reports/org/BRA/summary/2026/",
    "/reports/org/BRA/dashboard/2026/",
    "/rules/",
    "/rules/settings/",
    "/relations/org/BRA/",
    "/elections/org/BRA/",
    "/archive/org/BRA/",
    "/account/",
]


def test_no_page_is_wider_than_a_phone(phone_page, world):
    """390×844: wide tables scroll inside their card; the page itself never scrolls sideways."""
    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", base="7650")
    dues.charges_generate(actor=world.alice, org=world.branch_a, month="2026-10")
    login_as(phone_page, "alice")
    wide = []
    for url in PHONE_PAGES + [f"/people/{world.person_a.pk}/"]:
        phone_page.goto(phone_page.base + url)
        if not fits(phone_page):
            wide.append((url, phone_page.evaluate("document.documentElement.scrollWidth")))
    assert not wide, wide


@pytest.mark.parametrize("size", SIZES)
def test_bureau_officer_first_hour(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])

    login_as(page, "bob")
    assert page.locator("h1").inner_text().startswith("欢迎")
    assert page.locator("#start-todos").is_visible()
    panel = page.locator("#panel-BUREAU")
    assert "江北区教育局党委" in panel.inner_text()
    # The year's progress across the bureau's branches: each branch's 三会一课 held/required.
    progress = panel.locator(".bureau-progress").inner_text()
    assert "2026年工作进展" in progress and "飞龙中学党支部" in progress and "已开" in progress
    assert "昆山二中第一支部" not in progress  # another bureau's branch
    assert fits(page)
    assert not latin_words(page), latin_words(page)

    # 1. The dashboard, one branch, and back to the bureau by the breadcrumb.
    panel.locator("a", has_text="工作看板").click()
    page.wait_for_url("**/reports/org/BUREAU/dashboard/2026/")
    assert "飞龙中学党支部" in page.inner_text("main") and fits(page)
    assert not latin_words(page), latin_words(page)
    page.locator("a.branch-link", has_text="飞龙中学党支部").click()
    page.wait_for_url("**/reports/org/BRA/summary/2026/")
    assert "飞龙中学党支部" in page.inner_text("h1") and fits(page)
    assert not latin_words(page), latin_words(page)
    page.locator("nav.small a", has_text="江北区教育局党委").click()
    page.wait_for_url("**/reports/org/BUREAU/dashboard/2026/")

    # 2. The year's 党内统计 as an Excel file with its Chinese name.
    page.goto(page.base + "/reports/org/BUREAU/dashboard/2026/")
    with page.expect_download() as info:
        page.locator("a", has_text="党内统计表").click()
    assert info.value.suggested_filename == "江北区教育局党委2026年度党内统计年报.xlsx"

    # 3. The 台账 PDF for the whole bureau runs in the background: the job page says so, in Chinese.
    page.locator("button", has_text="台账（PDF，后台生成）").click()
    page.wait_for_url("**/jobs/**")
    assert "台账" in page.inner_text("main") and fits(page)
    assert not latin_words(page), latin_words(page)

    # A page that does not exist, in Chinese, with a way home.
    page.goto(page.base + "/reports/org/BUREAU/no-such-page/")
    assert "页面不存在（404）" in page.inner_text("main")
    page.locator("a", has_text="回到首页").click()
    page.wait_for_url(page.base + "/")
    assert page.locator("h1").inner_text().startswith("欢迎")


@pytest.mark.parametrize("size", SIZES)
def test_administrator_first_hour(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])

    login_as(page, "admin")
    assert page.locator("h1").inner_text().startswith("欢迎")
    # Both bureaus are the administrator's; each has its panel.
    assert page.locator("#panel-BUREAU").is_visible() and page.locator("#panel-OTHER").is_visible()
    assert fits(page)
    assert not latin_words(page), latin_words(page)

    # 1. 账号管理 from the start page: a login for 王芳 of 飞龙中学党支部, its initial password shown once.
    page.locator("#admin-actions a", has_text="账号管理").click()
    page.wait_for_url("**/accounts/")
    assert fits(page)
    assert not latin_words(page), latin_words(page)
    page.locator("a", has_text="新建账号").click()
    page.wait_for_url("**/accounts/new/**")
    assert not latin_words(page), latin_words(page)
    page.fill("#id_name", "王芳")
    page.select_option("#id_org", "BRA")
    page.select_option("#id_role", label="党员")
    page.fill("#id_username", "wangfang")
    page.locator("button", has_text="开通账号").click()
    page.wait_for_selector("text=初始密码只显示这一次")
    password = page.locator("td.initial-password").first.inner_text().strip()
    assert len(password) >= 8
    assert "飞龙中学党支部" in page.inner_text(".slips") and fits(page)
    page.locator("a", has_text="返回账号列表").click()
    page.wait_for_url("**/accounts/")
    assert "王芳" in page.inner_text("main")
    assert password not in page.content()  # shown once: gone once she leaves the page

    # The new login works: the password from the slip lets 王芳 in (and asks her to change it).
    other = page.context.browser.new_context(locale="zh-CN")
    try:
        p2 = other.new_page()
        p2.base = page.base
        login_as(p2, "wangfang", password)
        assert "/login/" not in p2.url
    finally:
        other.close()

    # 2. The audit log, filtered to account changes: the login just opened is there, by the admin.
    page.goto(page.base + "/")
    page.locator("#admin-actions a", has_text="审计日志").click()
    page.wait_for_url("**/audit/")
    page.select_option("#f-kind", label="账号管理")
    page.locator("#audit-filters button[type=submit]").click()
    page.wait_for_url("**/audit/?**")
    main = page.inner_text("main")
    assert "wangfang" in main or "王芳" in main
    assert fits(page)
    assert not latin_words(page), latin_words(page)

    # 3. A page that does not exist, in Chinese; the way back is the start page.
    page.goto(page.base + "/accounts/999999/")
    assert "页面不存在（404）" in page.inner_text("main") and not latin_words(page)
    page.locator("a", has_text="回到首页").click()
    page.wait_for_url(page.base + "/")
    assert page.locator("h1").inner_text().startswith("欢迎")

"""The 台账 takes seconds to make: the secretary clicks 台账（PDF）, the link says "正在生成台账，请稍候…" with a spinner
while the server works, then the browser saves the file under its Chinese name and the link is back."""

from tests.e2e.conftest import login_as


def test_the_ledger_link_shows_progress_then_saves_the_file(page, world):
    held = []
    # Hold the server's answer until the page has been looked at, so "while it is made" is not a race.
    page.route("**/reports/org/BRA/ledger/2026.pdf", lambda route: held.append(route))
    login_as(page, "alice")
    page.goto(page.base + "/reports/")
    link = page.locator("a[href='/reports/org/BRA/ledger/2026.pdf']")
    assert link.inner_text() == "台账（PDF）"
    link.click()
    page.wait_for_function(
        "document.querySelector(\"a[href='/reports/org/BRA/ledger/2026.pdf']\").getAttribute('aria-busy') === 'true'"
    )
    assert link.inner_text().strip() == "正在生成台账，请稍候…"
    assert link.locator(".spinner-border").is_visible()
    page.wait_for_function("() => true")
    assert len(held) == 1
    with page.expect_download() as download:
        held[0].continue_()
    assert download.value.suggested_filename == "飞龙中学党支部2026年度党建工作台账.pdf"
    with open(download.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    page.wait_for_function(
        "document.querySelector(\"a[href='/reports/org/BRA/ledger/2026.pdf']\").getAttribute('aria-busy') === null"
    )
    assert link.inner_text() == "台账（PDF）"


def test_without_javascript_the_link_downloads_the_file(browser, live_server, transactional_db, world):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.base = live_server.url
    login_as(page, "alice")
    page.goto(page.base + "/reports/")
    with page.expect_download() as download:
        page.click("a[href='/reports/org/BRA/ledger/2026.pdf']")
    assert download.value.suggested_filename == "飞龙中学党支部2026年度党建工作台账.pdf"
    context.close()

"""The Content-Security-Policy in a real browser: the main pages run their scripts with no CSP violation.

A violation does not fail a page visibly, it only stops a script (a chart stays empty, a button does nothing),
so every page is visited while Chromium's console and `securitypolicyviolation` events are recorded, and the
pages' scripted behaviours (chart, add-row, field toggles, confirm) are exercised. The first test shows the
recorder does see a violation when one happens."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login_as

YEAR = 2026
RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":"
                    + e.lineNumber);
});
"""


def record(page):
    console = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(RECORDER)
    return console


def violations(page, console):
    return console + page.evaluate("window.__csp || []")


def test_an_injected_inline_script_is_blocked_and_reported(page, world):
    console = record(page)
    login_as(page, "alice")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                             document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert any("Content Security Policy" in m for m in console) and page.evaluate("window.__csp.length") >= 1


def test_main_pages_have_no_csp_violations(page, world):
    console = record(page)
    login_as(page, "bob")
    pages = [
        "/",
        "/todo/",
        "/orgs/",
        "/orgs/BRA/",
        "/orgs/BRA/roster/",
        "/orgs/BRA/roster/print/",
        "/meetings/",
        "/dues/",
        "/appraisal/",
        "/disclosure/",
        "/plans/",
        "/plans/honours/",
        "/assessment/",
        "/rectification/",
        "/rectification/org/BRA/",
        "/reports/",
        f"/reports/org/BUREAU/dashboard/{YEAR}/",
        "/rules/",
        "/rules/recruitment-calculator/",
        "/account/token/",
        "/api/v1/docs",
        "/no-such-page/",
    ]
    for path in pages:
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        assert not violations(page, console), f"{path}: {violations(page, console)}"

    # Charts: the statistics page draws its echarts SVGs from json_script data with the static script.
    page.goto(page.base + "/orgs/BRA/stats/")
    expect(page.locator(".stats-chart svg").first).to_be_visible()

    # Dues calculator: "add row" comes from a static script now.
    page.goto(page.base + "/rules/dues-calculator/")
    rows = page.locator("input[name=item_name]").count()
    page.click("#add-row")
    expect(page.locator("input[name=item_name]")).to_have_count(rows + 1)

    # Rules catalogue: choosing a prefix submits the filter (was an onchange attribute).
    page.goto(page.base + "/rules/")
    page.select_option("select[name=prefix]", "FEE")
    page.wait_for_url(re.compile(r".*prefix=FEE.*"))

    # Rubric form: "add item" appends a formset row.
    page.goto(page.base + "/assessment/rubrics/new/")
    total = int(page.input_value("#id_items-TOTAL_FORMS"))
    page.click("#add-item")
    assert int(page.input_value("#id_items-TOTAL_FORMS")) == total + 1
    assert not violations(page, console), violations(page, console)


def test_secretary_pages_scripts_work_under_the_policy(page, world):
    console = record(page)
    login_as(page, "alice")
    # Meeting form: fields that do not apply to the chosen kind are hidden by the static script.
    page.goto(page.base + "/meetings/org/BRA/new/")
    page.select_option("#id_kind", "party_lecture")
    expect(page.locator("#id_lecturer_name")).to_be_visible()
    expect(page.locator("#id_vote_subject")).to_be_hidden()
    page.select_option("#id_kind", "general_meeting")
    expect(page.locator("#id_vote_subject")).to_be_visible()
    expect(page.locator("#id_lecturer_name")).to_be_hidden()

    # Summary page: the "regenerate" button asks first (data-confirm); dismissing keeps the page.
    page.goto(page.base + f"/reports/org/BRA/summary/{YEAR}/")
    asked, posts = [], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("button[value=regenerate]")
    page.wait_for_timeout(300)
    assert asked == ["按最新记录重新生成将覆盖已修改的文字，确定吗？"] and posts == []

    # The API token is selected on click (was onclick="this.select()").
    page.goto(page.base + "/account/token/")
    page.get_by_role("button", name="生成令牌").click()
    page.click("#token")
    assert page.evaluate(
        "document.getSelection().toString() || "
        "(document.activeElement.selectionEnd - document.activeElement.selectionStart)"
    )
    # Roster print page: the 打印 button opens the print dialog (window.print stubbed to observe the call).
    page.goto(page.base + "/orgs/BRA/roster/print/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") is True

    for path in ("/orgs/BRA/stats/", "/rules/dues-calculator/", "/me/", "/learning/org/BRA/2026/"):
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
    assert not violations(page, console), violations(page, console)

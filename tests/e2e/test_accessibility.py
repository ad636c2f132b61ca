"""Issue #19 item 7: an automated accessibility check of the main pages with axe-core, in real Chromium.

Reference: GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》, level 二级, which follows
WCAG 2.0 levels A and AA; axe's `wcag2a` and `wcag2aa` rule tags are the machine-checkable part of it. For
each persona (branch secretary, bureau officer, member, and a visitor not yet logged in) the pages of the
first hour are opened at desktop size and at 390×844, axe (vendored in tests/e2e/vendor/axe/, never served by
the app) is evaluated in the page as the app serves it, CSP included, and no violation of impact "serious" or
"critical" may remain. The figures (pages × violations by impact) are printed for the issue's closing note."""

import collections
import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dangjian.dues import services as dues
from dangjian.meetings.services import meeting_create
from tests.e2e.conftest import login_as

AXE = (Path(__file__).parent / "vendor" / "axe" / "axe.min.js").read_text(encoding="utf-8")
SIZES = {"desktop": "page", "phone": "phone_page"}
BLOCKING = {"serious", "critical"}
FIGURES = collections.defaultdict(collections.Counter)  # (persona, size) -> impact -> count, plus "pages"

RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                                 nodes: v.nodes.slice(0, 12).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


def audit(page, path):
    """Open `path`, evaluate axe in it (page.evaluate runs outside the page's CSP) and return its violations."""
    response = page.goto(page.base + path)
    # The page itself must be what was meant, not a redirect to login or a 404 standing in for it.
    assert response.status == (404 if "no-such-page" in path else 200), f"{path}: HTTP {response.status}"
    assert ("/login/" in page.url) == (path == "/login/"), f"{path} ended at {page.url}"
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(RUN)


def check(page, persona, size, paths):
    figures = FIGURES[(persona, size)]
    blocking = collections.defaultdict(lambda: {"pages": [], "nodes": set()})  # rule -> where it failed
    for path in paths:
        found = audit(page, path)
        figures["pages"] += 1
        for v in found:
            figures[v["impact"] or "unknown"] += v["count"]
            if v["impact"] in BLOCKING:
                b = blocking[f"[{v['impact']}] {v['id']}: {v['help']}"]
                b["pages"].append(path)
                b["nodes"].update(v["nodes"])
    assert not blocking, "\n".join(
        f"{rule}\n  pages: {b['pages']}\n  " + "\n  ".join(sorted(b["nodes"])[:12]) for rule, b in blocking.items()
    )


def _seed(world):
    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", base="7650")
    dues.base_set(actor=world.alice, person=world.person_dave, effective_month="2026-01", base="4900")
    dues.charges_generate(actor=world.alice, org=world.branch_a, month="2026-10")
    starts = datetime.datetime(2026, 11, 10, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    return meeting_create(
        actor=world.alice,
        org=world.branch_a,
        kind="general_meeting",
        starts_at=starts,
        topic="学习贯彻会议精神",
        participants=[world.person_a, world.person_dave],
    )


def staff_pages(world, meeting):
    return [
        "/",
        "/orgs/BRA/roster/",
        f"/people/{world.person_a.pk}/",
        "/meetings/org/BRA/",
        f"/meetings/{meeting.pk}/",
        "/dues/org/BRA/?month=2026-10",
        "/todo/",
        "/reports/",
        "/reports/org/BRA/summary/2026/",
        "/orgs/BRA/no-such-page/",
    ]


@pytest.mark.parametrize("size", SIZES)
def test_secretary_pages_have_no_serious_violations(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    meeting = _seed(world)
    login_as(page, "alice")
    check(page, "支部书记", size, staff_pages(world, meeting))


@pytest.mark.parametrize("size", SIZES)
def test_bureau_officer_pages_have_no_serious_violations(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    meeting = _seed(world)
    login_as(page, "bob")
    check(page, "教育局党委", size, staff_pages(world, meeting) + ["/reports/org/BUREAU/dashboard/2026/"])


@pytest.mark.parametrize("size", SIZES)
def test_member_pages_have_no_serious_violations(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    _seed(world)
    login_as(page, "dave")
    check(
        page,
        "党员",
        size,
        ["/", "/me/", "/dues/me/", "/todo/", "/appraisal/", "/plans/", "/disclosure/", "/account/", "/no-such-page/"],
    )


@pytest.mark.parametrize("size", SIZES)
def test_login_and_404_pages_have_no_serious_violations(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    check(page, "未登录", size, ["/login/", "/no-such-page/"])


def test_axe_does_report_a_serious_violation(page, world):
    """The check can fail: an image without alt text and an unlabelled input, added to a real page, are reported."""
    login_as(page, "alice")
    page.evaluate("""() => { const m = document.querySelector('main') || document.body;
      m.insertAdjacentHTML('beforeend', '<img src="/static/x.png"><input type="text" id="zz-unlabelled">'); }""")
    page.evaluate(AXE)
    found = {v["id"]: v["impact"] for v in page.evaluate(RUN)}
    assert found.get("image-alt") == "critical" and found.get("label") == "critical", found


@pytest.fixture(scope="module", autouse=True)
def _print_figures(request):
    yield
    if not FIGURES:
        return
    lines = ["", "axe-core (wcag2a + wcag2aa) — pages × violations by impact (nodes):"]
    for (persona, size), c in sorted(FIGURES.items()):
        lines.append(
            f"  {persona:6} {size:7} pages={c['pages']:2}  critical={c['critical']} serious={c['serious']} "
            f"moderate={c['moderate']} minor={c['minor']}"
        )
    capman = request.config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled():
        print("\n".join(lines))


# The rest of a secretary's pages (the same list the phone-width test walks), beyond the first hour's.
MORE_PAGES = [
    "/orgs/BRA/",
    "/orgs/BRA/stats/",
    "/meetings/org/BRA/calendar/2026/",
    "/meetings/org/BRA/grid/2026/",
    "/recruitment/org/BRA/",
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
    "/rules/",
    "/rules/settings/",
    "/relations/org/BRA/",
    "/elections/org/BRA/",
    "/archive/org/BRA/",
    "/account/",
    "/meetings/org/BRA/new/",
]


@pytest.mark.parametrize("size", SIZES)
def test_secretary_other_pages_have_no_serious_violations(size, request, live_server, transactional_db, world):
    page = request.getfixturevalue(SIZES[size])
    _seed(world)
    login_as(page, "alice")
    check(page, "支部书记·其余", size, MORE_PAGES)


def test_a_wide_table_scrolls_from_the_keyboard(phone_page, world):
    """On a phone the dues table is wider than its card: Tab reaches the scroll box and the arrow keys scroll it."""
    _seed(world)
    login_as(phone_page, "alice")
    phone_page.goto(phone_page.base + "/dues/org/BRA/?month=2026-10")
    box = phone_page.locator(".table-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label") == "表格（可左右滚动）"
    for _ in range(60):  # tab through the page until the scroll box has the focus
        phone_page.keyboard.press("Tab")
        if box.evaluate("b => b === document.activeElement"):
            break
    assert box.evaluate("b => b === document.activeElement")
    phone_page.keyboard.press("ArrowRight")
    phone_page.keyboard.press("ArrowRight")
    phone_page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")

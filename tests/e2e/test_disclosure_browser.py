"""党务公开 and 组织关系 in the browser: a public visitor sees only public items; a member of another branch
gets 404 on a members-only item; a secretary issues a transfer letter whose validity has passed with no
receipt, and the member shows up in the pocket-member list."""

import datetime

from django.utils import timezone

from dangjian.disclosure import services
from tests.disclosure.helpers import add_other_member
from tests.e2e.conftest import login_as


def _published(world, title, scope):
    item = services.disclosure_propose(
        actor=world.alice, org=world.branch_a, topic="dues", title=title, content=f"{title}：详见附件", scope=scope
    )
    for to in ("reviewed", "approved", "published"):
        item = services.disclosure_set_status(actor=world.alice, item=item, to=to)
    return item


def test_public_visitor_other_member_and_pocket_member(page, world):
    add_other_member(world)
    _published(world, "2026年党费收缴情况公示", "public")
    inner = _published(world, "支部委员分工调整", "branch")

    # 1. a visitor without login sees only the public item
    page.goto(page.base + "/public/disclosure/")
    items = page.locator("#public-items")
    assert "2026年党费收缴情况公示" in items.inner_text()
    assert "支部委员分工调整" not in page.content()
    page.click("text=2026年党费收缴情况公示")
    assert "详见附件" in page.inner_text("main")

    # 2. a member of another branch (same bureau) gets 404 on the members-only item
    login_as(page, "erin")
    resp = page.goto(page.base + f"/disclosure/item/{inner.pk}/")
    assert resp.status == 404
    page.goto(page.base + "/disclosure/")
    assert "支部委员分工调整" not in page.inner_text("#feed")
    page.context.clear_cookies()

    # 3. the secretary issues a letter back-dated past its validity; no receipt → pocket member.
    # Story: the branch has kept its records here since 2025 and held a theme day 60 days ago that 丁伟 missed.
    from dangjian.meetings.services import attendance_set
    from dangjian.relations import selectors as relations_selectors
    from tests.meetings.conftest import hold, records_began

    records_began(datetime.date(2025, 1, 1))
    met = hold(world.branch_a, "theme_day", timezone.localdate() - datetime.timedelta(days=60))
    attendance_set(
        actor=None,
        meeting=met,
        rows=[{"person_id": p.pk, "status": "absent"} for p in relations_selectors.members(world.branch_a)],
    )
    login_as(page, "alice")
    page.click("text=公开与档案")
    page.click("text=组织关系")
    page.click("text=开具转出介绍信")
    page.select_option("#id_person", str(world.person_a.pk))
    page.fill("#id_letter_no", "江教党组转〔2026〕15号")
    page.fill("#id_other_org", "昆山二中第一支部")
    page.fill("#id_issued_on", (timezone.localdate() - datetime.timedelta(days=45)).isoformat())
    page.fill("#id_valid_days", "30")
    page.click("button[type=submit]")
    page.wait_for_url("**/relations/transfer/**")
    assert "已过期未回执" in page.inner_text("#status")
    page.goto(page.base + "/relations/org/BRA/pocket/")
    rows = page.locator("#pocket tbody tr", has_text="王芳")
    assert rows.count() == 1
    assert "江教党组转〔2026〕15号" in rows.inner_text() and "未收到回执" in rows.inner_text()
    page.goto(page.base + "/relations/org/BRA/survey/")
    # 王芳 (the letter) and 丁伟 (no attendance, no dues in six months)
    assert "、2名“口袋”党员" in page.inner_text("#sentence")

"""党员通知 goes to 党员 (正式 + 预备) only, and "已通知N名党员" counts them only.

Story (branch A): 王芳 and 丁伟 (正式, fixture), 陈新 (预备), and three people in development on the roll:
申请人 (入党申请人), 积极分子 (入党积极分子), 发展对象 — 3 党员 in all, so "已通知3名党员".
"""

import datetime

from tests.conftest import add_person


def test_notice_counts_only_party_members(world, client):
    add_person(
        world.branch_a,
        "陈新",
        actor=world.admin,
        seq=11,
        status="probationary_member",
        join_date=datetime.date(2026, 7, 10),
        confirmation_date=None,
    )
    for seq, (name, status) in enumerate(
        (("申请人", "applicant"), ("积极分子", "activist"), ("发展对象", "candidate")), start=12
    ):
        add_person(
            world.branch_a, name, actor=world.admin, seq=seq, status=status, join_date=None, confirmation_date=None
        )
    client.force_login(world.alice)
    resp = client.post(
        "/plans/notices/new/", {"org": world.branch_a.pk, "title": "关于开展主题党日的通知"}, follow=True
    )
    html = resp.content.decode()
    assert "已通知3名党员" in html
    receipts = html.split('id="receipts"')[1]
    assert "陈新" in receipts and "王芳" in receipts and "丁伟" in receipts
    assert "申请人" not in receipts and "积极分子" not in receipts and "发展对象" not in receipts

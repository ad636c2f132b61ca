"""党章第九条 (CON-06): six months without organisational life is flagged only for members who were on the
branch's roll before those six months, and only when the branch has records of those months.

Today is 2026-11-22, so the six months are May–October 2026. The story, worked by hand:
- the roll (王芳, 丁伟) was entered on 2025-09-01 (records_began);
- a theme day each month May–October: 王芳 present, 丁伟 absent, 钱来 absent from July;
- 钱来 transferred in on 2026-07-01 (entered that day): in the roll only from July → not six months;
- 新录 entered today (an import): nothing can be said about her yet.
Flagged: 丁伟 only.
"""

import datetime

from dangjian.meetings.services import attendance_set
from tests.conftest import add_person

from .conftest import hold, records_began

D = datetime.date


def _month(world, day, rows):
    m = hold(world.branch_a, "theme_day", day)
    attendance_set(actor=None, meeting=m, rows=rows)


def test_only_a_member_on_the_roll_for_the_whole_six_months_is_flagged(world, login):
    from dangjian.members.models import Person

    records_began(D(2025, 9, 1))
    qian = add_person(world.branch_a, "钱来", actor=world.alice, seq=21, since=D(2026, 7, 1))
    Person.objects.filter(pk=qian.pk).update(recorded_on=D(2026, 7, 1))
    add_person(world.branch_a, "新录", actor=world.alice, seq=22)
    for month in range(5, 11):
        rows = [
            {"person_id": world.person_a.pk, "status": "present"},
            {"person_id": world.person_dave.pk, "status": "absent"},
        ]
        if month >= 7:
            rows.append({"person_id": qian.pk, "status": "absent"})
        _month(world, D(2026, month, 12), rows)

    client = login(world.alice)
    html = client.get("/meetings/org/BRA/participation/2026/").content.decode()
    assert "丁伟：已连续6个月未参加党的组织生活" in html
    assert "钱来：已连续" not in html and "新录：已连续" not in html and "王芳：已连续" not in html
    assert 'id="lapse-note"' not in html
    todo = client.get("/todo/").content.decode()
    assert "丁伟：已连续六个月未参加党的组织生活" in todo
    assert "钱来：已连续六个月" not in todo and "新录：已连续六个月" not in todo


def test_a_branch_without_records_in_the_six_months_is_not_judged(world, login):
    """Meetings January–April 2026 only (丁伟 absent from all of them): the branch recorded nothing in May–
    October, so nobody is flagged — the page says there is no record to judge by."""
    records_began(D(2025, 9, 1))
    for month in range(1, 5):
        _month(
            world,
            D(2026, month, 12),
            [
                {"person_id": world.person_a.pk, "status": "present"},
                {"person_id": world.person_dave.pk, "status": "absent"},
            ],
        )
    client = login(world.alice)
    html = client.get("/meetings/org/BRA/participation/2026/").content.decode()
    assert "已连续6个月未参加党的组织生活" not in html
    assert "该支部近六个月尚无组织生活记录，无法判断是否有党员连续六个月未参加组织生活" in html
    todo = client.get("/todo/").content.decode()
    assert "已连续六个月未参加党的组织生活" not in todo
    assert "静默支部" in todo  # what the records do say: no meeting for months

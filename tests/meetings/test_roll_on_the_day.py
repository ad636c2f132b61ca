"""A meeting's expected attendees are the roll as it stood on the meeting day (members.roll), never people
admitted or arrived after it, nor gone before it.

The story (branch A = BRA, secretary alice; every expected list below is worked by hand from it):
- 王芳 (fixture, 党小组 第一党小组) and 丁伟 (fixture): 正式 since 2011, in A throughout.
- 陈新: 入党 2026-07-10 — a 发展对象 before, 预备党员 from that day.
- 赵离: 正式, 转出 on 2026-03-31.
- 钱来: 正式, transferred into A on 2026-05-01.
- 孙转: 入党 2025-06-01, 转正 2026-06-01 — 预备 until then.
- 周组: 正式, moved into 第一党小组 on 2026-06-01.

So:
- 党员大会 2026-03-10: 王芳, 丁伟, 赵离, 孙转(预备), 周组 → 5 expected, 4 with a vote (孙转 was 预备).
- 党员大会 2026-06-15: 王芳, 丁伟, 钱来, 孙转, 周组 → 5 (赵离 gone, 陈新 not yet a 党员).
- 党员大会 2026-08-01: those five and 陈新 (预备) → 6.
- 党小组会 (第一党小组) 2026-05-20: 王芳 only; 2026-06-20: 王芳 and 周组.
- 支委会 2026-05-10 (first committee 王芳/丁伟/张敏 until 2026-07-01): those three;
  支委会 2026-09-10 (second committee 王芳/丁伟/钱来 from 2026-07-01): 王芳, 丁伟, 钱来.
"""

import datetime
import json

import pytest

from tests.conftest import add_person

from .conftest import hold

D = datetime.date


@pytest.fixture
def story(world):
    from dangjian.members.services import person_leave, person_update

    w = world
    w.chen = add_person(
        w.branch_a,
        "陈新",
        actor=w.admin,
        seq=11,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    w.zhao = add_person(w.branch_a, "赵离", actor=w.admin, seq=12)
    person_leave(actor=w.alice, person=w.zhao, reason="transfer_out", on=D(2026, 3, 31))
    w.qian = add_person(w.branch_a, "钱来", actor=w.alice, seq=13, since=D(2026, 5, 1))
    w.sun = add_person(
        w.branch_a, "孙转", actor=w.admin, seq=14, join_date=D(2025, 6, 1), confirmation_date=D(2026, 6, 1)
    )
    w.zhou = add_person(w.branch_a, "周组", actor=w.admin, seq=15)
    person_update(actor=w.alice, person=w.zhou, group=w.group_a, effective=D(2026, 6, 1))
    return w


def _names(client, meeting) -> list[str]:
    body = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    return sorted(a["name"] for a in body["attendance"])


def test_general_meeting_expects_the_members_of_that_day(story, login):
    client = login(story.alice)
    march = hold(story.branch_a, "general_meeting", D(2026, 3, 10))
    june = hold(story.branch_a, "general_meeting", D(2026, 6, 15))
    august = hold(story.branch_a, "general_meeting", D(2026, 8, 1))
    assert _names(client, march) == sorted(["王芳", "丁伟", "赵离", "孙转", "周组"])
    assert _names(client, june) == sorted(["王芳", "丁伟", "钱来", "孙转", "周组"])
    assert _names(client, august) == sorted(["王芳", "丁伟", "钱来", "孙转", "周组", "陈新"])
    # the attendance page a secretary fills in lists the same people
    page = client.get(f"/meetings/{june.pk}/attendance/").content.decode()
    assert "钱来" in page and "赵离" not in page and "陈新" not in page


def test_a_vote_counts_those_who_were_full_members_on_the_day_dev14(story, login):
    client = login(story.alice)
    march = hold(story.branch_a, "general_meeting", D(2026, 3, 10))
    ids = [story.person_a.pk, story.person_dave.pk, story.zhao.pk, story.sun.pk, story.zhou.pk]
    resp = client.put(
        f"/api/v1/meetings/{march.pk}/attendance",
        content_type="application/json",
        data=json.dumps({"rows": [{"person_id": i, "status": "present"} for i in ids]}),
    )
    assert resp.status_code == 200, resp.content
    # 孙转 is 正式 today but was 预备 on 2026-03-10: four voters, not five
    assert "应到会有表决权党员4人，实到4人，超过半数，可以进行表决" in resp.json()["quorum"][0]["text"]


def test_someone_not_yet_on_the_roll_cannot_be_marked(story, login):
    client = login(story.alice)
    april = hold(story.branch_a, "general_meeting", D(2026, 4, 20))
    resp = client.put(
        f"/api/v1/meetings/{april.pk}/attendance",
        content_type="application/json",
        data=json.dumps({"rows": [{"person_id": story.qian.pk, "status": "present"}]}),
    )
    assert resp.status_code == 422
    assert "第1行 钱来：会议召开时（2026-04-20）不在本组织名册上" in resp.json()["detail"]
    assert not april.attendances.exists()


def test_group_meeting_expects_the_group_of_that_day(story, login):
    client = login(story.alice)
    may = hold(story.branch_a, "group_meeting", D(2026, 5, 20), group=story.group_a)
    june = hold(story.branch_a, "group_meeting", D(2026, 6, 20), group=story.group_a)
    assert _names(client, may) == ["王芳"]
    assert _names(client, june) == sorted(["王芳", "周组"])


def test_committee_meeting_expects_the_committee_then_in_office(story, login):
    from dangjian.orgs.services import term_create

    zhang = add_person(story.branch_a, "张敏", actor=story.admin, seq=16)
    term_create(
        actor=story.admin,
        org=story.branch_a,
        started_on=D(2024, 1, 1),
        ends_on=D(2029, 1, 1),
        posts=[
            (story.person_a, "secretary"),
            (story.person_dave, "organization_officer"),
            (zhang, "publicity_officer"),
        ],
    )
    term_create(
        actor=story.admin,
        org=story.branch_a,
        started_on=D(2026, 7, 1),
        ends_on=D(2031, 7, 1),
        posts=[
            (story.person_a, "secretary"),
            (story.person_dave, "organization_officer"),
            (story.qian, "publicity_officer"),
        ],
    )
    client = login(story.alice)
    may = hold(story.branch_a, "committee_meeting", D(2026, 5, 10))
    september = hold(story.branch_a, "committee_meeting", D(2026, 9, 10))
    assert _names(client, may) == sorted(["王芳", "丁伟", "张敏"])
    assert _names(client, september) == sorted(["王芳", "丁伟", "钱来"])

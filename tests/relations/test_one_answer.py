"""One answer per fact in 组织关系: "口袋" suspects need records and six months on the roll; 流动 is the Person
flag everywhere; the 排查 counts the roll as it stood on the day asked.

Today is 2026-11-22; the six months before it run from 2026-05-22. Expected values are worked by hand from the
stories in each test.
"""

import datetime

from django.test import Client

from dangjian.members.models import Person
from tests.conftest import add_person
from tests.meetings.conftest import hold, records_began

D = datetime.date
TODAY = D(2026, 11, 22)


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_branch_without_records_gets_no_pocket_suspects_but_a_plain_note(world):
    """Branch A has 2 党员 and not one meeting or payment recorded: the page says so instead of listing both."""
    records_began(D(2025, 1, 1))
    c = _client(world.alice)
    page = c.get("/relations/org/BRA/pocket/").content.decode()
    assert "该支部近6个月尚无组织生活和党费交纳记录，无法判断其党员是否为“口袋”党员" in page
    assert "近6个月无参加组织生活记录" not in page
    survey = c.get("/relations/org/BRA/survey/").content.decode()
    assert "共2名在职党员，0名退休党员，无流动党员、无失联党员、“口袋”党员情况尚无记录，无法判断" in survey
    api = c.get("/api/v1/relations/pocket", {"org": "BRA"}).json()
    assert api["items"] == [] and "尚无组织生活和党费交纳记录" in api["note"]


def test_members_who_arrived_in_the_six_months_are_not_pocket_suspects(world):
    """Records began 2025-01-01. A theme day 60 days ago, everyone marked absent; nobody paid dues.
    王芳 and 丁伟 were on the roll throughout → suspects. 钱来 transferred in on 2026-09-01 and 新录 was entered
    today → not suspects. 2 in all."""
    from dangjian.meetings.services import attendance_set

    records_began(D(2025, 1, 1))
    qian = add_person(world.branch_a, "钱来", actor=world.alice, seq=21, since=D(2026, 9, 1))
    Person.objects.filter(pk=qian.pk).update(recorded_on=D(2026, 9, 1))
    add_person(world.branch_a, "新录", actor=world.alice, seq=22)
    m = hold(world.branch_a, "theme_day", TODAY - datetime.timedelta(days=60))
    attendance_set(
        actor=None,
        meeting=m,
        rows=[{"person_id": p.pk, "status": "absent"} for p in (world.person_a, world.person_dave, qian)],
    )
    c = _client(world.alice)
    page = c.get("/relations/org/BRA/pocket/").content.decode()
    rows = page.split('id="pocket"')[1]
    assert "王芳" in rows and "丁伟" in rows and "钱来" not in rows and "新录" not in rows
    assert 'id="pocket-note"' not in page
    survey = c.get("/api/v1/relations/survey", {"org": "BRA"}).json()
    assert survey["counts"]["pocket"] == 2 and survey["pocket_note"] == ""


def test_a_member_flagged_mobile_on_the_roster_is_mobile_on_the_relations_page(world):
    """丁伟 is marked 流动 on the roster (the flag, no whereabouts record); 王芳 is registered with a record.
    Both are 流动 on the relations page, in the 排查 and out of the "口袋" test; coming back clears the flag."""
    from dangjian.members.services import person_update
    from dangjian.relations import services

    person_update(actor=world.alice, person=world.person_dave, is_mobile=True, mobile_since=D(2026, 8, 1))
    services.mobile_start(
        actor=world.alice,
        person=world.person_a,
        whereabouts="深圳",
        contact="13800000000",
        since=D(2026, 9, 1),
        certificate_no="LD-1",
    )
    c = _client(world.alice)
    home = c.get("/relations/org/BRA/").content.decode()
    mobile = home.split('id="mobile"')[1].split('id="lost"')[0]
    assert "丁伟" in mobile and "尚未登记外出去向和联系方式" in mobile and "2026-08-01" in mobile
    assert "王芳" in mobile and "深圳" in mobile and "LD-1" in mobile
    assert "无流动党员" not in mobile
    survey = c.get("/relations/org/BRA/survey/").content.decode()
    assert "2名流动党员" in survey
    # back: the flag clears (no record needed)
    assert c.post(f"/relations/person/{world.person_dave.pk}/back/").status_code == 302
    assert not Person.objects.get(pk=world.person_dave.pk).is_mobile
    assert "1名流动党员" in c.get("/relations/org/BRA/survey/").content.decode()


def test_a_record_left_open_after_the_flag_was_cleared_is_not_a_todo_and_does_not_block(world):
    from dangjian.members.services import person_update
    from dangjian.relations import services
    from dangjian.relations.todos import todos_for

    rec = services.mobile_start(
        actor=world.alice,
        person=world.person_a,
        whereabouts="深圳",
        contact="x",
        since=D(2026, 6, 1),
        expected_return=D(2026, 9, 1),
    )
    assert [i["rule_id"] for i in todos_for(world.alice, TODAY)] == ["MGMT-05"]
    person_update(
        actor=world.alice, person=Person.objects.get(pk=world.person_a.pk), is_mobile=False, mobile_since=None
    )  # cleared on the roster page
    assert todos_for(world.alice, TODAY) == []  # not 流动 any more: no "past expected return" reminder
    again = services.mobile_start(
        actor=world.alice,
        person=Person.objects.get(pk=world.person_a.pk),
        whereabouts="上海",
        contact="y",
        since=D(2026, 10, 1),
    )
    rec.refresh_from_db()
    assert rec.returned_on == D(2026, 10, 1) and again.returned_on is None
    assert Person.objects.get(pk=world.person_a.pk).is_mobile


def test_the_survey_of_a_past_day_counts_that_days_roll(world):
    """赵离 (正式) 转出 on 2026-09-15; 陈新 入党 2026-07-10; 吴退 在职 → 离退休 on 2026-02-01.
    On 2025-12-31: 王芳, 丁伟, 赵离, 吴退 → 4 在职, 0 退休. Today: 王芳, 丁伟, 陈新 在职 → 3, 吴退 → 1 退休."""
    from dangjian.members.services import person_leave, person_update

    zhao = add_person(world.branch_a, "赵离", actor=world.admin, seq=12)
    person_leave(actor=world.alice, person=zhao, reason="transfer_out", on=D(2026, 9, 15))
    add_person(
        world.branch_a,
        "陈新",
        actor=world.admin,
        seq=11,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    wu = add_person(world.branch_a, "吴退", actor=world.admin, seq=15)
    person_update(actor=world.alice, person=wu, category="retired", effective=D(2026, 2, 1))
    c = _client(world.alice)
    then = c.get("/relations/org/BRA/survey/", {"on": "2025-12-31"}).content.decode()
    assert "共4名在职党员，0名退休党员" in then
    now = c.get("/relations/org/BRA/survey/").content.decode()
    assert "共3名在职党员，1名退休党员" in now
    api = c.get("/api/v1/relations/survey", {"org": "BRA", "on": "2025-12-31"}).json()
    assert sorted(p["name"] for p in api["lists"]["employed"]) == sorted(["王芳", "丁伟", "赵离", "吴退"])

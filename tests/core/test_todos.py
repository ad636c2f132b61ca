"""The to-do centre gathers due items from every module, date-ordered, with rule and link."""

import datetime

from django.core.management import call_command

from dangjian.core.models import CalendarToken, Reminder
from tests.conftest import add_person


def seven_members(org):
    for i in range(5):
        add_person(org, f"党员{i}", seq=200 + i, birth=datetime.date(1975, 1 + i, 3))


def test_branch_without_committee_appears_in_secretary_and_bureau_todos(world, client):
    seven_members(world.branch_a)
    for user in (world.alice, world.bob):
        client.force_login(user)
        html = client.get("/todo/").content.decode()
        assert "飞龙中学党支部" in html and "BR-03" in html
    client.force_login(world.charlie)
    assert "飞龙中学党支部" not in client.get("/todo/").content.decode()


def test_send_reminders_is_idempotent(world):
    seven_members(world.branch_a)
    call_command("send-reminders", date="2026-06-01")
    n = Reminder.objects.filter(user=world.alice).count()
    assert n >= 1
    call_command("send-reminders", date="2026-06-01")
    assert Reminder.objects.filter(user=world.alice).count() == n


def test_private_ics_feed_lists_deadlines_without_login(world, client):
    client.force_login(world.alice)
    client.post("/todo/calendar-token/")
    key = CalendarToken.objects.get(user=world.alice).key
    client.logout()
    r = client.get(f"/public/ics/{key}.ics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in r.content
    assert client.get("/public/ics/wrong-key.ics").status_code == 404


def test_bureau_officer_gets_one_line_for_the_same_gap_in_many_branches(world, client):
    from dangjian.orgs.services import org_create

    for i in range(12):  # twelve new branches, none with a committee: the same BR-03 finding twelve times
        b = org_create(actor=world.admin, kind="branch", name=f"第{i}小学党支部", code=f"R{i:02d}", parent=world.bureau)
        seven_members(b) if i == 0 else add_person(b, f"党员R{i}", seq=400 + i)
    client.force_login(world.bob)
    html = client.get("/todo/").content.decode()
    groups = [t for t in client.get("/todo/").context["items"] if t.get("children")]
    assert groups, "a dozen identical findings below the officer's org are folded"
    g = next(t for t in groups if t["rule_id"] == "BR-01")  # 正式党员不足三人 in eleven of them
    assert g["title_zh"].endswith("（共11项，涉及11个组织）")
    names = {c["title_zh"] for c in g["children"]}
    assert "第5小学党支部" in names and "第0小学党支部" not in names
    assert all(c["url"].startswith("/orgs/R") for c in g["children"])
    assert "查看涉及的组织" in html and 'href="/orgs/R05/"' in html
    # the branch's own secretary still sees her branch's findings one by one
    client.force_login(world.alice)
    assert not any(t.get("children") for t in client.get("/todo/").context["items"])


def test_ics_event_ids_are_stable_between_requests(world, client):
    import re

    seven_members(world.branch_a)
    client.force_login(world.alice)
    client.post("/todo/calendar-token/")
    key = CalendarToken.objects.get(user=world.alice).key
    uids = [re.findall(rb"UID:(\S+)", client.get(f"/public/ics/{key}.ics").content) for _ in range(2)]
    assert uids[0] and uids[0] == uids[1]

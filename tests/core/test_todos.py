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

"""The yearly plan: planned meetings and themes; a planned meeting becomes a record when held."""

from django.utils import timezone

from dangjian.meetings.models import Meeting, MeetingPlanItem


def test_planned_meeting_becomes_a_record_when_held(world, login):
    client = login(world.alice)
    today = timezone.localdate()
    resp = client.post(
        f"/meetings/org/BRA/plan/{today.year}/", {"month": today.month, "kind": "theme_day", "topic": "重温入党誓词"}
    )
    assert resp.status_code == 302
    item = MeetingPlanItem.objects.get()
    page = client.get(f"/meetings/org/BRA/plan/{today.year}/").content.decode()
    assert "重温入党誓词" in page and "登记召开" in page
    form = client.get(f"/meetings/org/BRA/new/?plan={item.pk}").content.decode()
    assert 'value="重温入党誓词"' in form
    client.post(
        "/meetings/org/BRA/new/",
        {
            "kind": "theme_day",
            "topic": "重温入党誓词",
            "plan_item": item.pk,
            "starts_at": timezone.localtime().replace(hour=8, minute=0).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    meeting = Meeting.objects.get()
    assert meeting.plan_item == item
    page = client.get(f"/meetings/org/BRA/plan/{today.year}/").content.decode()
    assert f"/meetings/{meeting.pk}/" in page and "已召开" in page
    cal = client.get(f"/meetings/org/BRA/calendar/{today.year}/").content.decode()
    assert "主题党日：重温入党誓词" in cal  # the plan shows next to its month


def test_cancelling_a_plan_item_needs_a_reason_and_keeps_it(world, login):
    client = login(world.alice)
    client.post("/meetings/org/BRA/plan/2026/", {"month": 3, "kind": "party_lecture", "topic": "党史专题"})
    item = MeetingPlanItem.objects.get()
    client.post(f"/meetings/plan-item/{item.pk}/void/", {"reason": ""})
    item.refresh_from_db()
    assert not item.voided
    client.post(f"/meetings/plan-item/{item.pk}/void/", {"reason": "与上级活动合并"})
    item.refresh_from_db()
    assert item.voided and item.void_reason == "与上级活动合并"
    assert login(world.charlie).post(f"/meetings/plan-item/{item.pk}/void/", {"reason": "x"}).status_code == 404

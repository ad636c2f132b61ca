"""Honours, activities (with hours and an optional meeting link), supervision visits and the visit minimum."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangjian.plans import selectors, services

D = datetime.date


def test_honours_and_activities_in_year_for_the_summary(world):
    w = world
    services.honour_create(
        actor=w.alice,
        org=w.branch_a,
        person=w.person_a,
        title="优秀共产党员",
        level="district",
        awarded_by="江北区教育局党委",
        awarded_on=D(2026, 6, 28),
    )
    services.honour_create(
        actor=w.bob,
        org=w.branch_a,
        title="先进基层党组织",
        level="city",
        awarded_by="市委教育工委",
        awarded_on=D(2025, 6, 28),
    )
    services.activity_create(
        actor=w.alice,
        org=w.branch_a,
        kind="volunteer",
        title="社区义务辅导",
        held_on=D(2026, 3, 5),
        people=[(w.person_a, Decimal("2.5")), (w.person_dave, 3)],
    )
    services.activity_create(
        actor=w.alice,
        org=w.branch_a,
        kind="condolence",
        title="慰问退休教师",
        held_on=D(2026, 9, 10),
        given="慰问金500元、米油",
    )
    assert [h.title for h in selectors.honours_in_year(w.bureau, 2026)] == ["优秀共产党员"]
    acts = {a.title: a for a in selectors.activities_in_year(w.bureau, 2026)}
    assert acts["社区义务辅导"].hours == Decimal("5.5") and acts["社区义务辅导"].n_people == 2
    assert acts["慰问退休教师"].given == "慰问金500元、米油"
    assert list(selectors.honours_in_year(w.branch_b, 2026)) == []


def test_activity_people_must_be_in_the_org_and_meeting_same_org(world):
    w = world
    with pytest.raises(ValidationError) as exc:
        services.activity_create(
            actor=w.alice, org=w.branch_a, kind="volunteer", title="x", held_on=D(2026, 1, 1), people=[(w.person_b, 1)]
        )
    assert "李强不在飞龙中学党支部" in str(exc.value)


def test_honour_form_through_the_page(world, client):
    client.force_login(world.alice)
    resp = client.post(
        "/plans/honours/",
        {
            "org": world.branch_a.pk,
            "person": world.person_a.pk,
            "title": "优秀党务工作者",
            "level": "school",
            "awarded_by": "飞龙中学",
            "awarded_on": "2026-07-01",
        },
    )
    assert resp.status_code == 302
    page = client.get("/plans/honours/").content.decode()
    assert "优秀党务工作者" in page and "王芳" in page
    client.force_login(world.charlie)
    assert "优秀党务工作者" not in client.get("/plans/honours/").content.decode()


def test_visit_with_problem_and_leader_minimum(world, client):
    w = world
    v = services.visit_create(
        actor=w.bob,
        org=w.branch_a,
        visited_on=D(2026, 4, 2),
        checked="三会一课记录",
        problems=[{"text": "支委会记录不全", "owner": w.person_a, "due_date": D(2026, 5, 1)}],
    )
    assert v.visitor == w.bob and v.problems.get().owner == w.person_a
    rows = selectors.visit_counts(w.bureau, 2026)
    assert rows == [{"user_id": w.bob.id, "name": "bob", "visits": 1, "short": True}]
    services.visit_create(actor=w.bob, org=w.branch_a, visited_on=D(2026, 10, 9), checked="党费收缴")
    assert selectors.visit_counts(w.bureau, 2026)[0]["short"] is False
    with pytest.raises(ValidationError):
        services.visit_create(
            actor=w.bob, org=w.branch_a, visited_on=D(2026, 10, 9), checked="x", problems=[{"text": " "}]
        )
    client.force_login(w.bob)
    page = client.get("/plans/visits/").content.decode()
    assert "bob 2次" in page and "支委会记录不全" in page


def test_activity_page_links_a_theme_day_meeting_and_counts_hours(world, client):
    from django.utils import timezone

    from tests.meetings.conftest import hold

    w = world
    meeting = hold(w.branch_a, "theme_day", timezone.localdate(), actor=w.alice, topic="走进红色教育基地")
    client.force_login(w.alice)
    assert "走进红色教育基地" in client.get("/plans/activities/").content.decode()
    resp = client.post(
        "/plans/activities/",
        {
            "org": w.branch_a.pk,
            "kind": "study_trip",
            "title": "参观革命纪念馆",
            "held_on": str(meeting.held_on),
            "people": [w.person_a.pk, w.person_dave.pk],
            "hours": "3",
            "meeting": meeting.pk,
        },
    )
    assert resp.status_code == 302
    a = w.branch_a.activities.get()
    assert a.meeting == meeting and a.people.count() == 2
    year = meeting.held_on.year
    assert selectors.activities_in_year(w.branch_a, year).get().hours == Decimal("6.0")
    client.force_login(w.charlie)
    assert "参观革命纪念馆" not in client.get("/plans/activities/").content.decode()

"""学时 per member per year (EDU-01/02): records + meetings attended, 32 vs 56, shortfall list, reminders."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.learning import services
from dangjian.learning.selectors import hours_table, study_hours_by_person
from dangjian.learning.todos import todos_for

from .conftest import meeting_with

YEAR = datetime.date.today().year
DAY = datetime.date(YEAR, 3, 10)


def test_meeting_hours_count_for_present_attendees_only(committee):
    meeting_with(committee, DAY, Decimal("4"), present=[committee.person_dave], absent=[committee.person_a])
    old = meeting_with(committee, DAY.replace(day=11), Decimal("8"), present=[committee.person_dave])
    from dangjian.meetings.services import meeting_void

    meeting_void(actor=committee.alice, meeting=old, reason="重复登记")
    services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.person_dave,
        date=DAY,
        kind="lecture",
        title="专题讲座",
        hours="2.5",
    )
    hours = study_hours_by_person(committee.branch_a, YEAR)
    assert hours[committee.person_dave.id] == Decimal("6.5")
    assert hours[committee.person_a.id] == Decimal("0")
    assert study_hours_by_person(committee.branch_a, YEAR - 1)[committee.person_dave.id] == 0  # no carry-over


def test_requirement_is_32_for_members_and_56_for_current_committee(committee):
    services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.person_dave,
        date=DAY,
        kind="training",
        title="党员培训",
        hours=32,
    )
    services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.zhang,
        date=DAY,
        kind="training",
        title="支部书记培训",
        hours=40,
    )
    rows = {r["person"].name: r for r in hours_table(committee.branch_a, YEAR)}
    assert (rows["丁伟"]["required"], rows["丁伟"]["short"], rows["丁伟"]["findings"]) == (32, 0, [])
    assert rows["张敏"]["required"] == 56 and rows["张敏"]["short"] == Decimal("16")
    assert rows["张敏"]["findings"][0].rule_id == "EDU-02"
    assert rows["王芳"]["required"] == 56


def test_shortfall_page_and_year_end_reminders(client, committee):
    services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.person_dave,
        date=DAY,
        kind="central_study",
        title="集中学习",
        hours=30,
    )
    client.force_login(committee.alice)
    page = client.get(f"/learning/org/BRA/{YEAR}/?short=1").content.decode()
    assert 'id="n-short">3<' in page and "丁伟" in page
    assert todos_for(committee.alice, datetime.date(YEAR, 10, 31)) == []
    items = todos_for(committee.alice, datetime.date(YEAR, 11, 1))
    assert [(i["org_id"], i["due_date"], i["rule_id"]) for i in items] == [
        (committee.branch_a.id, datetime.date(YEAR, 12, 31), "EDU-01")
    ]
    assert "3名党员" in items[0]["title_zh"]
    services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.person_dave,
        date=DAY,
        kind="central_study",
        title="补学",
        hours=2,
    )
    assert "2名党员" in todos_for(committee.alice, datetime.date(YEAR, 11, 1))[0]["title_zh"]
    assert [i["org_id"] for i in todos_for(committee.charlie, datetime.date(YEAR, 11, 1))] == [committee.branch_b.id]


def test_online_course_needs_a_certificate_through_the_form(client, committee):
    client.force_login(committee.alice)
    data = {
        "person": committee.person_dave.pk,
        "date": DAY.isoformat(),
        "kind": "online_course",
        "title": "网络培训课程",
        "hours": "6",
    }
    resp = client.post("/learning/org/BRA/new/", data)
    assert "外部网络课程须上传结业证书或学时证明" in resp.content.decode()
    data["certificate"] = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 cert", content_type="application/pdf")
    resp = client.post("/learning/org/BRA/new/", data)
    assert resp.status_code == 302
    from dangjian.learning.models import StudyRecord

    rec = StudyRecord.objects.get()
    assert client.get(f"/learning/record/{rec.pk}/certificate/").status_code == 200
    assert study_hours_by_person(committee.branch_a, YEAR)[committee.person_dave.id] == Decimal("6")


def test_scope_charlie_gets_404(client, committee):
    rec = services.record_create(
        actor=committee.alice,
        org=committee.branch_a,
        person=committee.person_dave,
        date=DAY,
        kind="lecture",
        title="讲座",
        hours=2,
    )
    client.force_login(committee.charlie)
    for url in (
        f"/learning/org/BRA/{YEAR}/",
        "/learning/org/BRA/new/",
        f"/learning/record/{rec.pk}/certificate/",
        f"/learning/person/{committee.person_dave.pk}/{YEAR}/",
        "/learning/notes/BRA/",
        f"/api/v1/learning/hours/BRA/{YEAR}",
        "/api/v1/learning/records?org=BRA",
    ):
        assert client.get(url).status_code == 404, url
    resp = client.post(
        "/api/v1/learning/records",
        {"person_id": committee.person_dave.pk, "date": DAY.isoformat(), "kind": "lecture", "title": "x", "hours": "2"},
        content_type="application/json",
    )
    assert resp.status_code == 404


def test_api_hours(client, committee):
    client.force_login(committee.alice)
    resp = client.post(
        "/api/v1/learning/records",
        {
            "person_id": committee.person_dave.pk,
            "date": DAY.isoformat(),
            "kind": "lecture",
            "title": "讲座",
            "hours": "3",
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    items = {i["name"]: i for i in client.get(f"/api/v1/learning/hours/BRA/{YEAR}").json()["items"]}
    assert items["丁伟"]["total"] == "3.0" and items["丁伟"]["required"] == 32

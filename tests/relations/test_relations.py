"""组织关系: letters, whereabouts, lost contact, pocket members and the 排查 ledger."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from dangjian.members.models import Person
from dangjian.relations import selectors, services
from dangjian.relations.todos import todos_for
from tests.conftest import add_person

TODAY = timezone.localdate()


def test_transfer_out_registered_takes_person_off_roll(world):
    t = services.transfer_issue(
        actor=world.alice,
        org=world.branch_a,
        person=world.person_a,
        letter_no="ZZ-001",
        other_org="昆山二中第一支部",
        issued_on=TODAY,
    )
    with pytest.raises(ValidationError):  # one open letter per person
        services.transfer_issue(
            actor=world.alice,
            org=world.branch_a,
            person=world.person_a,
            letter_no="ZZ-002",
            other_org="x",
            issued_on=TODAY,
        )
    services.transfer_set_status(actor=world.alice, transfer=t, to="registered", on=TODAY)
    p = Person.objects.get(pk=world.person_a.pk)
    assert not p.on_roll and p.left_reason == "transfer_out"
    with pytest.raises(ValidationError):
        services.transfer_set_status(actor=world.alice, transfer=t, to="revoked")


def test_transfer_other_branch_person_refused(world):
    with pytest.raises(ValidationError):
        services.transfer_issue(
            actor=world.alice, org=world.branch_a, person=world.person_b, letter_no="X", other_org="y", issued_on=TODAY
        )


def test_expired_letter_makes_pocket_member_and_todo(world):
    t = services.transfer_issue(
        actor=world.alice,
        org=world.branch_a,
        person=world.person_a,
        letter_no="ZZ-003",
        other_org="某区教育局党委",
        issued_on=TODAY - datetime.timedelta(days=40),
        valid_days=30,
    )
    rows = selectors.pocket_members(world.branch_a, TODAY)
    letter = [r for r in rows if r["reason"] == "letter"]
    assert [r["name"] for r in letter] == ["王芳"] and "ZZ-003" in letter[0]["detail"]
    assert any(i["rule_id"] == "MGMT-04" and "ZZ-003" in i["title_zh"] for i in todos_for(world.alice, TODAY))
    assert todos_for(world.charlie, TODAY) == []
    services.transfer_set_status(actor=world.alice, transfer=t, to="registered")
    assert not [r for r in selectors.pocket_members(world.branch_a, TODAY) if r["reason"] == "letter"]


def _branch_met_absent(world, days_ago=60):
    """Story: the roll was entered on 2025-01-01, and branch A held a theme day ``days_ago`` days ago with every
    member marked absent — the branch keeps records, so six months without anyone's activity says something."""
    from dangjian.meetings.services import attendance_set
    from tests.meetings.conftest import hold, records_began

    records_began(datetime.date(2025, 1, 1))
    m = hold(world.branch_a, "theme_day", TODAY - datetime.timedelta(days=days_ago))
    attendance_set(
        actor=None, meeting=m, rows=[{"person_id": p.pk, "status": "absent"} for p in selectors.members(world.branch_a)]
    )
    return m


def test_inactive_member_is_pocket_unless_attended_or_paid(world):
    from dangjian.dues.models import DuesPayment

    _branch_met_absent(world)
    names = {r["name"] for r in selectors.pocket_members(world.branch_a, TODAY) if r["reason"] == "inactive"}
    assert names == {"王芳", "丁伟"}
    DuesPayment.objects.create(
        person=world.person_dave,
        org=world.branch_a,
        bureau=world.bureau,
        paid_on=TODAY - datetime.timedelta(days=20),
        amount="10.00",
    )
    names = {r["name"] for r in selectors.pocket_members(world.branch_a, TODAY) if r["reason"] == "inactive"}
    assert names == {"王芳"}


def test_pocket_count_is_the_whole_number_when_the_list_is_cut(world, monkeypatch):
    from dangjian.dues.models import DuesPayment

    for i in range(3):
        add_person(world.branch_a, f"无记录{i}", actor=world.admin, seq=80 + i)
    _branch_met_absent(world)
    # a reversal (冲正, negative) is not the member's own payment: it does not count as activity
    DuesPayment.objects.create(
        person=world.person_dave,
        org=world.branch_a,
        bureau=world.bureau,
        paid_on=TODAY - datetime.timedelta(days=20),
        amount="-10.00",
        reason="录入错误",
    )
    full = selectors.relations_survey(world.branch_a, TODAY)["counts"]["pocket"]
    assert full == 5  # 王芳, 丁伟 and the three new members
    monkeypatch.setattr(selectors, "POCKET_LISTED", 2)
    survey = selectors.relations_survey(world.branch_a, TODAY)
    assert len(survey["lists"]["pocket"]) == 2 and survey["counts"]["pocket"] == 5
    assert "5名“口袋”党员" in survey["sentence"]


def test_lost_contact_deadlines_as_todos(world):
    since = TODAY - datetime.timedelta(days=200)
    services.lost_contact_mark(actor=world.alice, person=world.person_a, since=since)
    items = [i for i in todos_for(world.alice, TODAY) if i["rule_id"] == "MGMT-03"]
    assert len(items) == 1 and "停止党籍" in items[0]["title_zh"] and items[0]["due_date"] <= TODAY
    p = Person.objects.get(pk=world.person_a.pk)
    services.member_suspend(actor=world.alice, person=p, on=TODAY - datetime.timedelta(days=2 * 365 + 1))
    items = [i for i in todos_for(world.alice, TODAY) if i["rule_id"] == "MGMT-03"]
    assert len(items) == 1 and "自行脱党" in items[0]["title_zh"]


def test_survey_counts_and_sentence(world):
    add_person(world.branch_a, "周老师", actor=world.admin, seq=9, category="retired")
    services.mobile_start(
        actor=world.alice,
        person=world.person_dave,
        whereabouts="上海",
        contact="13800000000",
        since=TODAY - datetime.timedelta(days=30),
        certificate_no="LD-01",
    )
    s = selectors.relations_survey(world.branch_a, TODAY)
    assert s["counts"]["employed"] == 2 and s["counts"]["retired"] == 1
    assert s["counts"]["mobile"] == 1 and s["counts"]["lost_contact"] == 0
    assert s["sentence"].startswith("共2名在职党员，1名退休党员，1名流动党员、无失联党员、")
    assert [p["name"] for p in s["lists"]["mobile"]] == ["丁伟"]
    # the bureau's subtree holds branch A's people
    assert selectors.relations_survey(world.bureau, TODAY)["counts"]["total"] == 3


def test_survey_page_and_ledger(world):
    c = Client()
    c.force_login(world.alice)
    body = c.get("/relations/org/BRA/survey/").content.decode()
    assert "共2名在职党员，0名退休党员，无流动党员、无失联党员" in body
    assert c.post("/relations/org/BRA/survey/").status_code == 302
    assert "共2名在职党员" in c.get("/relations/org/BRA/survey/").content.decode().split("历年台账")[1]
    charlie = Client()
    charlie.force_login(world.charlie)
    assert charlie.get("/relations/org/BRA/survey/").status_code == 404
    api = c.get("/api/v1/relations/survey", {"org": "BRA"}).json()
    assert api["counts"]["employed"] == 2


def test_transfer_out_via_web(world):
    c = Client()
    c.force_login(world.alice)
    r = c.post(
        "/relations/org/BRA/out/",
        {
            "person": world.person_a.pk,
            "letter_no": "ZZ-9",
            "other_org": "外区",
            "issued_on": TODAY.isoformat(),
            "valid_days": 30,
        },
    )
    assert r.status_code == 302
    t = world.person_a.transfers.get()
    r = c.post(f"/relations/transfer/{t.pk}/status/", {"to": "registered", "on": TODAY.isoformat()})
    assert not Person.objects.get(pk=world.person_a.pk).on_roll


def test_whereabouts_via_web(world):
    c = Client()
    c.force_login(world.alice)
    since = (TODAY - datetime.timedelta(days=200)).isoformat()
    assert c.post("/relations/org/BRA/lost/", {"person": world.person_a.pk, "since": since}).status_code == 302
    r = c.post(
        "/relations/org/BRA/mobile/",
        {
            "person": world.person_dave.pk,
            "whereabouts": "深圳",
            "contact": "微信dd",
            "since": TODAY.isoformat(),
            "certificate_no": "LD-9",
        },
    )
    assert r.status_code == 302
    body = c.get("/relations/org/BRA/").content.decode()
    assert "深圳" in body and "LD-9" in body and "停止党籍" in body
    assert c.post(f"/relations/person/{world.person_a.pk}/suspend/", {"on": TODAY.isoformat()}).status_code == 302
    p = Person.objects.get(pk=world.person_a.pk)
    assert not p.on_roll and p.left_reason == "suspended"
    rec = world.person_dave.mobile_records.get()
    c.post(f"/relations/mobile/{rec.pk}/end/", {"on": TODAY.isoformat()})
    assert not Person.objects.get(pk=world.person_dave.pk).is_mobile
    charlie = Client()
    charlie.force_login(world.charlie)
    assert charlie.post(f"/relations/person/{world.person_dave.pk}/found/").status_code == 404


def test_cli_survey_and_freeze(world, tmp_path, settings):
    import io

    from django.core.management import call_command

    from dangjian.relations.models import SurveyLedger

    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("relations-survey", "BUREAU", "--save", stdout=out)
    assert "经排查，江北区教育局党委共2名在职党员，0名退休党员，无流动党员、无失联党员" in out.getvalue()
    assert SurveyLedger.objects.filter(org=world.bureau).count() == 1
    out = io.StringIO()
    call_command("archive-freeze", "BRA", "2026", stdout=out)
    assert "已归档：2026年度党员花名册" in out.getvalue()

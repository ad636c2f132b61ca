"""Opening a case from the roster, the case page, corrections by void entries, and scope (charlie → 404)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangjian.core.models import AuditEvent
from dangjian.recruitment.models import CaseStep

from .conftest import advance, applicant, path_2014

D = datetime.date


def test_secretary_opens_case_from_roster_person(world, login):
    person = applicant(world.branch_a, "孙丽", 40)
    client = login(world.alice)
    page = client.get(f"/recruitment/new/?person={person.pk}")
    assert page.status_code == 200 and "孙丽" in page.content.decode()
    r = client.post(f"/recruitment/new/?person={person.pk}", {"person": person.pk, "opened_on": "2025-09-01"})
    case = person.development_cases.get()
    assert r.status_code == 302 and r["Location"] == f"/recruitment/cases/{case.pk}/"
    page = client.get(r["Location"]).content.decode()
    assert "递交入党申请书" in page and "下一步：党组织派人谈话" in page
    assert "派人谈话截止日：2025-10-01" in page  # DEV-03 deadline on the page
    assert "已逾期" in page  # no talk recorded and the date is long past
    again = client.post("/recruitment/new/", {"person": person.pk, "opened_on": "2025-09-02"})
    assert again.status_code == 200 and person.development_cases.count() == 1


def test_full_member_cannot_get_a_development_case(world, login):
    r = login(world.alice).post("/recruitment/new/", {"person": world.person_a.pk, "opened_on": "2025-09-01"})
    assert r.status_code == 200 and not world.person_a.development_cases.exists()


def test_transferred_in_probationary_member_opens_at_probation(world, login):
    from tests.conftest import add_person

    person = add_person(
        world.branch_a, "周转入", seq=41, status="probationary_member", join_date=D(2025, 9, 1), confirmation_date=None
    )
    client = login(world.alice)
    r = client.post(
        "/recruitment/new/",
        {"person": person.pk, "opened_on": "2025-10-01", "transferred_in": "on", "join_date": "2025-09-01"},
    )
    case = person.development_cases.get()
    assert r.status_code == 302 and case.stage == "probationary_member" and case.transferred_in
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "预备期满、转正时间：2026-09-01" in page
    assert "转入预备党员讨论转正最迟日期：2027-03-01" in page  # DEV-22
    assert "DEV-15" not in page and "DEV-09" not in page  # earlier stages happened at the old branch


def test_roster_status_follows_case_with_history(world, open_case):
    case = advance(open_case(), world.alice, path_2014(world), until="candidate_selected")
    kinds = AuditEvent.objects.filter(subject_type="person", subject_id=case.person_id, kind="person.status")
    changes = [e.data["changes"]["status"] for e in kinds.order_by("id")]
    assert changes == [["applicant", "activist"], ["activist", "candidate"]]


def test_wrong_step_is_voided_by_a_new_entry_and_roster_follows(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), until="activist_selected")
    step = CaseStep.objects.get(case=case, code="activist_selected")
    client = login(world.alice)
    r = client.post(f"/recruitment/steps/{step.pk}/void/", {"reason": "日期登记错误"})
    assert r.status_code == 302
    case.person.refresh_from_db()
    assert case.person.status == "applicant"
    assert CaseStep.objects.filter(case=case, code="void", voids=step).exists()
    assert CaseStep.objects.filter(pk=step.pk).exists()  # nothing deleted
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "（已作废）" in page and "日期登记错误" in page
    step.date = D(2023, 10, 11)
    with pytest.raises(ValidationError):
        step.save()


@pytest.mark.parametrize(
    "url",
    [
        "/recruitment/cases/{pk}/",
        "/recruitment/org/BRA/",
        "/recruitment/org/BRA/cases/",
        "/recruitment/new/?person={person}",
        "/recruitment/cases/{pk}/docs/record.docx",
        "/recruitment/org/BRA/rosters/applicant/",
    ],
)
def test_other_branch_secretary_gets_404(world, login, open_case, url):
    case = open_case()
    client = login(world.charlie)
    assert client.get(url.format(pk=case.pk, person=case.person_id)).status_code == 404


def test_other_branch_secretary_cannot_post_steps(world, login, open_case):
    case = open_case()
    client = login(world.charlie)
    r = client.post(f"/recruitment/cases/{case.pk}/", {"code": "application_talk", "date": "2023-09-20"})
    assert r.status_code == 404
    step = CaseStep.objects.get(case=case)
    assert client.post(f"/recruitment/steps/{step.pk}/void/", {"reason": "x"}).status_code == 404
    assert CaseStep.objects.filter(case=case).count() == 1


def test_bureau_officer_sees_the_case(world, login, open_case):
    case = open_case()
    assert login(world.bob).get(f"/recruitment/cases/{case.pk}/").status_code == 200

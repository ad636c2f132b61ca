"""API: open a case (201), record a step (201, or 422 with the findings), read a case; scoped (404)."""

import datetime

from dangjian.accounts.models import ApiToken
from dangjian.recruitment.models import CaseStep

from .conftest import advance, applicant, path_2014

D = datetime.date


def _auth(user):
    return {
        "HTTP_AUTHORIZATION": f"Bearer {ApiToken.objects.get_or_create(user=user, key=f'k-{user.username}')[0].key}"
    }


def test_api_opens_case_records_steps_and_reads_it(world, client):
    person = applicant(world.branch_a, "吴敏", 50)
    h = _auth(world.alice)
    r = client.post(
        "/api/v1/recruitment/cases",
        {"person": person.pk, "application_date": "2023-09-01"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    assert r.json()["next_step"]["code"] == "application_talk"
    assert r.json()["next_step"]["deadline"] == "2023-10-01"
    r = client.post(
        f"/api/v1/recruitment/cases/{case_id}/steps",
        {"code": "application_talk", "date": "2023-09-20"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201, r.content
    r = client.get(f"/api/v1/recruitment/cases/{case_id}", **h)
    body = r.json()
    assert [t["code"] for t in body["timeline"]] == ["application", "application_talk"]
    assert body["stage"] == "applicant" and body["next_step"]["code"] == "activist_selected"


def test_api_refuses_listing_before_one_year_with_findings(world, client, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="candidate_selected")
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "candidate_selected", "date": "2024-10-09"},
        content_type="application/json",
        **_auth(world.alice),
    )
    assert r.status_code == 422
    findings = r.json()["findings"]
    assert findings[0]["rule_id"] == "DEV-07" and findings[0]["level"] == "error"
    assert findings[0]["due_date"] == "2024-10-10" and "一年以上" in findings[0]["message_zh"]
    assert not CaseStep.objects.filter(case=case, code="candidate_selected").exists()


def test_api_warning_needs_override_reason(world, client, open_case):
    case = open_case(applied=D(2023, 9, 1))
    h = _auth(world.alice)
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "application_talk", "date": "2023-10-05"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 422 and r.json()["need_reason"] and r.json()["findings"][0]["rule_id"] == "DEV-03"
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "application_talk", "date": "2023-10-05", "override_reason": "外出学习"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201


def test_api_sponsors_by_person_id(world, client, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="sponsors_assigned")
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "sponsors_assigned", "date": "2024-10-20", "data": {"sponsors": [world.person_a.pk]}},
        content_type="application/json",
        **_auth(world.alice),
    )
    assert r.status_code == 422 and r.json()["findings"][0]["rule_id"] == "DEV-09"


def test_api_is_scoped(world, client, open_case):
    case = open_case()
    h = _auth(world.charlie)
    assert client.get(f"/api/v1/recruitment/cases/{case.pk}", **h).status_code == 404
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "application_talk", "date": "2023-09-20"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 404
    r = client.post(
        "/api/v1/recruitment/cases",
        {"person": case.person_id, "application_date": "2023-09-01"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 404
    assert CaseStep.objects.filter(case=case).count() == 1


def test_api_sponsor_under_warning_needs_reason(world, client, open_case):
    """DEV-09: a sponsor whose 警告 is still in effect is 不宜 — a warning that needs a written reason."""
    case = advance(open_case(), world.alice, path_2014(world), stop_before="sponsors_assigned")
    sponsors = [
        {"person_id": world.person_a.pk, "discipline": "warning", "discipline_date": "2024-05-01"},
        world.person_dave.pk,
    ]
    h = _auth(world.alice)
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": "sponsors_assigned", "date": "2024-10-20", "data": {"sponsors": sponsors}},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 422 and r.json()["need_reason"]
    assert r.json()["findings"][0]["level"] == "warning" and "不宜" in r.json()["findings"][0]["message_zh"]


def test_api_a_step_date_not_written_out_is_refused_naming_the_field(world, client, open_case):
    """A date inside a step's data (决议上报上级党委日期) typed as 2025/1/11 is a Chinese 422 naming the field; nothing
    is recorded."""
    case = advance(open_case(), world.alice, path_2014(world), stop_before="branch_meeting")
    before = CaseStep.objects.filter(case=case).count()
    r = client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {
            "code": "branch_meeting",
            "date": "2025-01-10",
            "data": {"expected": 9, "present": 7, "yes": 7, "written_yes": 1, "submitted": "2025/1/11"},
        },
        content_type="application/json",
        **_auth(world.alice),
    )
    assert r.status_code == 422, r.content
    assert r.json()["fields"] == {
        "submitted": ["决议上报上级党委日期“2025/1/11”格式不正确，应为 2026-06-30 这样的日期"]
    }
    assert CaseStep.objects.filter(case=case).count() == before

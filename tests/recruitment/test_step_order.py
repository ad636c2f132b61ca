"""Steps out of order and repeated steps are refused through the API (422) and the case page,
and nothing is saved; repeatable 考察 steps stay repeatable. Dates are those of the standard paths
(conftest): 确定入党积极分子 2025-04-15 on the 2026 path, 确定发展对象 2024-10-10 on the 2014 path."""

import datetime

from dangjian.accounts.models import ApiToken
from dangjian.recruitment.models import CaseStep

from .conftest import advance, path_2014, path_2026

D = datetime.date


def _auth(user):
    return {
        "HTTP_AUTHORIZATION": f"Bearer {ApiToken.objects.get_or_create(user=user, key=f'k-{user.username}')[0].key}"
    }


def _post(client, case, user, code, day, **extra):
    return client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps",
        {"code": code, "date": day, **extra},
        content_type="application/json",
        **_auth(user),
    )


def test_api_refuses_filing_dated_before_the_activist_decision(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_selected")
    r = _post(client, case, world.alice, "activist_filed", "2025-04-01")
    assert r.status_code == 422
    body = r.json()
    assert body["findings"][0]["level"] == "error" and body["findings"][0]["rule_id"] == "DEV-04"
    assert "“报上级党委备案（入党积极分子）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）" in body["detail"]
    assert body["findings"][0]["due_date"] == "2025-04-15"
    assert not CaseStep.objects.filter(case=case, code="activist_filed").exists()
    # an override reason does not get an error through
    assert _post(client, case, world.alice, "activist_filed", "2025-04-01", override_reason="补登").status_code == 422


def test_api_refuses_a_second_filing_and_keeps_reviews_repeatable(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_selected")
    assert _post(client, case, world.alice, "activist_filed", "2025-04-20").status_code == 201
    r = _post(client, case, world.alice, "activist_filed", "2025-05-06")
    assert r.status_code == 422
    assert "“报上级党委备案（入党积极分子）”已于2025年4月20日登记，不能重复登记" in r.json()["detail"]
    assert "作废" in r.json()["detail"]  # the way to correct it
    assert CaseStep.objects.filter(case=case, code="activist_filed").count() == 1
    assert _post(client, case, world.alice, "activist_review", "2025-10-10").status_code == 201
    assert _post(client, case, world.alice, "activist_review", "2026-04-10").status_code == 201
    assert CaseStep.objects.filter(case=case, code="activist_review").count() == 2


def test_voided_filing_can_be_recorded_again(world, client, open_case):
    from dangjian.recruitment import services

    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_filed")
    wrong = CaseStep.objects.get(case=case, code="activist_filed")
    services.case_step_void(actor=world.alice, step=wrong, reason="日期登记错误")
    assert _post(client, case, world.alice, "activist_filed", "2025-04-22").status_code == 201


def test_api_2014_path_candidate_filing_before_listing(world, client, open_case):
    case = advance(open_case(), world.alice, path_2014(world), until="candidate_selected")
    r = _post(client, case, world.alice, "candidate_filed", "2024-10-01")
    assert r.status_code == 422
    assert "“报上级党委备案（发展对象）”的日期不能早于“确定发展对象”（2024年10月10日）" in r.json()["detail"]


def test_api_2026_path_consent_before_activist_decision(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), stop_before="upper_consent")
    r = _post(client, case, world.alice, "upper_consent", "2025-04-10")
    assert r.status_code == 422
    assert "“报上级党委同意（发展对象）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）" in r.json()["detail"]


def test_api_second_conversion_after_convert_is_refused(world, client, open_case):
    case = advance(open_case(), world.alice, path_2014(world), until="conversion_meeting")
    r = _post(
        client,
        case,
        world.alice,
        "conversion_meeting",
        "2026-01-20",
        data={"expected": 9, "present": 8, "yes": 8, "outcome": "convert"},
    )
    assert r.status_code == 422 and "已于2026年1月12日登记，不能重复登记" in r.json()["detail"]


def test_page_shows_the_order_error_and_saves_nothing(world, login, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_selected")
    client = login(world.alice)
    r = client.post(f"/recruitment/cases/{case.pk}/", {"code": "activist_filed", "date": "2025-04-01"})
    assert r.status_code == 200
    assert (
        "“报上级党委备案（入党积极分子）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）" in r.content.decode()
    )
    assert not CaseStep.objects.filter(case=case, code="activist_filed").exists()
    r = client.post(f"/recruitment/cases/{case.pk}/", {"code": "activist_filed", "date": "2025-04-16"})
    assert r.status_code == 302
    r = client.post(f"/recruitment/cases/{case.pk}/", {"code": "activist_filed", "date": "2025-04-18"})
    assert r.status_code == 200 and "不能重复登记" in r.content.decode()
    assert CaseStep.objects.filter(case=case, code="activist_filed").count() == 1

"""更正 a recorded step (page and API): the old record is voided and kept, the step is recorded again with the
corrected date under the same order rules, and the case history holds the old and new values."""

import datetime

from dangjian.accounts.models import ApiToken
from dangjian.core.models import AuditEvent
from dangjian.recruitment.engine import active_steps
from dangjian.recruitment.models import CaseStep

from .conftest import advance, path_2026

D = datetime.date


def _auth(user):
    return {
        "HTTP_AUTHORIZATION": f"Bearer {ApiToken.objects.get_or_create(user=user, key=f'k-{user.username}')[0].key}"
    }


def _active(case, code):
    return [s for s in active_steps(CaseStep.objects.filter(case=case)) if s.code == code]


def _correct(client, case, step, user, **body):
    return client.post(
        f"/api/v1/recruitment/cases/{case.pk}/steps/{step.pk}/correct",
        body,
        content_type="application/json",
        **_auth(user),
    )


def test_api_corrects_a_date_and_keeps_the_old_record_in_the_history(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="mentors_assigned")
    filed = CaseStep.objects.get(case=case, code="activist_filed")
    r = _correct(client, case, filed, world.alice, date="2025-04-18", reason="备案回执日期为4月18日")
    assert r.status_code == 201, r.content
    [now] = _active(case, "activist_filed")
    assert now.date == D(2025, 4, 18) and r.json()["step"]["corrects"] == filed.pk
    assert CaseStep.objects.filter(pk=filed.pk, voided_by__isnull=False).exists()  # kept, voided
    event = AuditEvent.objects.get(kind="recruitment.correct")
    assert event.data["old"]["date"] == "2025-04-20" and event.data["new"]["date"] == "2025-04-18"
    assert event.data["reason"] == "备案回执日期为4月18日"
    timeline = r.json()["case"]["timeline"]
    assert [t["date"] for t in timeline if t["code"] == "activist_filed" and not t["voided"]] == ["2025-04-18"]


def test_correction_keeps_the_steps_information(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="mentors_assigned")
    mentors = CaseStep.objects.get(case=case, code="mentors_assigned")
    assert _correct(client, case, mentors, world.alice, date="2025-04-21", reason="日期笔误").status_code == 201
    [now] = _active(case, "mentors_assigned")
    assert [m["person_id"] for m in now.data["mentors"]] == [world.person_a.pk, world.person_dave.pk]


def test_correction_out_of_order_is_refused_and_changes_nothing(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_filed")
    filed = CaseStep.objects.get(case=case, code="activist_filed")
    r = _correct(client, case, filed, world.alice, date="2025-04-01", reason="日期有误")
    assert r.status_code == 422
    assert (
        "“报上级党委备案（入党积极分子）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）" in r.json()["detail"]
    )
    # moving the activist decision after the filing that depends on it is refused the same way
    selected = CaseStep.objects.get(case=case, code="activist_selected")
    r = _correct(client, case, selected, world.alice, date="2025-04-25", reason="日期有误")
    assert r.status_code == 422 and "（2025年4月25日）" in r.json()["detail"]
    assert not CaseStep.objects.filter(case=case, code="void").exists()
    assert not AuditEvent.objects.filter(kind="recruitment.correct").exists()
    assert _correct(client, case, filed, world.alice, date="2025-04-19", reason="").status_code == 422


def test_page_corrects_a_date(world, login, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_filed")
    filed = CaseStep.objects.get(case=case, code="activist_filed")
    client = login(world.alice)
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert f"/recruitment/steps/{filed.pk}/correct/" in page
    r = client.post(f"/recruitment/steps/{filed.pk}/correct/", {"date": "2025-04-16", "reason": "按回执更正"})
    assert r.status_code == 302
    [now] = _active(case, "activist_filed")
    assert now.date == D(2025, 4, 16)
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "更正：按回执更正" in page and "已更正" in page
    r = client.post(f"/recruitment/steps/{now.pk}/correct/", {"date": "2025-04-02", "reason": "再改"}, follow=True)
    assert "不能早于“推荐和确定入党积极分子”（2025年4月15日）" in r.content.decode()
    assert _active(case, "activist_filed")[0].date == D(2025, 4, 16)


def test_other_branch_cannot_correct(world, client, open_case):
    case = advance(open_case(applied=D(2025, 3, 1)), world.alice, path_2026(world), until="activist_filed")
    filed = CaseStep.objects.get(case=case, code="activist_filed")
    assert _correct(client, case, filed, world.charlie, date="2025-04-18", reason="x").status_code == 404

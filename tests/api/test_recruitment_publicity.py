"""Issue 17: a 2026-text development case passes 发展对象 through the API alone: 公示 recorded and closed over
the API, with the same rules as the page (5 working days counted from the holiday table, after the 上级党委
同意, result only after the end, two places for 流动人员), scoped by the caller's orgs."""

import datetime

import pytest

from dangjian.recruitment.models import Publicity
from tests.api.helpers import call
from tests.recruitment.conftest import advance, applicant, path_2026

D = datetime.date
API = "/api/v1/recruitment"


def _case_at_consent(world, *, is_mobile=False):
    from dangjian.recruitment import services

    person = applicant(world.branch_a, "赵敏", 60)
    case = services.case_open(actor=world.alice, person=person, opened_on=D(2025, 3, 10), is_mobile=is_mobile)
    return advance(case, world.alice, path_2026(world), until="upper_consent")


def test_publicity_through_the_api_lets_a_2026_case_list_the_candidate(world, client):
    case = _case_at_consent(world)
    # Without a 公示 the listing is refused (2026 细则 DEV-08).
    r = call(
        client,
        "POST",
        f"{API}/cases/{case.pk}/steps",
        world.alice,
        {"code": "candidate_selected", "date": "2026-06-01"},
    )
    assert r.status_code == 422

    r = call(
        client,
        "POST",
        f"{API}/cases/{case.pk}/publicity",
        world.alice,
        {"start": "2026-05-25", "channels": ["本校公示栏"]},
    )
    assert r.status_code == 201, r.content
    pub = r.json()["publicity"]
    # 2026-05-25 is a Monday with no holiday that week: the fifth working day is Friday 05-29.
    assert pub["end"] == "2026-05-29" and pub["result"] == "pending"
    assert any(t["code"] == "publicity" and t["end"] == "2026-05-29" for t in r.json()["case"]["timeline"])

    r = call(client, "POST", f"{API}/publicity/{pub['id']}/close", world.alice, {"result": "passed"})
    assert r.status_code == 200, r.content
    assert r.json()["publicity"]["result"] == "passed"

    r = call(
        client,
        "POST",
        f"{API}/cases/{case.pk}/steps",
        world.alice,
        {"code": "candidate_selected", "date": "2026-06-01"},
    )
    assert r.status_code == 201, r.content
    assert r.json()["case"]["stage"] == "candidate"


@pytest.mark.today("2026-09-29")
def test_publicity_rules_hold_through_the_api(world, client):
    case = _case_at_consent(world, is_mobile=True)
    url = f"{API}/cases/{case.pk}/publicity"
    r = call(client, "POST", url, world.alice, {"start": "2026-05-25", "channels": ["本校公示栏"]})
    assert r.status_code == 422 and "流出地和流入地" in r.json()["detail"]
    r = call(
        client, "POST", url, world.alice, {"start": "2026-05-25", "channels": ["本校公示栏", "户籍地社区"], "extra": 1}
    )
    assert r.status_code == 422 and "未知字段：extra" in r.json()["detail"]
    r = call(client, "POST", url, world.alice, {"start": "2026-09-25", "channels": ["本校公示栏", "户籍地社区"]})
    assert r.status_code == 201, r.content
    end = D.fromisoformat(r.json()["publicity"]["end"])
    # Over 国庆 2026 (10-01…10-07 off, by the State Council notice) the fifth working day is after the holiday.
    assert end > D(2026, 10, 7)
    pub_id = r.json()["publicity"]["id"]
    # A result before the end is refused, and objections need the handling.
    r = call(client, "POST", f"{API}/publicity/{pub_id}/close", world.alice, {"result": "passed"})
    assert r.status_code == 422 and "期满后方可登记结果" in r.json()["detail"]
    assert Publicity.objects.get(pk=pub_id).result == "pending"


def test_publicity_before_upper_consent_is_refused_through_the_api(world, client):
    from dangjian.recruitment import services

    person = applicant(world.branch_a, "钱敏", 61)
    case = services.case_open(actor=world.alice, person=person, opened_on=D(2025, 3, 10))
    case = advance(case, world.alice, path_2026(world), stop_before="upper_consent")
    r = call(
        client,
        "POST",
        f"{API}/cases/{case.pk}/publicity",
        world.alice,
        {"start": "2026-05-25", "channels": ["本校公示栏"]},
    )
    assert r.status_code == 422 and "上级党委同意" in r.json()["detail"]
    assert not Publicity.objects.filter(case=case).exists()


def test_publicity_is_scoped(world, client):
    case = _case_at_consent(world)
    r = call(
        client,
        "POST",
        f"{API}/cases/{case.pk}/publicity",
        world.charlie,
        {"start": "2026-05-25", "channels": ["本校公示栏"]},
    )
    assert r.status_code == 404
    r = call(
        client, "POST", f"{API}/cases/{case.pk}/publicity", world.alice, {"start": "2026-05-25", "channels": ["公示栏"]}
    )
    pub_id = r.json()["publicity"]["id"]
    r = call(client, "POST", f"{API}/publicity/{pub_id}/close", world.charlie, {"result": "passed"})
    assert r.status_code == 404
    r = call(client, "POST", f"{API}/publicity/999999/close", world.alice, {"result": "passed"})
    assert r.status_code == 404
    assert Publicity.objects.get(pk=pub_id).result == "pending"

"""Scope matrix on pages and API (charlie of another bureau: 404 everywhere; dave, a plain member: 404; alice: her
branch's self level only) and the JSON API for reading and entering levels."""

import json

import pytest

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _urls(rubric, a):
    return [
        f"/assessment/a/{a.pk}/",
        f"/assessment/rubrics/{rubric.pk}/",
        f"/assessment/rubrics/{rubric.pk}/results/",
        f"/assessment/rubrics/{rubric.pk}/results.xlsx",
        f"/assessment/rubrics/{rubric.pk}/edit/",
        f"/api/v1/assessment/assessments/{a.pk}",
        f"/api/v1/assessment/rubrics/{rubric.pk}",
        f"/api/v1/assessment/rubrics/{rubric.pk}/results",
        f"/api/v1/assessment/orgs/BRA/{YEAR}",
    ]


@pytest.mark.parametrize("who", ["charlie", "dave"])
def test_outsiders_and_plain_members_get_404(world, client, rubric, assessment_a, who):
    client.force_login(getattr(world, who))
    for url in _urls(rubric, assessment_a):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/assessment/a/{assessment_a.pk}/",
        f"/assessment/a/{assessment_a.pk}/return/",
        f"/assessment/rubrics/{rubric.pk}/publish/",
        f"/assessment/rubrics/{rubric.pk}/open/",
    ):
        assert client.post(url, {"action": "submit", "reason": "x"}).status_code == 404, url
    resp = client.post(
        f"/api/v1/assessment/assessments/{assessment_a.pk}/scores",
        json.dumps({"level": "self", "submit": True}),
        content_type="application/json",
    )
    assert resp.status_code == 404
    assert client.get("/api/v1/assessment/rubrics").json() == []


def test_secretary_sees_her_assessment_but_not_the_rubric_pages(world, client, rubric, assessment_a):
    client.force_login(world.alice)
    assert client.get(f"/assessment/a/{assessment_a.pk}/").status_code == 200
    assert client.get(f"/assessment/rubrics/{rubric.pk}/results/").status_code == 404
    assert client.get(f"/api/v1/assessment/orgs/BRA/{YEAR}").status_code == 200
    assert [r["id"] for r in client.get("/api/v1/assessment/rubrics").json()] == [rubric.pk]


def test_api_levels_flow_and_forbidden_levels(world, client, rubric, assessment_a):
    items = {i.title: i.pk for i in rubric.items.all()}
    body = {
        "level": "self",
        "submit": True,
        "scores": [
            {"item": items["阵地建设"], "points": 27.5, "comment": "活动室已建成", "evidence_note": "见照片"},
            {"item": items["特色活动"], "points": 8},
        ],
    }
    client.force_login(world.alice)
    url = f"/api/v1/assessment/assessments/{assessment_a.pk}"
    # a wrong total: points above the weight → 422 naming the item, nothing changes
    bad = {**body, "scores": [{"item": items["特色活动"], "points": 12}]}
    resp = client.post(url + "/scores", json.dumps(bad), content_type="application/json")
    assert resp.status_code == 422 and "第4项“特色活动”：“得分”应在0至10分之间" in resp.json()["detail"]
    resp = client.post(url + "/scores", json.dumps(body), content_type="application/json")
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["stage"] == "bureau" and data["totals"]["self"] == "35.5" and data["my_level"] == "self"
    assert data["items"][2]["scores"]["self"]["points"] == "27.5"
    assert data["items"][0]["scores"]["self"]["auto_evidence"].startswith("应开 ")
    # alice cannot enter the bureau's level, nor return it
    resp = client.post(url + "/scores", json.dumps({**body, "level": "bureau"}), content_type="application/json")
    assert resp.status_code == 403
    assert client.post(url + "/return", json.dumps({"reason": "x"}), content_type="application/json").status_code == 403
    client.force_login(world.bob)
    resp = client.post(url + "/return", json.dumps({"reason": "特色活动材料不足"}), content_type="application/json")
    assert resp.json()["stage"] == "self" and resp.json()["return_reason"] == "特色活动材料不足"
    client.force_login(world.alice)
    client.post(url + "/scores", json.dumps(body), content_type="application/json")
    client.force_login(world.bob)
    # the bureau agrees with the branch: submitting without scores takes the level below's
    resp = client.post(
        url + "/scores", json.dumps({"level": "bureau", "submit": True}), content_type="application/json"
    )
    data = resp.json()
    assert data["stage"] == "done" and data["totals"]["bureau"] == "35.5" and data["star"] == ""
    res = client.get(f"/api/v1/assessment/rubrics/{rubric.pk}/results?stage=done").json()
    assert [(r["org"], r["bureau"], r["stage"]) for r in res["rows"]] == [("BRA", "35.5", "done")]
    assert "rank" not in res["rows"][0]
    log = client.get(url).json()["log"]
    assert [e["action"] for e in log] == ["open", "submit", "return", "submit", "finish"]


def test_openapi_lists_the_assessment_endpoints(world, client):
    client.force_login(world.bob)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in (
        "/api/v1/assessment/rubrics",
        "/api/v1/assessment/rubrics/{rubric_id}/results",
        "/api/v1/assessment/orgs/{code}/{year}",
        "/api/v1/assessment/assessments/{aid}/scores",
        "/api/v1/assessment/assessments/{aid}/return",
    ):
        assert p in paths, p


def test_unauthenticated_api_is_401(client):
    assert client.get("/api/v1/assessment/rubrics").status_code == 401

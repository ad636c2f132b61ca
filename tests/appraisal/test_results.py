"""Counts by grade per org and subtree, the .xlsx export, the member's own result, scope and the API."""

import io
import json

import openpyxl

from dangjian.appraisal import services
from dangjian.appraisal.selectors import grade_counts
from tests.lib.office_checks import assert_bordered, assert_prints, download_filename

from .conftest import TO_VOTING, evals, go, open_cycle


def _grade_all(client, branch, cycle):
    e = evals(cycle)
    services.grades_set(
        actor=branch.alice,
        cycle=cycle,
        rows=[
            {"evaluation_id": e["王芳"].pk, "grade": "excellent", "reason": "带头作用突出"},
            {"evaluation_id": e["丁伟"].pk, "grade": "qualified"},
            {"evaluation_id": e["张敏"].pk, "grade": "qualified"},
        ],
    )


def test_counts_appear_once_grades_are_submitted_and_export(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    _grade_all(client, branch, cycle)
    assert grade_counts(branch.bureau, cycle.year)["total"] == 0  # not yet submitted for review
    go(client, cycle, "review")
    counts = grade_counts(branch.bureau, cycle.year)
    assert (counts["total"], counts["excellent"], counts["qualified"], counts["unqualified"]) == (3, 1, 2, 0)
    client.force_login(branch.bob)  # the bureau sees its subtree
    page = client.get(f"/appraisal/results/BUREAU/{cycle.year}/").content.decode()
    assert "飞龙中学党支部" in page and "参加评议党员数" in page
    resp = client.get(f"/appraisal/results/BUREAU/{cycle.year}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert ["飞龙中学党支部", "上级审核", 3, 1, 2, 0, 0, 0] in rows
    # issue #16: a Chinese file name (the issue's own example) and a sheet that prints
    assert download_filename(resp) == "江北区教育局党委2026年度民主评议结果.xlsx".replace("2026", str(cycle.year))
    ws = assert_prints(resp.content).active
    assert rows[0][0] == f"江北区教育局党委{cycle.year}年度民主评议党员结果统计" and ws["A1"].font.sz == 16
    assert ws.print_title_rows == "$2:$2"
    assert_bordered(ws, 3, 1)


def test_member_sees_own_grade_only_after_being_told(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    _grade_all(client, branch, cycle)
    go(client, cycle, "review")
    client.force_login(branch.dave)
    assert "评议结果" not in client.get("/appraisal/me/").content.decode()
    client.force_login(branch.alice)
    go(client, cycle, "notified")
    client.force_login(branch.dave)
    page = client.get("/appraisal/me/").content.decode()
    assert "评议结果：<strong>合格</strong>" in page
    api = json.loads(client.get("/api/v1/appraisal/mine").content)
    assert api["items"][0]["grade_zh"] == "合格"


def test_scope_charlie_gets_404(client, branch):
    cycle = open_cycle(client, branch)
    ev = cycle.evaluations.first()
    client.force_login(branch.charlie)
    for url in (
        f"/appraisal/{cycle.pk}/",
        f"/appraisal/evaluation/{ev.pk}/",
        "/appraisal/org/BRA/open/",
        f"/appraisal/results/BRA/{cycle.year}/",
        f"/api/v1/appraisal/cycles/{cycle.pk}",
        f"/api/v1/appraisal/results/BRA/{cycle.year}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/appraisal/{cycle.pk}/stage/", {"to": "self_evaluation"}).status_code == 404
    assert json.loads(client.get("/api/v1/appraisal/cycles").content)["items"] == []
    # A plain member cannot manage the cycle either.
    client.force_login(branch.dave)
    assert client.get(f"/appraisal/{cycle.pk}/").status_code == 404


def test_api_workflow_vote_and_grades(client, branch):
    client.force_login(branch.alice)
    year = 2025
    resp = client.post("/api/v1/appraisal/cycles", {"org": "BRA", "year": year}, content_type="application/json")
    assert resp.status_code == 201, resp.content
    cid = resp.json()["id"]
    for to in TO_VOTING:
        assert (
            client.post(
                f"/api/v1/appraisal/cycles/{cid}/stage", {"to": to}, content_type="application/json"
            ).status_code
            == 200
        )
    bad = client.post(f"/api/v1/appraisal/cycles/{cid}/stage", {"to": "closed"}, content_type="application/json")
    assert bad.status_code == 422 and "不能从“民主测评”转到“已结束”" in bad.content.decode()
    ids = {e["name"]: e["id"] for e in client.get(f"/api/v1/appraisal/cycles/{cid}").json()["evaluations"]}
    client.force_login(branch.dave)
    vote = {"choices": {ids["王芳"]: "excellent", ids["张敏"]: "qualified"}}
    assert (
        client.post(f"/api/v1/appraisal/mine/{ids['丁伟']}/vote", vote, content_type="application/json").status_code
        == 201
    )
    again = client.post(f"/api/v1/appraisal/mine/{ids['丁伟']}/vote", vote, content_type="application/json")
    assert again.status_code == 422 and "只能投一次" in again.content.decode()
    client.force_login(branch.alice)
    detail = client.post(
        f"/api/v1/appraisal/cycles/{cid}/stage", {"to": "assessment"}, content_type="application/json"
    ).json()
    assert detail["voters"] == 1
    assert {e["name"]: e["votes"]["excellent"] for e in detail["evaluations"]}["王芳"] == 1
    rows = [{"evaluation_id": i, "grade": "qualified", "reason": "综合评定"} for i in ids.values()]
    detail = client.post(
        f"/api/v1/appraisal/cycles/{cid}/grades", {"rows": rows}, content_type="application/json"
    ).json()
    assert all(e["grade"] == "qualified" for e in detail["evaluations"])


def test_result_notice_and_eval01_reminders_on_the_cycle_page(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    _grade_all(client, branch, cycle)
    go(client, cycle, "review")
    page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
    assert "评议结果应告知党员本人" in page and "评议结果应报上级党组织" not in page
    assert "参加评议党员3名，评定结果：优秀1名，合格2名，基本合格0名，不合格0名。评为优秀的党员：王芳。" in page
    go(client, cycle, "notified")
    assert "评议结果应告知党员本人" not in client.get(f"/appraisal/{cycle.pk}/").content.decode()


def test_telling_members_proposes_the_result_notice_for_disclosure(client, branch):
    from dangjian.disclosure.models import DisclosureItem

    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    _grade_all(client, branch, cycle)
    go(client, cycle, "review")
    assert not DisclosureItem.objects.filter(topic="appraisal").exists()
    go(client, cycle, "notified")
    item = DisclosureItem.objects.get(org=branch.branch_a, topic="appraisal")
    assert "优秀1名" in item.content and "王芳" in item.content and item.scope == "branch"

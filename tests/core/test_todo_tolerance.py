"""One bad row must not take the to-do centre or the start page away from everyone (issue 17): a fuzzer's
`POST /api/v1/appraisal/cycles {"year": 0}` used to make /todo/ answer 500 for the secretary, the bureau
and the administrator until the database was repaired."""

import logging
import re

import pytest

from tests.api.helpers import call


def _lines(html: str) -> set[str]:
    """The links of the to-do list (its lines, each pointing at the page to act on)."""
    block = html.split('id="todos"', 1)[1].split('id="todo-failed"')[0]
    return set(re.findall(r'href="([^"]+)"', block.split("手机日历订阅")[0]))


@pytest.mark.django_db
def test_a_cycle_of_year_0_leaves_the_pages_working_for_everyone(world, client, caplog):
    from dangjian.appraisal.models import AppraisalCycle

    client.force_login(world.alice)
    before = _lines(client.get("/todo/").content.decode())
    assert any("/appraisal/" in u for u in before)  # November: "年度民主评议党员尚未开展" is one of them
    # The row the fuzzer made, written past every check as a database repair script or old version could.
    AppraisalCycle.objects.create(org=world.branch_a, bureau=world.bureau, year=0)
    for user in (world.alice, world.bob, world.admin):
        client.force_login(user)
        with caplog.at_level(logging.ERROR, logger="dangjian.todos"):
            page = client.get("/todo/")
        assert page.status_code == 200, user
        html = page.content.decode()
        assert "部分待办暂时无法计算（民主评议），已通知管理员" in html
        assert any("dangjian.appraisal.todos" in r.getMessage() for r in caplog.records)  # the admin's log has it
        start = client.get("/")
        assert start.status_code == 200
        assert "部分待办暂时无法计算（民主评议）" in start.content.decode()
        if user == world.alice:
            after = _lines(html)
            # every other module's lines are still there; only the appraisal's are missing
            assert {u for u in before if "/appraisal/" not in u} <= after
            assert after and not any("/appraisal/" in u for u in after)


@pytest.mark.django_db
def test_no_notice_when_every_module_answers(world, client):
    client.force_login(world.alice)
    html = client.get("/todo/").content.decode()
    assert "部分待办暂时无法计算" not in html


@pytest.mark.django_db
def test_the_api_refuses_year_0_so_the_bad_row_is_not_made(world, client):
    from dangjian.appraisal.models import AppraisalCycle

    r = call(client, "POST", "/api/v1/appraisal/cycles", world.alice, {"org": "BRA", "year": 0})
    assert r.status_code == 422
    assert r.json()["errors"][0]["label"] == "年度"
    assert not AppraisalCycle.objects.exists()

"""Branch board: people per stage, who is eligible for the next stage by a chosen date, plan vs actual."""

import datetime

from .conftest import advance, path_2014, path_2026

D = datetime.date


def test_board_shows_stages_eligibility_and_plan(world, login, open_case):
    activist = advance(
        open_case("积极甲", applied=D(2025, 3, 10)), world.alice, path_2026(world), until="activist_review"
    )
    newcomer = open_case("申请乙", applied=D(2026, 10, 1))
    converted = advance(open_case("转正丙"), world.alice, path_2014(world))
    client = login(world.alice)
    r = client.post("/recruitment/org/BRA/plan/", {"year": 2025, "planned_count": 3})
    assert r.status_code == 302
    page = client.get("/recruitment/org/BRA/?year=2025&by=2026-04-14").content.decode()
    assert "积极甲" in page and "申请乙" in page
    # activist since 2025-04-15: eligible for 发展对象 from 2026-04-15 (DEV-07), not on 2026-04-14
    eligible = page.split('id="eligible"')[1]
    assert "积极甲" not in eligible
    eligible = client.get("/recruitment/org/BRA/?year=2025&by=2026-04-15").content.decode().split('id="eligible"')[1]
    assert "积极甲" in eligible
    assert 'id="planned">3<' in page and 'id="actual">1<' in page  # 转正丙 approved 2025-02-20
    assert "尚差 2 人" in page
    assert converted.stage == "full_member" and activist.stage == "activist" and newcomer.stage == "applicant"


def test_home_redirects_secretary_to_her_branch_board(world, login):
    r = login(world.alice).get("/recruitment/")
    assert r.status_code == 302 and r["Location"] == "/recruitment/org/BRA/"


def test_home_lists_branches_for_bureau_officer(world, login):
    page = login(world.bob).get("/recruitment/").content.decode()
    assert "飞龙中学党支部" in page and "昆山二中" not in page


def test_nav_has_recruitment_link(world, login):
    page = login(world.alice).get("/recruitment/org/BRA/").content.decode()
    assert 'href="/recruitment/">发展党员</a>' in page


def test_board_lists_overdue_todos(world, login, open_case):
    case = open_case("逾期丁", applied=D(2025, 9, 1))  # talk due 2025-10-01, never recorded
    page = login(world.alice).get("/recruitment/org/BRA/").content.decode()
    todos = page.split('id="todos"')[1].split("</ul>")[0]
    assert "逾期丁：派人谈话" in todos and "2025-10-01" in todos and "已逾期" in todos
    assert f"/recruitment/cases/{case.pk}/" in todos

"""A past year's documents state that year's facts: people as of 12-31, events by their dates.

The story (branch A = BRA, branch B2 = BRB2 under the same bureau; today is 2026-11-22), worked by hand:

- 王芳, 丁伟 (fixture): 正式 since 2011, in A throughout.
- 陈新: 入党 2026-07-10 (roster only, no case), 预备党员 today.
- 赵离: 正式, 转出 on 2026-09-15.
- 孙转: 入党 2024-06-01, 转正 2025-06-01;  钱正: 入党 2024-10-01, 转正 2025-10-01 (roster only).
- 周移: 正式, moved from A to B2 on 2026-03-01.
- 郑故: 正式, 去世 2025-05-01.

On 2025-12-31 A's 党员: 王芳 丁伟 赵离 孙转 钱正 周移 = 6, all 正式 (陈新 was not yet admitted; 郑故 had died).
2025's events in A: 转正 2 (孙转, 钱正), 发展 0; 党员减少 1 (去世: 郑故).
Today (2026): A has 王芳 丁伟 陈新 孙转 钱正 = 5 (4 正式 + 1 预备); 发展 1 (陈新), 转正 0;
党员减少 in A: 赵离 (转出) + 周移 (moved to B2: 转出 for A) = 2 转出; for the bureau only 赵离 (周移 stayed inside).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from tests.conftest import add_person

D = datetime.date


@pytest.fixture
def story(world):
    from dangjian.members.services import person_leave, person_update
    from dangjian.orgs.services import org_create

    w = world
    w.branch_b2 = org_create(actor=w.admin, kind="branch", name="飞龙中学第二支部", code="BRB2", parent=w.bureau)
    add_person(
        w.branch_a,
        "陈新",
        actor=w.admin,
        seq=11,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    gone = add_person(w.branch_a, "赵离", actor=w.admin, seq=12)
    person_leave(actor=w.alice, person=gone, reason="transfer_out", on=D(2026, 9, 15))
    add_person(w.branch_a, "孙转", actor=w.admin, seq=13, join_date=D(2024, 6, 1), confirmation_date=D(2025, 6, 1))
    add_person(w.branch_a, "钱正", actor=w.admin, seq=14, join_date=D(2024, 10, 1), confirmation_date=D(2025, 10, 1))
    moved = add_person(w.branch_a, "周移", actor=w.admin, seq=15)
    person_update(actor=w.bob, person=moved, org=w.branch_b2, group=None, effective=D(2026, 3, 1))
    died = add_person(w.branch_a, "郑故", actor=w.admin, seq=16)
    person_leave(actor=w.alice, person=died, reason="deceased", on=D(2025, 5, 1))
    return w


def _text(paragraphs) -> str:
    return "\n".join(p["text"] for p in paragraphs)


def test_the_2025_summary_states_the_roll_and_events_of_2025(story, client):
    client.force_login(story.alice)
    page = client.get("/reports/org/BRA/summary/2025/")
    assert page.status_code == 200
    text = _text(page.context["paragraphs"])
    assert "截至2025年12月31日，飞龙中学党支部共有党员6名，其中正式党员6名、预备党员0名。" in text
    assert "2025年发展预备党员0人，转正预备党员2人" in text
    assert "被接收为预备党员" not in text
    # said once: not "共有党员6名…共有在职党员6人" in the next sentence (issue 16)
    assert "全体党员均为在职党员" in text and "共有在职党员" not in text


def test_the_running_years_summary_states_today(story, client):
    client.force_login(story.alice)
    text = _text(client.get("/api/v1/reports/org/BRA/summary/2026/").json()["paragraphs"])
    assert "截至2026年11月22日，飞龙中学党支部共有党员5名，其中正式党员4名、预备党员1名。" in text
    assert "2026年发展预备党员1人，转正预备党员0人" in text
    assert "陈新同志被接收为预备党员" in text


def test_the_2025_statistics_through_api_and_cli(story, client, tmp_path):
    client.force_login(story.bob)
    st = client.get("/api/v1/reports/org/BRA/statistics/2025/").json()
    s = st["structure"]
    assert (s["total"], s["full_member"], s["probationary_member"], s["employed"]) == (6, 6, 0, 6)
    assert st["development"]["发展预备党员"] == 0 and st["development"]["转正预备党员"] == 2
    assert st["departures"]["去世"] == 1 and st["departures"]["转出"] == 0

    now = client.get("/api/v1/reports/org/BRA/statistics/2026/").json()
    assert (now["structure"]["total"], now["structure"]["probationary_member"]) == (5, 1)
    assert now["development"]["发展预备党员"] == 1 and now["development"]["转正预备党员"] == 0
    assert now["departures"]["转出"] == 2 and now["departures"]["去世"] == 0
    bureau = client.get("/api/v1/reports/org/BUREAU/statistics/2026/").json()
    assert bureau["departures"]["转出"] == 1  # 周移 moved inside the bureau: not a loss for it
    assert bureau["structure"]["total"] == 6  # A's 5 + 周移 in B2

    out = tmp_path / "s.xlsx"
    call_command("report", "statistics", "--org", "BRA", "--year", "2025", "--out", str(out), stdout=io.StringIO())
    book = CalamineWorkbook.from_path(str(out))

    def total(sheet):  # the 合计 row of a year-end table
        return next(r for r in book.get_sheet_by_name(sheet).to_python() if r and r[0] == "合计")

    basic = total("党员基本情况")  # 单位, 党员总数, 女, 少数民族, 预备党员, …
    assert (basic[1], basic[4]) == (6, 0)
    assert total("预备党员转正")[1:3] == [2, 2]  # 合计, 按期转正
    assert total("发展党员（二）")[1] == 0
    check = total("党员数量变化")  # 上年数 7 (郑故 still alive on 2024-12-31) − 死亡 1 = 本年数 6
    assert (check[1], check[7], check[8], check[13], check[14]) == (7, 1, 1, 6, "相符")


def test_the_2025_ledger_book_counts_and_lists_that_year(story, client):
    client.force_login(story.alice)
    book = client.get("/api/v1/reports/org/BRA/ledger/2025/").json()["chapters"]
    org = " ".join(b.get("p", "") for b in book[0]["blocks"])
    assert "截至2025年12月31日，党员6名（正式党员6名、预备党员0名）" in org
    rows = book[2]["blocks"][0]["rows"]
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("2025-06-01", "孙转", "转正预备党员（花名册记载）"),
        ("2025-10-01", "钱正", "转正预备党员（花名册记载）"),
    ]


def test_the_dashboard_of_a_past_year_counts_that_years_roll(story, client):
    client.force_login(story.bob)
    then = {r["code"]: r for r in client.get("/api/v1/reports/org/BUREAU/dashboard/2025/").json()["rows"]}
    assert then["BRA"]["members"] == 6 and then["BRB2"]["members"] == 0
    assert then["BRA"]["dev_actual"] == 0
    now = {r["code"]: r for r in client.get("/api/v1/reports/org/BUREAU/dashboard/2026/").json()["rows"]}
    assert now["BRA"]["members"] == 5 and now["BRB2"]["members"] == 1
    assert now["BRA"]["dev_actual"] == 1


def test_a_case_counts_by_its_approval_year_not_the_meeting_year(world, client):
    """STAT-01: 支部大会 2024-12-20, 上级批准 2025-01-30 → 发展党员 of 2025, not 2024 (the roster's 入党时间
    is the meeting date); 转正 approved 2026-01-30 → 2026, though the 转正时间 is 2025-12-20. Counted once."""
    from dangjian.recruitment import services
    from tests.recruitment.conftest import advance, applicant, path_2014

    shift = datetime.timedelta(days=-21)  # path_2014 moved three weeks earlier: the meeting falls in 2024
    path = [(code, day + shift, data) for code, day, data in path_2014(world)]
    case = services.case_open(actor=world.alice, person=applicant(world.branch_a, "施轶", 41), opened_on=D(2023, 8, 10))
    advance(case, world.alice, path)
    case.person.refresh_from_db()
    assert (case.person.join_date, case.person.confirmation_date) == (D(2024, 12, 20), D(2025, 12, 20))
    client.force_login(world.bob)

    def dev(year):
        return client.get(f"/api/v1/reports/org/BRA/statistics/{year}/").json()["development"]

    assert (dev(2024)["发展预备党员"], dev(2025)["发展预备党员"], dev(2026)["发展预备党员"]) == (0, 1, 0)
    assert (dev(2025)["转正预备党员"], dev(2026)["转正预备党员"]) == (0, 1)

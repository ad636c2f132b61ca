"""The 花名册 of a past day: who was a 党员 on the branch's roll then, in that day's status and 党小组.

Expected values worked by hand from the story (the same as tests/members/test_roll_as_of.py):
- 王芳 (fixture, 第一党小组) and 丁伟 (fixture): 正式 since 2011, in BRA throughout;
- 陈新: 入党 2026-07-10 — not a 党员 on 2025-12-31;
- 赵离: 转出 on 2026-09-15 — on the 2025-12-31 roster, not on today's;
- 孙转: 入党 2024-06-01, 转正 2025-06-01 — 预备党员 on the 2025-03-01 roster, 正式党员 on 2025-12-31's.
So BRA's roster of 2025-12-31 lists 王芳, 丁伟, 赵离, 孙转 (4); today's lists 王芳, 丁伟, 陈新, 孙转 (4).
"""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import add_person

D = datetime.date


@pytest.fixture
def story(world):
    from dangjian.members.services import person_leave

    add_person(
        world.branch_a,
        "陈新",
        actor=world.admin,
        seq=11,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    gone = add_person(world.branch_a, "赵离", actor=world.admin, seq=12)
    person_leave(actor=world.alice, person=gone, reason="transfer_out", on=D(2026, 9, 15))
    add_person(
        world.branch_a, "孙转", actor=world.admin, seq=13, join_date=D(2024, 6, 1), confirmation_date=D(2025, 6, 1)
    )
    return world


def _sheet(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[2])
    people = {r[head.index("姓名")]: dict(zip(head, r)) for r in rows[3:]}
    return rows[1][0], people


def test_the_roster_of_a_past_day_through_the_excel_download(story, client):
    client.force_login(story.alice)
    subtitle, people = _sheet(client.get("/orgs/BRA/roster/export.xlsx?on=2025-12-31").content)
    assert set(people) == {"王芳", "丁伟", "赵离", "孙转"} and subtitle.startswith("截至2025年12月31日")
    assert people["孙转"]["人员类别"] == "正式党员" and people["王芳"]["党小组"] == "第一党小组"
    _, spring = _sheet(client.get("/orgs/BRA/roster/export.xlsx?on=2025-03-01").content)
    assert spring["孙转"]["人员类别"] == "预备党员"
    _, today = _sheet(client.get("/orgs/BRA/roster/export.xlsx").content)
    assert set(today) == {"王芳", "丁伟", "陈新", "孙转"}


def test_the_print_page_of_a_past_day(story, client):
    client.force_login(story.alice)
    html = client.get("/orgs/BRA/roster/print/?on=2025-12-31").content.decode()
    assert "截至2025年12月31日" in html and "赵离" in html and "陈新" not in html


def test_the_cli_writes_the_roster_of_a_day_and_refuses_a_future_one(story, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("export-roster", "--org", "BRA", "--on", "2025-12-31", "--out", str(out), stdout=io.StringIO())
    _, people = _sheet(out.read_bytes())
    assert set(people) == {"王芳", "丁伟", "赵离", "孙转"}
    with pytest.raises(CommandError, match="晚于今天"):
        call_command("export-roster", "--org", "BRA", "--on", "2026-12-31", "--out", str(out), stdout=io.StringIO())

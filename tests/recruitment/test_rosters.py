"""Yearly rosters: 入党申请人、积极分子、发展对象、预备党员名册 on screen and as .xlsx."""

import datetime
import io

import openpyxl

from tests.lib.office_checks import assert_bordered, assert_prints, download_filename

from .conftest import advance, path_2014, path_2026

D = datetime.date


def test_rosters_by_year_on_screen_and_xlsx(world, login, open_case):
    advance(open_case("二三年", applied=D(2023, 9, 1)), world.alice, path_2014(world), until="oath")
    advance(open_case("二五年", applied=D(2025, 3, 10)), world.alice, path_2026(world), until="activist_selected")
    client = login(world.alice)
    page = client.get("/recruitment/org/BRA/rosters/applicant/?year=2025").content.decode()
    assert "二五年" in page and "二三年" not in page and "2025 年入党申请人名册" in page
    page = client.get("/recruitment/org/BRA/rosters/activist/?year=2023").content.decode()
    assert "二三年" in page and "二五年" not in page
    page = client.get("/recruitment/org/BRA/rosters/probationary_member/?year=2025").content.decode()
    assert "二三年" in page  # branch meeting 2025-01-10, approved
    r = client.get("/recruitment/org/BRA/rosters/candidate/?year=2024&format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert "2024年发展对象名册" in sheet["A1"].value
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1 and rows[0][1] == "二三年"
    assert rows[0][8].date() == D(2024, 10, 10)  # 确定发展对象
    # issue #16: printable on A4 with the header repeated, and a Chinese file name (was "candidate-2024.xlsx")
    ws = assert_prints(r.content).active
    assert ws.print_title_rows == "$2:$2"
    assert_bordered(ws, 3, 2)
    assert download_filename(r) == "飞龙中学党支部2024年度发展对象名册.xlsx"


def test_unknown_roster_is_404(world, login):
    assert login(world.alice).get("/recruitment/org/BRA/rosters/nobody/").status_code == 404

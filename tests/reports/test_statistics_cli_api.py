"""党内统计 .xlsx (the year-end tables), the `dangjian report` command and the reports API."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from python_calamine import CalamineWorkbook

from dangjian.members.services import person_leave
from tests.recruitment.conftest import BRANCH_A_VOTERS, advance, applicant, path_2026

D = datetime.date
YEAR = 2026


def _sheet(content: bytes, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name(name).to_python()


@pytest.fixture
def stats_world(world):
    from dangjian.recruitment import services

    case = services.case_open(
        actor=world.alice, person=applicant(world.branch_a, "赵慧莉", 40), opened_on=D(2025, 3, 1)
    )
    advance(case, world.alice, path_2026(world))
    return world


def test_statistics_xlsx_counts_per_stat01(stats_world, client):
    w = stats_world
    person_leave(actor=w.admin, person=w.person_dave, reason="transfer_out", on=D(2026, 3, 1))
    client.force_login(w.bob)
    resp = client.get(f"/reports/org/BUREAU/statistics/{YEAR}.xlsx")
    assert resp.status_code == 200
    dev = {r[0]: r[1] for r in _sheet(resp.content, "发展党员（二）") if len(r) > 1}
    assert dev["合计"] == 1  # 赵慧莉, approved by the 党委 on 2026-08-10
    rows = [r for r in _sheet(resp.content, "党员数量变化") if r and r[0] == "合计"]
    total = dict(
        zip(
            [
                None,
                "上年数",
                "增加",
                "发展",
                "转入",
                "恢复党籍",
                "其他增加",
                "减少",
                "死亡",
                "出党",
                "停止党籍",
                "转出",
                "其他减少",
                "本年数",
                "核对",
            ],
            rows[0],
        )
    )
    assert total[None] == "合计" and total["转出"] == 1 and total["减少"] == 1 and total["发展"] == 1
    # 王芳 + 赵慧莉 (probationary) + the eight 正式党员 path_2026 puts on the roll so that its 支部大会 vote
    # (E = 9) fits the roll (DEV-14); 丁伟 left
    assert total["本年数"] == 2 + len(BRANCH_A_VOTERS) and total["核对"] == "相符"


def test_report_command_writes_docx_and_xlsx(stats_world, tmp_path, capsys):
    out = tmp_path / "summary.docx"
    call_command("report", "summary", "--org", "BRA", "--year", str(YEAR), "--out", str(out))
    lines = [p.text for p in Document(str(out)).paragraphs]
    assert "一、主要工作" in lines and "二、存在的问题及原因" in lines and "三、下一步工作打算" in lines
    assert any("2026年发展预备党员1人" in t for t in lines)
    xlsx = tmp_path / "s.xlsx"
    call_command("report", "statistics", "--org", "BUREAU", "--year", str(YEAR), "--out", str(xlsx))
    assert xlsx.stat().st_size > 0


def test_report_command_errors_in_chinese(world, tmp_path):
    with pytest.raises(CommandError, match="找不到党组织代码“NOPE”"):
        call_command("report", "summary", "--org", "NOPE", "--year", "2026", "--out", str(tmp_path / "a.docx"))
    with pytest.raises(CommandError, match="输出目录不存在"):
        call_command("report", "duty", "--org", "BRA", "--year", "2026", "--out", str(tmp_path / "no" / "a.docx"))


def test_api_summary_dashboard_statistics(stats_world, client):
    client.force_login(stats_world.bob)
    s = client.get(f"/api/v1/reports/org/BRA/summary/{YEAR}/").json()
    assert s["saved"] is False and any("一、主要工作" == p["text"] for p in s["paragraphs"])
    d = client.get(f"/api/v1/reports/org/BUREAU/dashboard/{YEAR}/").json()
    assert [r["code"] for r in d["rows"]] == ["BRA"] and d["rows"][0]["dev_actual"] == 1
    st = client.get(f"/api/v1/reports/org/BUREAU/statistics/{YEAR}/").json()
    assert st["development"]["发展预备党员"] == 1 and st["snapshot"] == "2026-12-31"
    client.force_login(stats_world.charlie)
    assert client.get(f"/api/v1/reports/org/BRA/summary/{YEAR}/").status_code == 404


def test_stats_command_prints_the_year_end_check(stats_world, capsys):
    person_leave(actor=stats_world.admin, person=stats_world.person_dave, reason="deceased", on=D(2026, 3, 1))
    call_command("stats", "--org", "BUREAU", "--year", "2026")
    out = capsys.readouterr().out
    # on 2025-12-31: 王芳, 丁伟 and the eight voters; 2026: 赵慧莉 admitted, 丁伟 died
    assert "合计：上年数10，增加1（发展1），减少1（死亡1），本年数10，相符" in out
    call_command("stats", "--org", "BRA", "--year", "2026", "--json")
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows[0]["减少明细"]["死亡"] == 1 and rows[0]["本年数"] == 10
    with pytest.raises(CommandError, match="2027年还没有到来"):
        call_command("stats", "--org", "BRA", "--year", "2027")

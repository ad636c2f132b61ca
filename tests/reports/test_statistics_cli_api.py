"""党内统计 .xlsx (STAT-01), the `dangjian report` command and the reports API."""
import datetime
import io

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

    case = services.case_open(actor=world.alice, person=applicant(world.branch_a, "赵慧莉", 40), opened_on=D(2025, 3, 1))
    advance(case, world.alice, path_2026(world))
    return world


def test_statistics_xlsx_counts_per_stat01(stats_world, client):
    w = stats_world
    person_leave(actor=w.admin, person=w.person_dave, reason="transfer_out", on=D(2026, 3, 1))
    client.force_login(w.bob)
    resp = client.get(f"/reports/org/BUREAU/statistics/{YEAR}.xlsx")
    assert resp.status_code == 200
    dev = {r[0]: r[1] for r in _sheet(resp.content, "发展与转正") if len(r) > 1}
    assert dev["发展预备党员"] == 1 and dev["转正预备党员"] == 0 and dev["确定发展对象"] == 1
    out = {r[0]: r[1] for r in _sheet(resp.content, "党员减少") if len(r) > 1}
    assert out["转出"] == 1 and out["合计"] == 1
    struct = {r[0]: r[2] for r in _sheet(resp.content, "党员结构") if len(r) > 2 and r[1] == ""}
    # 王芳 + 赵慧莉 (probationary) + the eight 正式党员 path_2026 puts on the roll so that its 支部大会 vote
    # (E = 9) fits the roll (DEV-14); 丁伟 left
    assert struct["党员总数"] == 2 + len(BRANCH_A_VOTERS)


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

"""The ledger as .xlsx in the shape of the paper 整改台账, opened with openpyxl."""

import io

from openpyxl import load_workbook

from dangjian.rectification import services
from tests.lib.office_checks import assert_bordered, assert_prints, download_filename

from .conftest import DUE, TODAY


def test_xlsx_export_of_a_branch(world, client):
    w = world
    a = services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="meeting_gap",
        source_ref="gap:x",
        rule_id="LIFE-01",
        problem="第三季度未召开支部党员大会",
        measure="补开并按期召开",
        owner=w.person_a,
        due_date=DUE,
    )
    services.rectification_report_done(actor=w.alice, item=a, closure_note="已于10月补开")
    services.rectification_accept(actor=w.bob, item=a)
    b = services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="误列", due_date=DUE
    )
    services.rectification_cancel(actor=w.bob, item=b, reason="重复")
    services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="manual",
        source_ref="",
        problem="活动室制度未上墙",
        owner=w.person_dave,
        due_date=DUE,
    )
    client.force_login(w.alice)
    resp = client.get(f"/rectification/org/BRA/export.xlsx?year={TODAY.year}")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == f"飞龙中学党支部{TODAY.year}年度整改台账"
    assert rows[1] == ("序号", "问题", "来源", "整改措施", "责任人", "整改时限", "完成情况", "销号日期")
    # issue #16: no rule code in a document handed to the 党委 (this used to expect "组织生活缺期（LIFE-01）")
    assert rows[2] == (
        1,
        "第三季度未召开支部党员大会",
        "组织生活缺期",
        "补开并按期召开",
        "王芳",
        DUE.isoformat(),
        "已于10月补开；已销号",
        TODAY.isoformat(),
    )
    assert rows[3][1] == "误列" and rows[3][6] == "已撤销：重复"
    assert ws.cell(4, 2).font.strike is True
    assert rows[4][1:5] == ("活动室制度未上墙", "其他", None, "丁伟") and rows[4][6] == "整改中"
    assert len(rows) == 5
    # a problem whose text carries the rule code of the check that found it prints without it
    services.rectification_raise(
        actor=w.bob,
        org=w.branch_a,
        source="meeting_gap",
        source_ref="gap:y",
        rule_id="LIFE-01",
        problem="飞龙中学党支部2026年第三季度未召开支部党员大会（LIFE-01）",
        measure="补开",
        due_date=DUE,
    )
    again = list(
        load_workbook(
            io.BytesIO(client.get(f"/rectification/org/BRA/export.xlsx?year={TODAY.year}").content)
        ).active.iter_rows(values_only=True)
    )
    assert "飞龙中学党支部2026年第三季度未召开支部党员大会" in [r[1] for r in again]
    assert not [c for r in again for c in r if isinstance(c, str) and "LIFE" in c]
    # prints: A4 landscape (8 wide columns), one page wide, header repeated, Chinese file name
    ws = assert_prints(resp.content).active
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
    assert_bordered(ws, 3, 2)
    assert download_filename(resp) == f"飞龙中学党支部{TODAY.year}年度整改台账.xlsx"


def test_xlsx_of_the_bureau_names_the_branch_and_filters(world, client):
    w = world
    services.rectification_raise(
        actor=w.bob, org=w.branch_a, source="manual", source_ref="", problem="甲", due_date=DUE
    )
    client.force_login(w.bob)
    ws = load_workbook(io.BytesIO(client.get("/rectification/org/BUREAU/export.xlsx").content)).active
    assert ws.cell(2, 2).value == "整改单位" and ws.cell(3, 2).value == "飞龙中学党支部"
    ws = load_workbook(io.BytesIO(client.get("/rectification/org/BUREAU/export.xlsx?status=closed").content)).active
    assert ws.max_row == 2

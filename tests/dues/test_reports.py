import datetime
import io

import pytest
import python_calamine

from dangjian.dues import services
from tests.lib.office_checks import assert_a4_pdf, assert_bordered, assert_prints, download_filename

from .helpers import generate, pay, set_base

pytestmark = pytest.mark.django_db


def cells(content: bytes) -> list[list]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python()


@pytest.fixture
def paid(world):
    set_base(world, world.person_a)  # 114.75
    set_base(world, world.person_dave, base="4900")  # 49.00
    generate(world, "2026-01")
    pay(world, world.person_a, ["2026-01"], paid_on=datetime.date(2026, 1, 15), method="wechat", receipt_no="R-7")
    services.reconciliation_record(
        actor=world.alice, org=world.branch_a, period_end=datetime.date(2026, 1, 31), stated_balance="114.75"
    )
    return world


def test_monthly_detail_sheet_lists_base_amount_paid_date_and_method(paid, login):
    r = login(paid.alice).get("/dues/org/BRA/reports/monthly.xlsx?month=2026-01")
    rows = cells(r.content)
    assert rows[0][0] == "飞龙中学党支部党费收缴明细表" and rows[1][0] == "2026年1月"
    body = {row[1]: row for row in rows[3:5]}
    assert body["王芳"][3:9] == [7650.0, 114.75, 114.75, "2026-01-15", "微信", "R-7"]
    assert body["丁伟"][5] == ""
    assert rows[5][0] == "合计" and rows[5][4:6] == [163.75, 114.75]
    # issue #16: prints on A4 one page wide with the header row repeated; named org + period + what
    ws = assert_prints(r.content).active
    assert ws.print_title_rows == "$3:$3" and [str(m) for m in ws.merged_cells.ranges][0] == "A1:I1"
    assert_bordered(ws, 4, 2)
    assert download_filename(r) == "飞龙中学党支部2026年1月党费收缴明细表.xlsx"


def test_annual_summary_states_the_years_total_for_the_work_summary(paid, login):
    rows = cells(login(paid.bob).get("/dues/org/BUREAU/reports/annual.xlsx?year=2026").content)
    assert rows[2][0] == "2026年江北区教育局党委党员共缴纳党费114.75元。"
    assert rows[4][0] == "江北区教育局党委" and rows[4][3] == 114.75


def test_disclosure_notice_reports_totals_and_account_check(paid, login):
    rows = cells(login(paid.alice).get("/dues/org/BRA/reports/notice.xlsx?year=2026").content)
    text = "".join(str(c) for row in rows for c in row)
    assert "关于飞龙中学党支部2026年度党费收缴、使用和管理情况的公示" in text
    assert "实收党费114.75元" in text and "账目清楚，账款相符" in text
    r = login(paid.alice).get("/dues/org/BRA/reports/notice.pdf?year=2026")
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF") and len(r.content) > 5000
    assert download_filename(r) == "关于飞龙中学党支部2026年度党费收缴、使用和管理情况的公示.pdf"
    # A4, "— 1 —", fonts embedded; the notice closes with its 落款: org, then the date in Chinese (today)
    text = assert_a4_pdf(r.content)
    tail = [ln.strip() for ln in text.split("\f")[-2 if text.endswith("\f") else -1].splitlines() if ln.strip()]
    assert tail[-3:-1] == ["飞龙中学党支部", "2026年11月22日"], tail


def test_dues_notice_is_proposed_to_disclosure_from_the_ledger_page(world, client):
    """Record once: the PUB-01 dues notice goes to 党务公开 with one click; a stranger gets 404."""
    from dangjian.disclosure.models import DisclosureItem

    client.force_login(world.charlie)
    assert client.post("/dues/org/BRA/notice/propose/", {"year": 2026}).status_code == 404
    client.force_login(world.alice)
    assert "提交党务公开" in client.get("/dues/org/BRA/ledger/").content.decode()
    r = client.post("/dues/org/BRA/notice/propose/", {"year": 2026})
    item = DisclosureItem.objects.get(org=world.branch_a, topic="dues")
    assert r.status_code == 302 and r["Location"] == f"/disclosure/item/{item.pk}/"
    assert "2026" in item.title and "党费" in item.content

"""Excel print setup, Chinese dates and download names."""

import datetime
import io
import re
from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from dangjian.lib.office import names, sheets
from dangjian.lib.office.dates import zh_date, zh_month_day
from tests.lib.office_checks import assert_a4_pdf, assert_bordered, assert_prints, docx_to_pdf, pdf_info


def _sheet(columns: int, rows: int = 60) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["飞龙中学党支部2026年度民主评议结果"])
    ws.append([f"列{c}" for c in range(columns)])
    for r in range(rows):
        ws.append([f"王芳{r}" for _ in range(columns)])
    sheets.finish_table(ws, header_row=2)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_narrow_table_prints_portrait_a_wide_one_landscape():
    narrow = assert_prints(_sheet(3)).active
    wide = assert_prints(_sheet(16)).active
    assert narrow.page_setup.orientation == "portrait"
    assert wide.page_setup.orientation == "landscape"
    assert narrow.print_title_rows == "$2:$2"  # the header repeats, the title does not
    assert [str(r) for r in narrow.merged_cells.ranges] == ["A1:C1"]
    assert narrow["A1"].font.b and narrow["A1"].font.sz == 16
    assert narrow["A2"].font.b and narrow["A2"].fill.fgColor.rgb.endswith("D9D9D9")
    assert_bordered(narrow, 2, 1)
    assert_bordered(narrow, 62, 3)
    assert narrow.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_libreoffice_prints_the_sheet_on_a4_one_page_wide():
    pdf = docx_to_pdf(_sheet(16), suffix=".xlsx")
    text = assert_a4_pdf(pdf, numbered=False)
    pages = int(pdf_info(pdf)["Pages"])
    # fit to width: 16 columns never spill onto a second page sideways, so every page shows the last column
    assert text.count("列15") == pages
    assert re.search(r"第\s*1\s*页\s*共\s*%d\s*页" % pages, text)
    assert text.count("飞龙中学党支部2026年度民主评议结果") == 1  # the title is on the first page only


def test_zh_date_examples():
    # GB/T 9704-2012 7.3.5.2: Arabic numerals, year in full, month and day without a leading zero
    assert zh_date(datetime.date(2026, 12, 31)) == "2026年12月31日"
    assert zh_date("2026-07-01") == "2026年7月1日"
    assert zh_month_day(datetime.date(2027, 1, 16)) == "1月16日"
    assert zh_date(None) == ""


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_zh_date_reads_back_to_the_same_day(day):
    m = re.fullmatch(r"(\d{4})年([1-9]\d?)月([1-9]\d?)日", zh_date(day))
    assert m and datetime.date(*map(int, m.groups())) == day


def test_download_name_and_header():
    name = names.download_name("飞龙中学党支部", 2026, "民主评议结果", "xlsx")
    assert name == "飞龙中学党支部2026年度民主评议结果.xlsx"
    resp = names.download_response(b"x", name)
    cd = resp["Content-Disposition"]
    assert resp["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # RFC 5987: UTF-8 bytes percent-encoded; 飞 is E9 A3 9E in UTF-8
    encoded = re.search(r"filename\*=UTF-8''(\S+)", cd).group(1)
    assert encoded.startswith("%E9%A3%9E") and unquote(encoded) == name
    fallback = re.search(r'filename="([^"]+)"', cd).group(1)
    assert fallback.isascii() and fallback.endswith(".xlsx") and fallback.startswith("feilong")


@given(st.text(min_size=1, max_size=30))
def test_any_name_round_trips_and_stays_a_valid_header(text):
    filename = names.clean_filename(text + ".pdf")
    cd = names.content_disposition(filename)
    assert "\n" not in cd and "\r" not in cd
    assert unquote(re.search(r"filename\*=UTF-8''(\S+)", cd).group(1)) == filename
    assert not set('\\/:*?"<>|') & set(filename)

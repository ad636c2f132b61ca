"""Roster export: 姓氏笔画 order, ID and phone as text, masking by permission, print page, PDF, CLI."""

import datetime
import io
import re
import shutil
import subprocess
import zlib

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from dangjian.members.models import Person
from tests.conftest import add_person


@pytest.fixture
def names(world):
    # Stroke counts of the surnames: 丁 2, 王 4, 李 7, 张 7 (李 before 张 by first stroke 横 vs 撇? see strokes.py), 赵 9
    add_person(world.branch_a, "赵敏", seq=10, phone="13800001111")
    add_person(world.branch_a, "张伟", seq=11, gender="male", phone="057188881234")
    add_person(world.branch_a, "马丽", seq=12)
    gone = add_person(world.branch_a, "毛离", seq=13)
    Person.objects.filter(pk=gone.pk).update(on_roll=False)
    return world


def sheet_of(data):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def data_rows(ws):
    return [row for row in ws.iter_rows(min_row=4)]


def test_export_is_sorted_by_strokes_with_id_and_phone_as_text(names, client):
    client.force_login(names.bob)  # bob may see ID numbers
    r = client.get("/orgs/BRA/roster/export.xlsx")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    ws = sheet_of(r.content)
    assert "飞龙中学党支部 党员花名册" in ws["A1"].value and "导出日期" in ws["A2"].value
    headers = [c.value for c in ws[3]]
    assert headers[:3] == ["序号", "姓名", "性别"] and "所在支部" not in headers
    rows = data_rows(ws)
    got = [row[1].value for row in rows]
    assert got == sorted(got, key=lambda n: Person.objects.get(name=n).stroke_key)
    assert (
        got[0] == "丁伟" and "毛离" not in got and len(got) == 5
    )  # 丁 has 2 strokes; people off the roll are left out
    id_col, phone_col = headers.index("公民身份号码"), headers.index("联系电话")
    zhang = next(row for row in rows if row[1].value == "张伟")
    assert zhang[id_col].data_type == "s" and zhang[id_col].value == Person.objects.get(name="张伟").id_number
    assert zhang[phone_col].data_type == "s" and zhang[phone_col].value == "057188881234"
    birth = zhang[headers.index("出生日期")]
    assert birth.is_date and birth.value.date() == datetime.date(1985, 4, 12)
    assert ws.freeze_panes == "C4"


def test_export_masks_ids_without_the_right(names, client):
    client.force_login(names.alice)
    ws = sheet_of(client.get("/orgs/BRA/roster/export.xlsx").content)
    col = [c.value for c in ws[3]].index("公民身份号码")
    for row in data_rows(ws):
        assert "********" in row[col].value


def test_bureau_export_covers_the_subtree_with_branch_column(names, client):
    client.force_login(names.bob)
    ws = sheet_of(client.get("/orgs/BUREAU/roster/export.xlsx").content)
    headers = [c.value for c in ws[3]]
    assert "所在支部" in headers
    names_out = [row[1].value for row in data_rows(ws)]
    assert "李强" not in names_out and "王芳" in names_out


def test_out_of_scope_gets_404(names, client):
    client.force_login(names.charlie)
    for url in ("/orgs/BRA/roster/export.xlsx", "/orgs/BRA/roster/print/", "/orgs/BRA/roster/roster.pdf"):
        assert client.get(url).status_code == 404, url


def test_print_page_lists_people_in_order(names, client):
    client.force_login(names.alice)
    r = client.get("/orgs/BRA/roster/print/")
    html = r.content.decode()
    assert r.status_code == 200 and "data-print" in html and "js/app.js" in html and "table-header-group" in html
    assert html.index("丁伟") < html.index("王芳") < html.index("赵敏")
    assert names.person_a.id_number not in html  # masked for alice


def pdf_text(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams, ToUnicode maps) inflated: enough to grep."""
    parts = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_pdf_is_a4_landscape_with_embedded_cjk_font_and_page_numbers(names, client):
    client.force_login(names.bob)
    r = client.get("/orgs/BRA/roster/roster.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = pdf_text(r.content)
    assert b"/FontFile" in text and b"Noto-Sans-CJK-SC" in text  # the CJK font is embedded
    assert re.search(rb"/MediaBox \[\s*0 0 841\.\d+ 595\.\d+", text)  # A4 landscape
    for name in ("丁伟", "赵敏"):  # the names' characters are in the font's ToUnicode map
        for ch in name:
            assert f"<{ord(ch):04x}>".encode() in text.lower(), ch


def test_cli_export_writes_full_ids_and_pdf(names, tmp_path, capsys):
    out, pdf_out = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    call_command("export-roster", "--org", "BRA", "--out", str(out), "--pdf", str(pdf_out))
    assert "5 人" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    col = [c.value for c in ws[3]].index("公民身份号码")
    assert {row[col].value for row in data_rows(ws)} >= {names.person_a.id_number}
    assert pdf_out.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="NOPE"):
        call_command("export-roster", "--org", "NOPE", "--out", str(out))


def test_export_round_trips_through_import(names, tmp_path, client):
    """An exported roster (full IDs) is recognised by the importer: same people, all already present."""
    from dangjian.members.roster_io.importer import validate

    client.force_login(names.bob)
    path = tmp_path / "x.xlsx"
    path.write_bytes(client.get("/orgs/BRA/roster/export.xlsx").content)
    result = validate(path, org=names.branch_a)
    assert result.header_row == 3
    assert {p.reason.split("：")[0] for p in result.problems} == {"系统中已有此公民身份号码"}
    assert len(result.problems) == 5


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (CI installs it)")
def test_pdf_text_has_names_in_order_header_on_every_page_and_page_numbers(world, client, tmp_path):
    for i in range(60):
        add_person(world.branch_a, f"张{'一二三四五六七八九十'[i % 10]}{i}", seq=100 + i)
    client.force_login(world.bob)
    path = tmp_path / "r.pdf"
    path.write_bytes(client.get("/orgs/BRA/roster/roster.pdf").content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert "公民身份号码" in page  # the table header repeats on every page
        # issue #16: every PDF numbers its pages "— 1 —" (this used to expect "第 1 页，共 N 页")
        assert re.search(rf"—\s*{n}\s*—", page), page[-200:]
    assert text.index("丁伟") < text.index("王芳") < text.index("张一0")
    assert world.person_a.id_number in text  # bob may see ID numbers


def test_too_many_people_for_a_pdf_sends_back_to_the_roster(names, client, monkeypatch):
    from dangjian.members.roster_io import pdf

    monkeypatch.setattr(pdf, "MAX_ROWS", 2)
    client.force_login(names.alice)
    r = client.get("/orgs/BRA/roster/roster.pdf", follow=True)
    assert r.redirect_chain[-1][0].endswith("/orgs/BRA/roster/") and "超过打印上限 2 人" in r.content.decode()


def test_roster_files_print_on_a4_with_chinese_names(names, client):
    """issue #16: the 花名册 and its import template print (A4, one page wide, header repeated) and download
    under a Chinese name; the PDF is A4 with "— 1 —" page numbers and its fonts embedded."""
    from tests.lib.office_checks import assert_a4_pdf, assert_bordered, assert_prints, download_filename

    client.force_login(names.bob)
    r = client.get("/orgs/BRA/roster/export.xlsx")
    ws = assert_prints(r.content).active
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"
    assert_bordered(ws, 4, 2)
    assert download_filename(r) == "飞龙中学党支部2026年11月22日党员花名册.xlsx"
    assert ws["A2"].value.startswith("导出日期：2026年11月22日")
    r = client.get("/orgs/BRA/roster/export.xlsx?on=2025-12-31")
    assert download_filename(r) == "飞龙中学党支部2025年12月31日党员花名册.xlsx"
    t = client.get("/orgs/BRA/roster/import/template.xlsx")
    assert_prints(t.content)
    assert download_filename(t) == "飞龙中学党支部党员花名册导入模板.xlsx"
    pdf = client.get("/orgs/BRA/roster/roster.pdf")
    assert download_filename(pdf) == "飞龙中学党支部2026年11月22日党员花名册.pdf"
    text = assert_a4_pdf(pdf.content)
    assert "丁伟" in text

"""文书档案: documents, the catalog index, the year-end freeze of rosters."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangjian.archive import services
from dangjian.archive.models import Document
from dangjian.members.services import person_update


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_document_with_file_and_catalog_xlsx(world, media):
    c = Client()
    c.force_login(world.alice)
    up = SimpleUploadedFile("通知.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    r = c.post(
        "/archive/org/BRA/new/",
        {
            "category": "incoming",
            "number": "江教党〔2026〕3号",
            "title": "关于开展主题党日的通知",
            "date": "2026-03-02",
            "retention": "long",
            "file": up,
        },
    )
    assert r.status_code == 302
    services.document_create(
        actor=world.alice,
        org=world.branch_a,
        category="minutes",
        title="支部党员大会记录",
        date=datetime.date(2026, 1, 15),
        source="meetings.Meeting:1",
        source_url="/meetings/1/",
    )
    body = c.get("/archive/org/BRA/?year=2026").content.decode()
    assert "关于开展主题党日的通知" in body and "通知.pdf" in body
    r = c.get("/archive/org/BRA/2026/catalog.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    titles = [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert titles == ["关于开展主题党日的通知", "支部党员大会记录"]  # 上级来文 before 会议记录
    assert c.get("/archive/org/BRA/2026/catalog.docx").status_code == 200
    charlie = Client()
    charlie.force_login(world.charlie)
    assert charlie.get("/archive/org/BRA/2026/catalog.xlsx").status_code == 404
    f = Document.objects.get(number="江教党〔2026〕3号").files.get()
    assert charlie.get(f"/archive/file/{f.pk}/").status_code == 404
    assert c.get(f"/archive/file/{f.pk}/").status_code == 200


def test_bad_document_changes_nothing(world):
    with pytest.raises(ValidationError):
        services.document_create(
            actor=world.alice, org=world.branch_a, category="nope", title="x", date=datetime.date(2026, 1, 1)
        )
    assert Document.objects.count() == 0


def test_freeze_keeps_last_years_roster(world, media):
    docs = services.freeze_year(actor=world.alice, org=world.branch_a, year=2026)
    assert {d.title for d in docs} == {
        "2026年度党员花名册",
        "2026年度新党员名册",
        "2026年度入党积极分子名册",
        "2026年度发展对象名册",
        "2026年度党员情况变更信息库",
    }
    roster = Document.objects.get(title="2026年度党员花名册").files.get()
    person_update(actor=world.alice, person=world.person_a, name="王芳芳")
    book = openpyxl.load_workbook(roster.file.open("rb"))
    cells = {str(v) for row in book.active.iter_rows(values_only=True) for v in row if v}
    assert "王芳" in cells and "王芳芳" not in cells
    with pytest.raises(ValidationError):
        services.freeze_year(actor=world.alice, org=world.branch_a, year=2026)


def test_catalog_in_three_printable_formats_with_chinese_names(world, media):
    """issue #16: catalog.pdf is a real PDF (it used to send the .xlsx bytes); every format prints on A4."""
    from tests.lib.office_checks import (
        assert_a4_pdf,
        assert_bordered,
        assert_official_docx,
        assert_prints,
        download_filename,
    )

    services.document_create(
        actor=world.alice,
        org=world.branch_a,
        category="minutes",
        title="支部党员大会记录",
        date=datetime.date(2026, 1, 15),
    )
    c = Client()
    c.force_login(world.alice)
    x = c.get("/archive/org/BRA/2026/catalog.xlsx")
    ws = assert_prints(x.content).active
    assert ws.print_title_rows == "$3:$3" and ws["A1"].value == "飞龙中学党支部2026年度文书档案目录索引"
    assert_bordered(ws, 4, 4)
    assert download_filename(x) == "飞龙中学党支部2026年度文书档案目录索引.xlsx"
    d = c.get("/archive/org/BRA/2026/catalog.docx")
    doc = assert_official_docx(d.content, title="飞龙中学党支部2026年度文书档案目录索引", author="飞龙中学党支部")
    assert [cell.text for cell in doc.tables[0].rows[1].cells][3:5] == ["支部党员大会记录", "2026年1月15日"]
    p = c.get("/archive/org/BRA/2026/catalog.pdf")
    assert p["Content-Type"] == "application/pdf" and p.content.startswith(b"%PDF")
    assert download_filename(p) == "飞龙中学党支部2026年度文书档案目录索引.pdf"
    text = assert_a4_pdf(p.content)
    assert "支部党员大会记录" in text and "2026年1月15日" in text
    assert c.get("/archive/org/BRA/2026/catalog.zip").status_code == 404


def test_frozen_rosters_print_and_carry_chinese_names(world, media):
    from tests.lib.office_checks import assert_prints

    docs = services.freeze_year(actor=world.alice, org=world.branch_a, year=2026)
    for d in docs:
        f = d.files.get()
        assert f.name == f"飞龙中学党支部{d.title}.xlsx"
        assert_prints(f.file.open("rb").read())

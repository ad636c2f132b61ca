"""会议记录本 as .docx and PDF: every meeting in order with attendance, minutes, resolutions; the 党课 list."""

import datetime
import io

from docx import Document

from dangjian.meetings.services import attendance_set, meeting_void
from tests.lib.office_checks import assert_a4_pdf, assert_official_docx, docx_to_pdf, download_filename

from .conftest import hold

D = datetime.date


def _book(world):
    m1 = hold(
        world.branch_a,
        "committee_meeting",
        D(2025, 3, 5),
        topic="研究年度工作计划",
        minutes="王芳传达上级会议精神。",
        resolutions="通过年度工作计划。",
    )
    attendance_set(
        actor=None,
        meeting=m1,
        rows=[
            {"person_id": world.person_a.pk, "status": "present"},
            {"person_id": world.person_dave.pk, "status": "leave", "reason": "外出培训"},
            {"person_id": world.zhang.pk, "status": "present"},
        ],
    )
    hold(world.branch_a, "party_lecture", D(2025, 2, 20), topic="党章学习", lecturer=world.person_dave)
    voided = hold(world.branch_a, "theme_day", D(2025, 4, 1), topic="重复登记的主题党日")
    meeting_void(actor=None, meeting=voided, reason="重复")


def test_docx_lists_meetings_in_order_with_attendance_and_the_lecture_list(committee, login):
    _book(committee)
    resp = login(committee.alice).get("/meetings/org/BRA/book/2025.docx")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert text.index("党章学习") < text.index("研究年度工作计划")  # in date order
    assert "请假：丁伟（外出培训）" in text
    assert "出席：王芳、张敏" in text or "出席：张敏、王芳" in text
    assert "通过年度工作计划。" in text and "王芳传达上级会议精神。" in text
    assert "重复登记的主题党日" not in text  # voided records are not in the book
    # issue #16: rule codes and gaps are 检查提示 on the page, not sentences of the book (this test used to
    # expect "LIFE-05" inside the document)
    assert "LIFE-05" not in text and "尚未讲党课" not in text and "（未填写）" not in text
    table = Document(io.BytesIO(resp.content)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["2025年2月20日", "党章学习", "丁伟"]


def test_book_page_lists_the_gaps_for_the_secretary(committee, login):
    _book(committee)
    page = login(committee.alice).get("/meetings/org/BRA/book/2025/")
    assert page.status_code == 200
    hints = [h["text"] for h in page.context["hints"]]
    # the 党课 has no minutes: named on the page with its date (and a link to add them), and the secretary has
    # not lectured (LIFE-05)
    assert hints[0].startswith("1次会议没有会议记录正文")
    assert any("2025年2月20日" in h and "党章学习" in h for h in hints)
    assert not any("研究年度工作计划" in h for h in hints)  # that meeting has minutes
    assert any("支部书记王芳本年度尚未讲党课" in h and "LIFE-05" in h for h in hints)
    assert page.context["hints"][1]["url"].startswith("/meetings/")
    assert "检查提示" in page.content.decode()


def test_book_without_minutes_prints_what_the_record_has(committee, login):
    m = hold(committee.branch_a, "general_meeting", D(2025, 5, 12), topic="学习党章")
    m.place = "学校会议室"
    m.save(update_fields=["place"])
    resp = login(committee.alice).get("/meetings/org/BRA/book/2025.docx")
    doc = assert_official_docx(resp.content, author=committee.branch_a.name)
    assert download_filename(resp) == f"{committee.branch_a.name}2025年度会议记录本.docx"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "时间：2025年5月12日" in text and "地点：学校会议室" in text and "学习党章" in text
    assert "未填写" not in text and "—" not in text.replace("— ", "")
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["一、会议记录"] == "Heading 1" and styles["（一）支部党员大会：学习党章"] == "Heading 2"
    pdf = login(committee.alice).get("/meetings/org/BRA/book/2025.pdf")
    assert download_filename(pdf) == f"{committee.branch_a.name}2025年度会议记录本.pdf"
    text = assert_a4_pdf(pdf.content)
    assert "学习党章" in text and "未填写" not in text


def test_docx_book_renders_on_a4_in_libreoffice(committee, login):
    _book(committee)
    resp = login(committee.alice).get("/meetings/org/BRA/book/2025.docx")
    text = assert_a4_pdf(docx_to_pdf(resp.content))
    assert "党章学习" in text and "LIFE-05" not in text


def test_secretary_lecture_is_recognised(committee):
    from dangjian.meetings.recordbook import collect

    hold(committee.branch_a, "party_lecture", D(2025, 6, 20), topic="书记讲党课", lecturer=committee.person_a)
    assert collect(committee.branch_a, 2025)["secretary_lectured"] is True


def test_pdf_is_a_pdf_with_the_cjk_font_embedded(committee, login):
    _book(committee)
    resp = login(committee.alice).get("/meetings/org/BRA/book/2025.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    assert b"Noto-Sans-CJK-SC" in _inflated(resp.content)


def _inflated(pdf: bytes) -> bytes:
    """All FlateDecode streams of a PDF, decompressed (font names live in compressed object streams)."""
    import re
    import zlib

    out = b""
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out += zlib.decompress(m.group(1))
        except zlib.error:
            continue
    return out

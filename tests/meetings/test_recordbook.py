"""会议记录本 as .docx and PDF: every meeting in order with attendance, minutes, resolutions; the 党课 list."""
import datetime
import io

from docx import Document

from dangjian.meetings.services import attendance_set, meeting_void

from .conftest import hold

D = datetime.date


def _book(world):
    m1 = hold(world.branch_a, "committee_meeting", D(2025, 3, 5), topic="研究年度工作计划",
              minutes="王芳传达上级会议精神。", resolutions="通过年度工作计划。")
    attendance_set(actor=None, meeting=m1, rows=[
        {"person_id": world.person_a.pk, "status": "present"},
        {"person_id": world.person_dave.pk, "status": "leave", "reason": "外出培训"},
        {"person_id": world.zhang.pk, "status": "present"}])
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
    assert "支部书记王芳本年度尚未讲党课" in text and "LIFE-05" in text
    table = Document(io.BytesIO(resp.content)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["2025-02-20", "党章学习", "丁伟"]


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

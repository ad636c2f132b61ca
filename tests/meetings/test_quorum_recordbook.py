"""The 会议记录本 states 应到 as who should have attended (the committee in office), not the rows marked:
a 支委会 of 3 委员 (王芳, 丁伟, 张敏) where 王芳 and 张敏 came, 丁伟 was never marked and 钱列 (not a 委员)
sat in → 应到3人，实到2人，缺席 丁伟（未登记），列席 钱列. Worked by hand from the fixture."""

import datetime
import io

from docx import Document

from dangjian.meetings.services import attendance_set
from tests.conftest import add_person

from .conftest import hold

D = datetime.date


def test_record_book_counts_the_committee_not_the_marked_rows(committee, login):
    w = committee
    qian = add_person(w.branch_a, "钱列", actor=w.admin, seq=21)
    meeting = hold(w.branch_a, "committee_meeting", D(2025, 3, 5), topic="研究年度工作计划")
    attendance_set(
        actor=None,
        meeting=meeting,
        rows=[
            {"person_id": w.person_a.pk, "status": "present"},
            {"person_id": w.zhang.pk, "status": "present"},
            {"person_id": qian.pk, "status": "present"},
        ],
    )
    resp = login(w.alice).get("/meetings/org/BRA/book/2025.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "应到3人，实到2人，请假0人，缺席1人" in text
    assert "缺席：丁伟（未登记）" in text and "列席：钱列" in text

"""会议记录本: every meeting of an org and year in order, with attendance, minutes and resolutions, and the
党课 list (LIFE-05: did the secretary give at least one 党课 this year?). As .docx and as PDF."""
import io

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.findings import citation

from .models import Attendance, AttendanceStatus, Kind, Meeting
from .selectors import expected_people, secretary_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CJK_FONT = "Noto Sans CJK SC"


def collect(org, year: int) -> dict:
    atts = Attendance.objects.select_related("person").order_by("person__stroke_key", "person_id")
    meetings = list(Meeting.objects.filter(org_id__in=subtree_ids(org), year=year, voided=False)
                    .select_related("org", "group", "host", "recorder", "lecturer")
                    .prefetch_related(Prefetch("attendances", queryset=atts)).order_by("starts_at", "id"))
    items = []
    for m in meetings:
        rows = list(m.attendances.all())
        # 应到 is who should have attended that day (selectors.expected_people), not the rows marked; those
        # expected but never marked are absent. Those present but not expected (列席) are listed, not counted.
        expected = expected_people(m)
        marked = {a.person_id for a in rows}
        unmarked = [f"{p.name}（未登记）" for p in expected if p.id not in marked] if m.attendance_recorded else []
        ids = {p.id for p in expected}
        items.append({
            "m": m, "when": timezone.localtime(m.starts_at),
            "present": [a.person.name for a in rows if a.status == AttendanceStatus.PRESENT and a.person_id in ids],
            "observers": [a.person.name for a in rows if a.status == AttendanceStatus.PRESENT and a.person_id not in ids],
            "leave": [f"{a.person.name}（{a.reason}）" for a in rows if a.status == AttendanceStatus.LEAVE],
            "absent": [a.person.name + (f"（{a.reason}）" if a.reason else "") for a in rows
                       if a.status == AttendanceStatus.ABSENT] + unmarked,
            "expected": len(expected),
        })
    lectures = [i for i in items if i["m"].kind == Kind.PARTY_LECTURE]
    secretary = secretary_of(org)
    secretary_lectured = bool(secretary and any(i["m"].lecturer_id == secretary.id for i in lectures))
    return {"org": org, "year": year, "items": items, "lectures": lectures, "secretary": secretary,
            "secretary_lectured": secretary_lectured, "lecture_rule": citation("LIFE-05"),
            "generated": timezone.localtime()}


def _set_font(run, size=None, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = CJK_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _para(doc, text, size=10.5, bold=False, style=None):
    p = doc.add_paragraph(style=style)
    _set_font(p.add_run(text), size, bold)
    return p


def to_docx(data: dict) -> bytes:
    from docx import Document

    doc = Document()
    title = _para(doc, f"{data['org'].name}", 18, True)
    title.alignment = 1
    sub = _para(doc, f"{data['year']}年 会议记录本", 16, True)
    sub.alignment = 1
    for n, item in enumerate(data["items"], start=1):
        m = item["m"]
        _para(doc, f"{n}. {m.get_kind_display()}：{m.topic}", 13, True)
        lines = [
            f"时间：{item['when']:%Y年%m月%d日 %H:%M}    地点：{m.place or '—'}",
            f"主持人：{m.host.name if m.host_id else '—'}    记录人：{m.recorder.name if m.recorder_id else '—'}",
        ]
        if m.group_id:
            lines.append(f"党小组：{m.group.name}")
        if m.kind == Kind.PARTY_LECTURE:
            lines.append(f"授课人：{m.lecturer_display or '—'}")
        lines.append(f"应到{item['expected']}人，实到{len(item['present'])}人，请假{len(item['leave'])}人，"
                     f"缺席{len(item['absent'])}人")
        lines.append(f"出席：{'、'.join(item['present']) or '—'}")
        if item["observers"]:
            lines.append(f"列席：{'、'.join(item['observers'])}")
        if item["leave"]:
            lines.append(f"请假：{'、'.join(item['leave'])}")
        if item["absent"]:
            lines.append(f"缺席：{'、'.join(item['absent'])}")
        if m.study_hours:
            lines.append(f"学时：{m.study_hours}")
        for line in lines:
            _para(doc, line)
        for label, text in (("议程", m.agenda), ("会议记录", m.minutes), ("决议事项", m.resolutions)):
            if text:
                _para(doc, f"{label}：", 10.5, True)
                for chunk in text.splitlines():
                    _para(doc, chunk)
    _para(doc, f"{data['year']}年党课一览", 13, True)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("日期", "主题", "授课人")):
        _set_font(cell.paragraphs[0].add_run(text), 10.5, True)
    for item in data["lectures"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, (f"{item['when']:%Y-%m-%d}", item["m"].topic, item["m"].lecturer_display or "—")):
            _set_font(cell.paragraphs[0].add_run(text))
    _para(doc, _secretary_line(data))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _secretary_line(data) -> str:
    if data["secretary"] is None:
        return "未录入支部书记，无法核对书记讲党课情况。"
    if data["secretary_lectured"]:
        return f"支部书记{data['secretary'].name}本年度已讲党课。"
    return f"支部书记{data['secretary'].name}本年度尚未讲党课{data['lecture_rule']}。"


def to_pdf(data: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("meetings/recordbook_pdf.html", {**data, "secretary_line": _secretary_line(data),
                                                              "font": CJK_FONT})
    return HTML(string=html).write_pdf()

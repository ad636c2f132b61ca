"""会议记录本: every meeting of an org and year in order, with attendance, minutes and resolutions, and the
党课 list. As an official .docx (dangjian.lib.office.word) and as an A4 PDF.

The book prints what each record has; a meeting without minutes is printed with its time, place and attendance
and named in ``hints`` (检查提示, shown on the page), never filled with a placeholder. Rule citations (LIFE-05:
did the secretary give a 党课?) are hints too, not text of the book."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from dangjian.lib import clock
from dangjian.lib.office import docx_fonts, word
from dangjian.lib.office.dates import zh_date, zh_numeral
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.findings import citation

from .models import Attendance, AttendanceStatus, Kind, Meeting
from .selectors import expected_people, secretary_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def collect(org, year: int) -> dict:
    atts = Attendance.objects.select_related("person").order_by("person__stroke_key", "person_id")
    meetings = list(
        Meeting.objects.filter(org_id__in=subtree_ids(org), year=year, voided=False)
        .select_related("org", "group", "host", "recorder", "lecturer")
        .prefetch_related(Prefetch("attendances", queryset=atts))
        .order_by("starts_at", "id")
    )
    items = []
    for m in meetings:
        rows = list(m.attendances.all())
        # 应到 is who should have attended that day (selectors.expected_people), not the rows marked; those
        # expected but never marked are absent. Those present but not expected (列席) are listed, not counted.
        expected = expected_people(m)
        marked = {a.person_id for a in rows}
        unmarked = [f"{p.name}（未登记）" for p in expected if p.id not in marked] if m.attendance_recorded else []
        ids = {p.id for p in expected}
        items.append(
            {
                "m": m,
                "when": timezone.localtime(m.starts_at),
                "present": [a.person.name for a in rows if a.status == AttendanceStatus.PRESENT and a.person_id in ids],
                "observers": [
                    a.person.name for a in rows if a.status == AttendanceStatus.PRESENT and a.person_id not in ids
                ],
                "leave": [f"{a.person.name}（{a.reason}）" for a in rows if a.status == AttendanceStatus.LEAVE],
                "absent": [
                    a.person.name + (f"（{a.reason}）" if a.reason else "")
                    for a in rows
                    if a.status == AttendanceStatus.ABSENT
                ]
                + unmarked,
                "expected": len(expected),
            }
        )
    lectures = [i for i in items if i["m"].kind == Kind.PARTY_LECTURE]
    secretary = secretary_of(org)
    secretary_lectures = sum(1 for i in lectures if secretary and i["m"].lecturer_id == secretary.id)
    return {
        "org": org,
        "year": year,
        "items": items,
        "lectures": lectures,
        "secretary": secretary,
        "secretary_lectured": secretary_lectures > 0,
        "secretary_lectures": secretary_lectures,
        "lecture_rule": citation("LIFE-05"),
        "generated": clock.local_now(),
    }


def _when(item) -> str:
    when = item["when"]
    return f"{zh_date(when)} {when:%H:%M}"


def _fields(item) -> list[str]:
    """What the record has, as the 记录本 prints it: time and place, people, attendance."""
    m = item["m"]
    lines = [f"时间：{_when(item)}" + (f"　　地点：{m.place}" if m.place else "")]
    people = []
    if m.host_id:
        people.append(f"主持人：{m.host.name}")
    if m.recorder_id:
        people.append(f"记录人：{m.recorder.name}")
    if m.group_id:
        people.append(f"党小组：{m.group.name}")
    if m.kind == Kind.PARTY_LECTURE and m.lecturer_display:
        people.append(f"授课人：{m.lecturer_display}")
    if people:
        lines.append("　　".join(people))
    if m.attendance_recorded or item["present"]:
        lines.append(
            f"应到{item['expected']}人，实到{len(item['present'])}人，请假{len(item['leave'])}人，"
            f"缺席{len(item['absent'])}人"
        )
        if item["present"]:
            lines.append(f"出席：{'、'.join(item['present'])}")
    if item["observers"]:
        lines.append(f"列席：{'、'.join(item['observers'])}")
    if item["leave"]:
        lines.append(f"请假：{'、'.join(item['leave'])}")
    if item["absent"]:
        lines.append(f"缺席：{'、'.join(item['absent'])}")
    if m.study_hours:
        hours = m.study_hours.normalize() if m.study_hours == m.study_hours.to_integral() else m.study_hours
        lines.append(f"学时：{hours:f}")
    return lines


def _texts(m) -> list[tuple[str, str]]:
    return [
        (label, text.strip())
        for label, text in (("议程", m.agenda), ("会议记录", m.minutes), ("决议事项", m.resolutions))
        if text and text.strip()
    ]


def _heading(n: int, item) -> str:
    return f"（{zh_numeral(n)}）{item['m'].get_kind_display()}：{item['m'].topic}"


def to_docx(data: dict) -> bytes:
    org, year = data["org"], data["year"]
    doc = word.official_document(
        title=f"{org.name}{year}年会议记录本", author=org.name, subject="会议记录本", keywords="三会一课"
    )
    word.add_title(doc, f"{org.name}\n{year}年会议记录本")
    word.add_heading(doc, "一、会议记录", 1)
    if not data["items"]:
        word.add_body(doc, f"{year}年没有会议记录。")
    for n, item in enumerate(data["items"], start=1):
        word.add_heading(doc, _heading(n, item), 2)
        for line in _fields(item):
            word.add_plain(doc, line)
        for label, text in _texts(item["m"]):
            word.add_heading(doc, f"{label}：", 3)
            for chunk in text.splitlines():
                if chunk.strip():
                    word.add_body(doc, chunk.strip())
    word.add_heading(doc, f"二、{year}年党课一览", 1)
    if data["lectures"]:
        word.add_table(
            doc,
            ["日期", "主题", "授课人"],
            [[zh_date(i["when"]), i["m"].topic, i["m"].lecturer_display or ""] for i in data["lectures"]],
            widths_mm=[40, 80, 36],
        )
    else:
        word.add_body(doc, f"{year}年没有党课记录。")
    line = _secretary_line(data)
    if line:
        word.add_body(doc, line)
    return word.to_bytes(doc)


def _secretary_line(data) -> str:
    """A fact for the document, or nothing (the gap goes to the 检查提示, not into the book)."""
    if data["secretary"] is not None and data["secretary_lectured"]:
        return f"支部书记{data['secretary'].name}本年度讲党课{data['secretary_lectures']}次。"
    return ""


def hints(data) -> list[dict]:
    """检查提示 for the secretary, shown on the book's page, never printed in the book: {"text", "url"}."""
    from django.urls import reverse

    out = []
    missing = [(n, item) for n, item in enumerate(data["items"], start=1) if not (item["m"].minutes or "").strip()]
    if missing:
        out.append(
            {"text": f"{len(missing)}次会议没有会议记录正文，记录本中只印出时间、地点和出席情况，请补录：", "url": ""}
        )
        out += [
            {
                "text": f"第{n}次 {zh_date(item['when'])} {item['m'].get_kind_display()}“{item['m'].topic}”",
                "url": reverse("meetings:detail", args=[item["m"].pk]),
            }
            for n, item in missing
        ]
    if data["secretary"] is None:
        out.append({"text": "尚未登记支部书记，无法核对书记讲党课情况。", "url": ""})
    elif not data["secretary_lectured"]:
        out.append({"text": f"支部书记{data['secretary'].name}本年度尚未讲党课{data['lecture_rule']}。", "url": ""})
    return out


def to_pdf(data: dict) -> bytes:
    from weasyprint import HTML

    items = [
        {**item, "heading": _heading(n, item), "fields": _fields(item), "texts": _texts(item["m"])}
        for n, item in enumerate(data["items"], start=1)
    ]
    html = render_to_string(
        "meetings/recordbook_pdf.html",
        {
            **data,
            "items": items,
            "secretary_line": _secretary_line(data),
            "lecture_rows": [
                (zh_date(i["when"]), i["m"].topic, i["m"].lecturer_display or "") for i in data["lectures"]
            ],
            "body_font": docx_fonts.CSS_FAMILIES[docx_fonts.FANGSONG],
            "heading_font": docx_fonts.CSS_FAMILIES[docx_fonts.HEITI],
            "title_font": docx_fonts.CSS_FAMILIES[docx_fonts.XIAOBIAOSONG],
            "kai_font": docx_fonts.CSS_FAMILIES[docx_fonts.KAITI],
        },
    )
    return HTML(string=html).write_pdf()

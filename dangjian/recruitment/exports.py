"""Yearly rosters (入党申请人/积极分子/发展对象/预备党员名册) as .xlsx with xlsxwriter."""
import io

import xlsxwriter

COLUMNS = [
    ("姓名", lambda c: c.person.name, 10),
    ("性别", lambda c: c.person.get_gender_display(), 6),
    ("出生日期", lambda c: c.person.birth_date, 12),
    ("学历", lambda c: c.person.get_education_display(), 10),
    ("所在支部", lambda c: c.org.name, 22),
    ("递交申请书", lambda c: c.d_application, 12),
    ("确定积极分子", lambda c: c.d_activist_selected, 12),
    ("确定发展对象", lambda c: c.d_candidate_selected, 12),
    ("支部大会通过（入党时间）", lambda c: c.d_branch_meeting, 14),
    ("当前阶段", lambda c: c.get_stage_display(), 12),
]


def roster_xlsx(title: str, rows) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("名册")
    head = book.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#F2F2F2"})
    cell = book.add_format({"border": 1})
    day = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    title_fmt = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    sheet.merge_range(0, 0, 0, len(COLUMNS), title, title_fmt)
    sheet.write(1, 0, "序号", head)
    for col, (label, _, width) in enumerate(COLUMNS, start=1):
        sheet.write(1, col, label, head)
        sheet.set_column(col, col, width)
    for i, case in enumerate(rows, start=1):
        sheet.write_number(i + 1, 0, i, cell)
        for col, (_, get, _) in enumerate(COLUMNS, start=1):
            value = get(case)
            if value is None or value == "":
                sheet.write_blank(i + 1, col, None, cell)
            elif hasattr(value, "isoformat"):
                sheet.write_datetime(i + 1, col, value, day)
            else:
                sheet.write(i + 1, col, value, cell)
    sheet.freeze_panes(2, 0)
    book.close()
    return buf.getvalue()

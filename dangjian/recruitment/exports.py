"""Yearly rosters (入党申请人/积极分子/发展对象/预备党员名册) as .xlsx with xlsxwriter."""

import io

import xlsxwriter

from dangjian.lib.office import sheets

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
    f = sheets.xw_formats(book)
    head, cell = f["head"], f["cell"]
    day = book.add_format({"border": 1, "num_format": "yyyy-mm-dd", "font_name": "宋体", "align": "center"})
    sheet.set_column(0, 0, 6)
    sheets.xw_title(sheet, title, len(COLUMNS), fmt=f["title"])
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
    sheets.xw_print_setup(sheet, header_row=1, last_col=len(COLUMNS))
    book.close()
    return buf.getvalue()

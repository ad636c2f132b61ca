"""Write the tables as one workbook: each table in the form's layout, then its 说明/名单 sheet; A4 print."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

from dangjian.lib.office.dates import zh_date
from dangjian.lib.office.sheets import HEADER_FILL, print_setup

from .sheet import Table

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
TITLE = Font(name="宋体", size=16, bold=True)
HEAD = Font(name="宋体", size=10, bold=True)
BODY = Font(name="宋体", size=10)


# One named style per kind of cell, set once per cell: a bureau's lists run to thousands of rows, and setting
# font, alignment and border one by one costs openpyxl a style lookup each.
def _styles() -> list[NamedStyle]:
    """Fresh per workbook (a named style binds to the workbook it is added to)."""
    return [
        NamedStyle("表头", font=HEAD, alignment=CENTER, border=BOX, fill=HEADER_FILL),
        NamedStyle("数字", font=BODY, alignment=CENTER, border=BOX),
        NamedStyle("文字", font=BODY, alignment=LEFT, border=BOX),
    ]


def _print(ws, *, header: tuple[int, int], width: int):
    """A4, orientation by width, one page wide, the header rows repeated on every page, page numbers (the
    shared print setup; the cells carry the shared look: borders, grey bold header, 16 pt title)."""
    print_setup(ws, title_rows=2, header_row=header, last_col=width)


def _heading(ws, title: str, unit: str, day: str, width: int):
    ws.cell(1, 1, title).font = TITLE
    ws.cell(1, 1).alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 30
    half = max(1, width // 2)
    ws.cell(2, 1, f"填报单位：{unit}").font = BODY
    ws.cell(2, 1).alignment = LEFT
    if half > 1:
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half)
    ws.cell(2, half + 1 if width > 1 else 1, f"统计截止日期：{day}").font = BODY
    if width > 1:
        ws.cell(2, half + 1).alignment = RIGHT
        if width > half + 1:
            ws.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=width)


def _width(value) -> float:
    """Printed width in Excel units: a CJK character about 2, a digit or Latin letter about 1.1."""
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in str(value or ""))


def _cell(ws, row, col, value, *, style="数字"):
    c = ws.cell(row, col, value)
    c.style = style
    return c


def form_sheet(wb, t: Table, unit: str, day: str, extra_remarks: list[str]):
    ws = wb.create_sheet(t.sheet)
    width = len(t.columns) + 1
    _heading(ws, t.title, unit, day, width)
    grouped = any(g for g, _ in t.columns)
    top, bottom = 3, 4 if grouped else 3
    _cell(ws, top, 1, t.first_label, style="表头")
    if grouped:
        _cell(ws, bottom, 1, None, style="表头")
        ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    col = 2
    while col <= width:
        group, label = t.columns[col - 2]
        if group is None:
            _cell(ws, top, col, label, style="表头")
            if grouped:
                _cell(ws, bottom, col, None, style="表头")
                ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
            col += 1
            continue
        end = col
        while end + 1 <= width and t.columns[end - 1][0] == group:
            end += 1
        _cell(ws, top, col, group, style="表头")
        for c in range(col, end + 1):
            if c > col:
                _cell(ws, top, c, None, style="表头")
            _cell(ws, bottom, c, t.columns[c - 2][1], style="表头")
        if end > col:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        col = end + 1
    r = bottom + 1
    for row in t.rows:
        for c, v in enumerate(row, 1):
            _cell(ws, r, c, v, style="文字" if c == 1 else "数字")
        r += 1
    remarks = t.remarks + extra_remarks
    if remarks:
        r += 1
        for n, line in enumerate(remarks, 1):
            ws.cell(r, 1, f"{'说明：' if n == 1 else '　　　'}{n}. {line}").font = BODY
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
    r += 1
    ws.cell(
        r, 1, "单位负责人：　　　　　　填表人：　　　　　　联系电话：　　　　　　报出日期：　　　　年　　月　　日"
    ).font = BODY
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.column_dimensions["A"].width = max(14, min(30, max((len(str(x[0])) for x in t.rows), default=4) * 2 + 2))
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = max(7, min(14, len(t.columns[c - 2][1]) * 2 + 1))
    ws.row_dimensions[bottom].height = 42
    ws.freeze_panes = ws.cell(bottom + 1, 2)
    _print(ws, header=(top, bottom), width=width)
    return ws


def notes_sheet(wb, t: Table, unit: str, day: str):
    ws = wb.create_sheet(t.notes_title[:31])
    width = len(t.notes_columns)
    _heading(ws, t.notes_title, unit, day, width)
    for c, label in enumerate(t.notes_columns, 1):
        _cell(ws, 3, c, label, style="表头")
    for r, row in enumerate(t.notes, 4):
        for c, v in enumerate(row, 1):
            _cell(ws, r, c, v, style="文字")
    if len(t.notes) == 1 and t.notes[0][0] == "本表没有需要说明的问题" and width > 1:
        ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    merged_note = len(t.notes) == 1 and t.notes[0][0] == "本表没有需要说明的问题"
    for c, label in enumerate(t.notes_columns, 1):
        values = [] if merged_note else [row[c - 1] for row in t.notes]
        longest = max(_width(v) for v in values + [label])
        ws.column_dimensions[get_column_letter(c)].width = max(8, min(60, longest + 2))
    _print(ws, header=(3, 3), width=width)
    return ws


def workbook(tables: list[Table], *, unit: str, snapshot, title: str, extra_remarks: list[str]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for style in _styles():
        wb.add_named_style(style)
    day = zh_date(snapshot)
    for n, t in enumerate(tables):
        form_sheet(wb, t, unit, day, extra_remarks if n == 0 else [])  # said once, on the first table
        if t.notes_title:
            notes_sheet(wb, t, unit, day)
    wb.properties.title = title
    wb.properties.creator = unit
    wb.properties.subject = "党内统计年报"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

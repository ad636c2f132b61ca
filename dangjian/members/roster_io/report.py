"""A copy of the uploaded sheet with every bad cell filled red and commented with its reason."""

import datetime
import io
from collections import defaultdict

import xlsxwriter

from dangjian.lib.office import sheets

from .importer import Result

COMMENT_LIMIT = 2000


def _write(sheet, row: int, col: int, value, fmt, date_fmt):
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, (datetime.date, datetime.datetime)):
        sheet.write_datetime(row, col, value, date_fmt)
    elif value is None or value == "":
        if fmt is not None:
            sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def error_workbook(result: Result) -> bytes:
    grid = result.grid
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet((result.sheet or "花名册")[:31])
    bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "border": 1, "border_color": "#C00000"})
    bad_date = book.add_format(
        {
            "bg_color": "#FFC7CE",
            "font_color": "#9C0006",
            "border": 1,
            "border_color": "#C00000",
            "num_format": "yyyy-mm-dd",
        }
    )
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    note_fmt = book.add_format({"font_color": "#9C0006", "text_wrap": True})
    by_cell: dict[tuple[int, int], list[str]] = defaultdict(list)
    by_row: dict[int, list[str]] = defaultdict(list)
    name_col = next((c for c, f in result.columns.items() if f == "name"), 0)
    for p in result.problems:
        by_row[p.row].append(f"「{p.column}」{p.reason}")
        col = p.col if p.col is not None else name_col  # an absent column: mark the row's name cell
        by_cell[(p.row - 1, col)].append(p.reason if p.col is not None else f"「{p.column}」{p.reason}")
    width = max((len(r) for r in grid), default=0)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            marked = (r, c) in by_cell
            _write(sheet, r, c, value, bad if marked else None, bad_date if marked else date_fmt)
    for n, ((r, c), reasons) in enumerate(by_cell.items()):
        if r >= len(grid) or c >= len(grid[r]):
            sheet.write_blank(r, c, None, bad)
        if n < COMMENT_LIMIT:  # past that the red fill and the 错误说明 column say it; comments are slow
            sheet.write_comment(r, c, "\n".join(reasons), {"x_scale": 2.5, "y_scale": 1.5})
    head = result.header_row - 1
    sheet.write_string(head, width, "错误说明", bad)
    for row, reasons in by_row.items():
        sheet.write_string(row - 1, width, "；".join(reasons), note_fmt)
    sheet.set_column(width, width, 60)
    if head >= 0:
        sheet.freeze_panes(head + 1, 0)
        sheets.xw_print_setup(sheet, header_row=head, last_col=width)
    listing = book.add_worksheet("问题清单")
    for c, text in enumerate(["行号", "列", "值", "原因"]):
        listing.write_string(0, c, text, bad)
    for i, p in enumerate(result.problems, start=1):
        listing.write_number(i, 0, p.row)
        listing.write_string(i, 1, p.column)
        listing.write_string(i, 2, p.value)
        listing.write_string(i, 3, p.reason)
    listing.set_column(1, 2, 20)
    listing.set_column(3, 3, 70)
    sheets.xw_print_setup(listing, header_row=0, last_col=3)
    book.close()
    return out.getvalue()

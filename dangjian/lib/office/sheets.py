"""Excel sheets that print: A4, orientation by width, one page wide, header row repeated, borders, page numbers.

Call ``style_table`` on the table's cells, then ``print_setup`` on the sheet (print_setup reads the column
widths to choose the orientation, so set widths first; ``fit_columns`` estimates them from the contents).
"""

import datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from dangjian.lib.office.dates import zh_date

# Printable width of A4 portrait with the margins below is ~190 mm; an Excel width unit is ~2 mm
# (8.43 units print as ~18 mm). Wider tables go landscape (277 mm wide), fit-to-width does the rest.
PORTRAIT_MAX_UNITS = 95
DEFAULT_WIDTH = 8.43
FOOTER = "第 &P 页 共 &N 页"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FONT = Font(name="宋体", bold=True, size=11)
BODY_FONT = Font(name="宋体", size=11)
TITLE_FONT = Font(name="宋体", bold=True, size=16)


def used_width(ws, last_col: int | None = None) -> float:
    """Sum of the column widths (Excel units) of the used columns."""
    last_col = last_col or ws.max_column
    total = 0.0
    for col in range(1, last_col + 1):
        dim = ws.column_dimensions.get(get_column_letter(col))
        if dim is not None and dim.hidden:
            continue
        width = dim.width if dim is not None and dim.width else DEFAULT_WIDTH
        total += width
    return total


def print_setup(
    ws,
    *,
    title_rows: int = 1,
    header_row: int | tuple[int, int] | None = None,
    landscape: bool | None = None,
    last_col: int | None = None,
):
    """Page setup for printing ``ws`` on A4.

    ``title_rows`` rows of title sit above the table (printed on the first page only); ``header_row`` (default:
    the row after the title; a (first, last) pair for a two-row header) repeats on every page. ``landscape``
    None chooses by the used width.
    """
    if header_row is None:
        header_row = title_rows + 1
    first, last = header_row if isinstance(header_row, tuple) else (header_row, header_row)
    if landscape is None:
        landscape = used_width(ws, last_col) > PORTRAIT_MAX_UNITS
    ps = ws.page_setup
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape" if landscape else "portrait"
    ps.fitToWidth = 1
    ps.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.max_row > last:
        ws.print_title_rows = f"{first}:{last}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 10
    ws.evenFooter.center.text = FOOTER
    return ws


def style_table(
    ws,
    header_row: int,
    first_row: int,
    last_row: int,
    first_col: int,
    last_col: int,
    *,
    title_row: int | None = None,
    wrap: bool = True,
):
    """Thin borders on every cell of the table, a bold grey header, the title merged across and bold 16 pt.

    ``title_row`` defaults to row 1 when the header is below it and row 1 holds a title in its first cell.
    """
    if title_row is None and header_row > 1 and ws.cell(row=1, column=first_col).value not in (None, ""):
        title_row = 1
    if title_row:
        cell = ws.cell(row=title_row, column=first_col)
        already = any(title_row in range(r.min_row, r.max_row + 1) for r in ws.merged_cells.ranges)
        if last_col > first_col and not already:
            ws.merge_cells(start_row=title_row, start_column=first_col, end_row=title_row, end_column=last_col)
        cell.font = TITLE_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[title_row].height = 30
    for row in range(header_row, last_row + 1):
        is_header = row < first_row
        for col in range(first_col, last_col + 1):
            cell = ws.cell(row=row, column=col)
            cell.border = BORDER
            if is_header:
                cell.font = HEADER_FONT
                cell.fill = HEADER_FILL
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            else:
                if cell.font is None or not cell.font.b:
                    cell.font = BODY_FONT
                horizontal = cell.alignment.horizontal if cell.alignment is not None else None
                cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    return ws


def _text_width(value) -> float:
    """Display width in Excel units: a CJK character is about 2 units, ASCII 1.1."""
    if value is None:
        return 0
    text = str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in longest)


def fit_columns(
    ws, *, first_row: int = 1, min_width: float = 6, max_width: float = 40, skip_rows: tuple[int, ...] = ()
):
    """Column widths from the contents (merged title rows excluded via ``skip_rows``)."""
    widths: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.row in skip_rows or cell.value in (None, ""):
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _text_width(cell.value) + 2)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(min_width, min(max_width, width))
    return ws


def finish_table(
    ws,
    *,
    header_row: int,
    first_col: int = 1,
    last_col: int | None = None,
    last_row: int | None = None,
    title_row: int | None = None,
    landscape: bool | None = None,
    fit: bool = True,
):
    """The common case in one call: widths (if not set), borders and header, title, print setup."""
    last_col = last_col or ws.max_column
    last_row = last_row or ws.max_row
    if fit:
        skip = tuple(range(1, header_row))
        fit_columns(ws, skip_rows=skip)
    style_table(ws, header_row, header_row + 1, max(last_row, header_row), first_col, last_col, title_row=title_row)
    print_setup(ws, title_rows=header_row - 1, header_row=header_row, landscape=landscape, last_col=last_col)
    return ws


def add_title(ws, title: str, *, row: int = 1):
    """Write a title above the table (insert a row first if row 1 holds data)."""
    ws.cell(row=row, column=1, value=title)
    return ws


# --------------------------------------------------------------------------- the same for xlsxwriter books
# (most producers stream with xlsxwriter; rows and columns are 0-based there)


def xw_formats(book) -> dict:
    """The table formats of a workbook, made once per book: title, head, cell, center, number, money, date."""
    cached = getattr(book, "_dangjian_formats", None)
    if cached:
        return cached
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
    cell = {**base, "border": 1, "text_wrap": True}
    formats = {
        "title": book.add_format({**base, "bold": True, "font_size": 16, "align": "center"}),
        "subtitle": book.add_format({**base}),
        "head": book.add_format({**cell, "bold": True, "align": "center", "bg_color": "#D9D9D9"}),
        "cell": book.add_format(cell),
        "center": book.add_format({**cell, "align": "center"}),
        "number": book.add_format({**cell, "align": "right"}),
        "money": book.add_format({**cell, "align": "right", "num_format": "#,##0.00"}),
        "bold": book.add_format({**cell, "bold": True}),
    }
    book._dangjian_formats = formats
    return formats


def xw_used_width(sheet, last_col: int) -> float:
    """Sum of the column widths in Excel units (xlsxwriter keeps them in pixels: 7 px a unit + 5)."""
    info = getattr(sheet, "col_info", {}) or {}
    total = 0.0
    for col in range(last_col + 1):
        col_info = info.get(col)
        if col_info is None:
            total += DEFAULT_WIDTH
            continue
        width = col_info[0] if isinstance(col_info, (list, tuple)) else getattr(col_info, "width", None)
        hidden = col_info[2] if isinstance(col_info, (list, tuple)) else getattr(col_info, "hidden", False)
        if hidden:
            continue
        total += DEFAULT_WIDTH if width is None else max(0.0, (width - 5) / 7)
    return total


def xw_title(sheet, title: str, last_col: int, *, row: int = 0, fmt=None, book=None):
    """The table's title, merged across its columns, bold 16 pt (printed on the first page only)."""
    fmt = fmt or (xw_formats(book)["title"] if book is not None else None)
    if last_col > 0:
        sheet.merge_range(row, 0, row, last_col, title, fmt)
    else:
        sheet.write(row, 0, title, fmt)
    sheet.set_row(row, 30)


def xw_print_setup(sheet, *, header_row: int | tuple[int, int], last_col: int, landscape: bool | None = None):
    """A4, orientation by width, one page wide, header row(s) repeated, centred, "第 1 页 共 N 页".

    ``header_row`` is 0-based (xlsxwriter), a (first, last) pair for a multi-row header.
    """
    first, last = header_row if isinstance(header_row, tuple) else (header_row, header_row)
    if landscape is None:
        landscape = xw_used_width(sheet, last_col) > PORTRAIT_MAX_UNITS
    sheet.set_paper(9)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(first, last)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header("", {"margin": 0.3})
    sheet.set_footer("&C第 &P 页 共 &N 页", {"margin": 0.3})
    return sheet


def xw_table(
    book,
    sheet,
    title: str,
    headers: list[str],
    rows,
    widths: list[float],
    *,
    landscape: bool | None = None,
    subtitle: str = "",
    formats: list[str] | None = None,
) -> int:
    """Write a complete printable table: title (row 0), optional subtitle (row 1), header, bordered rows.

    ``formats`` names a format per column ("cell", "center", "number", "money"). Returns the number of rows.
    """
    f = xw_formats(book)
    last_col = len(headers) - 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    xw_title(sheet, title, last_col, fmt=f["title"])
    head_row = 1
    if subtitle:
        sheet.merge_range(1, 0, 1, last_col, subtitle, f["subtitle"]) if last_col > 0 else sheet.write(
            1, 0, subtitle, f["subtitle"]
        )
        head_row = 2
    sheet.write_row(head_row, 0, headers, f["head"])
    n = 0
    for n, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            fmt = f[(formats[col] if formats and col < len(formats) else "cell")]
            if isinstance(value, datetime.date):
                value = zh_date(value)
            sheet.write(head_row + n, col, "" if value is None else value, fmt)
    xw_print_setup(sheet, header_row=head_row, last_col=last_col, landscape=landscape)
    return n

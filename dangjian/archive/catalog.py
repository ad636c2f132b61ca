"""目录索引: the catalog of an org's documents for one year, grouped by category (.xlsx, .docx, .pdf), each
printable on A4 (dangjian.lib.office)."""

import io

import xlsxwriter

from dangjian.lib.office import docx_fonts, sheets, word
from dangjian.lib.office.dates import zh_date

from .models import Category, Document

HEADERS = ["序号", "类别", "文号", "题名", "日期", "页数", "保管期限", "备注"]


def catalog_rows(org, year: int) -> list[list]:
    order = {c.value: i for i, c in enumerate(Category)}
    docs = sorted(
        Document.objects.filter(org=org, year=year, voided=False),
        key=lambda d: (order.get(d.category, 99), d.date, d.id),
    )
    return [
        [
            i,
            d.get_category_display(),
            d.number,
            d.title,
            d.date.isoformat(),
            d.pages or "",
            d.get_retention_display(),
            d.note,
        ]
        for i, d in enumerate(docs, 1)
    ]


WIDTHS_XLSX = [6, 14, 18, 40, 14, 6, 12, 20]
WIDTHS_MM = [12, 24, 34, 78, 30, 12, 20, 31]  # 241 mm: the 版心 of a landscape A4 page


def title(org, year: int) -> str:
    return f"{org.name}{year}年度文书档案目录索引"


def _rows(org, year):
    """Dates in the catalog as the archive writes them: "2026年3月2日"."""
    return [[*row[:4], zh_date(row[4]), *row[5:]] for row in catalog_rows(org, year)]


def catalog_xlsx(org, year: int) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("目录索引")
    f = sheets.xw_formats(book)
    rows = catalog_rows(org, year)
    for col, width in enumerate(WIDTHS_XLSX):
        sheet.set_column(col, col, width)
    sheets.xw_title(sheet, title(org, year), len(HEADERS) - 1, fmt=f["title"])
    sheet.merge_range(1, 0, 1, len(HEADERS) - 1, f"共{len(rows)}件", f["subtitle"])
    sheet.write_row(2, 0, HEADERS, f["head"])
    for n, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            sheet.write(n, c, value, f["center"] if c in (0, 4, 5, 6) else f["cell"])
    sheets.xw_print_setup(sheet, header_row=2, last_col=len(HEADERS) - 1)
    book.close()
    return buf.getvalue()


def catalog_docx(org, year: int) -> bytes:
    doc = word.official_document(title=title(org, year), author=org.name, subject="文书档案目录索引", landscape=True)
    word.add_title(doc, title(org, year))
    rows = _rows(org, year)
    if rows:
        word.add_table(doc, HEADERS, rows, widths_mm=WIDTHS_MM)
    else:
        word.add_body(doc, f"{year}年度没有登记文书档案。")
    return word.to_bytes(doc)


def catalog_pdf(org, year: int) -> bytes:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string(
        "archive/catalog_pdf.html",
        {
            "title": title(org, year),
            "org": org,
            "headers": HEADERS,
            "rows": [[(v, c in (0, 4, 5, 6)) for c, v in enumerate(row)] for row in _rows(org, year)],
            "widths": WIDTHS_MM,
            "body_font": docx_fonts.CSS_FAMILIES[docx_fonts.SONGTI],
            "title_font": docx_fonts.CSS_FAMILIES[docx_fonts.XIAOBIAOSONG],
        },
    )
    return HTML(string=html).write_pdf()

"""目录索引: the catalog of an org's documents for one year, grouped by category (.xlsx, .docx)."""
import io

import xlsxwriter

from .models import Category, Document

HEADERS = ["序号", "类别", "文号", "题名", "日期", "页数", "保管期限", "备注"]


def catalog_rows(org, year: int) -> list[list]:
    order = {c.value: i for i, c in enumerate(Category)}
    docs = sorted(Document.objects.filter(org=org, year=year, voided=False),
                  key=lambda d: (order.get(d.category, 99), d.date, d.id))
    return [[i, d.get_category_display(), d.number, d.title, d.date.isoformat(), d.pages or "",
             d.get_retention_display(), d.note] for i, d in enumerate(docs, 1)]


def catalog_xlsx(org, year: int) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("目录索引")
    title = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#F2DCDB"})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, f"{org.name} {year}年度文书档案目录索引", title)
    sheet.write_row(2, 0, HEADERS, head)
    for n, row in enumerate(catalog_rows(org, year), start=3):
        sheet.write_row(n, 0, row, cell)
    for col, width in enumerate([6, 14, 18, 40, 12, 6, 12, 20]):
        sheet.set_column(col, col, width)
    book.close()
    return buf.getvalue()


def catalog_docx(org, year: int) -> bytes:
    from docx import Document as Docx

    doc = Docx()
    doc.add_heading(f"{org.name} {year}年度文书档案目录索引", level=1)
    rows = catalog_rows(org, year)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

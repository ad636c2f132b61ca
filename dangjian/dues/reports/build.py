"""Render a dues report as .xlsx (xlsxwriter) or PDF (WeasyPrint, font "Noto Sans CJK SC")."""
import io
from decimal import Decimal

from django.template.loader import render_to_string

from . import data

KINDS = {"monthly": data.monthly, "annual": data.annual, "notice": data.notice}


def collect(kind, *, org, month, year, today) -> data.Report:
    if kind == "monthly":
        return data.monthly(org, month, today)
    return KINDS[kind](org, year, today)


def to_xlsx(report: data.Report) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("报表")
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "align": "center"})
    cell = book.add_format({"border": 1})
    money = book.add_format({"border": 1, "num_format": "0.00"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    ncol = len(report.headers)
    sheet.merge_range(0, 0, 0, ncol - 1, report.title, title)
    r = 1
    if report.subtitle:
        sheet.merge_range(r, 0, r, ncol - 1, report.subtitle, book.add_format({"align": "center"}))
        r += 1
    for p in report.paragraphs:
        sheet.merge_range(r, 0, r, ncol - 1, p, wrap)
        sheet.set_row(r, 36)
        r += 1
    sheet.write_row(r, 0, report.headers, head)
    r += 1
    for row in report.rows + ([report.totals] if report.totals else []):
        for c, v in enumerate(row):
            if isinstance(v, Decimal):
                sheet.write_number(r, c, float(v), money)
            elif v is None:
                sheet.write_blank(r, c, None, cell)
            else:
                sheet.write(r, c, v, cell)
        r += 1
    if report.footer:
        sheet.write(r + 1, 0, report.footer)
    sheet.set_column(0, 0, 8 if report.headers[0] == "序号" else 30)
    sheet.set_column(1, ncol - 1, 14)
    book.close()
    return buf.getvalue()


def to_pdf(report: data.Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string("dues/report_pdf.html", {"r": report})
    return HTML(string=html).write_pdf()


def render(kind, fmt, **kw) -> tuple[bytes, str]:
    report = collect(kind, **kw)
    content = to_xlsx(report) if fmt == "xlsx" else to_pdf(report)
    suffix = f"{report.subtitle}" if kind == "monthly" else ""
    return content, f"{report.title}{suffix}.{fmt}"

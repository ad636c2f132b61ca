"""Render a dues report as .xlsx (xlsxwriter, printable on A4) or PDF (WeasyPrint, A4, "— 1 —" page numbers,
Chinese faces named first with Noto CJK embedded as the fallback)."""

import io
from decimal import Decimal

from django.template.loader import render_to_string

from dangjian.lib.office import docx_fonts, sheets, word
from dangjian.lib.office.dates import zh_date
from dangjian.lib.office.names import download_name

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
    f = sheets.xw_formats(book)
    money = book.add_format({"border": 1, "num_format": "0.00", "font_name": "宋体", "valign": "vcenter"})
    total = book.add_format({"border": 1, "bold": True, "font_name": "宋体", "valign": "vcenter"})
    total_money = book.add_format({"border": 1, "bold": True, "num_format": "0.00", "font_name": "宋体"})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "font_name": "宋体"})
    ncol = len(report.headers)
    sheet.set_column(0, 0, 8 if report.headers[0] == "序号" else 30)
    sheet.set_column(1, ncol - 1, 14)
    sheets.xw_title(sheet, report.title, ncol - 1, fmt=f["title"])
    r = 1
    if report.subtitle:
        sheet.merge_range(r, 0, r, ncol - 1, report.subtitle, book.add_format({"align": "center", "font_name": "宋体"}))
        r += 1
    for p in report.paragraphs:
        sheet.merge_range(r, 0, r, ncol - 1, p, wrap)
        sheet.set_row(r, 36)
        r += 1
    head_row = r
    sheet.write_row(r, 0, report.headers, f["head"])
    r += 1
    rows = [(row, False) for row in report.rows] + ([(report.totals, True)] if report.totals else [])
    for row, is_total in rows:
        for c, v in enumerate(row):
            if isinstance(v, Decimal):
                sheet.write_number(r, c, float(v), total_money if is_total else money)
            elif v is None or v == "":
                sheet.write_blank(r, c, None, total if is_total else f["cell"])
            else:
                sheet.write(r, c, v, total if is_total else f["cell"])
        r += 1
    if report.footer:
        sheet.write(r + 1, 0, report.footer)
    if report.signature:
        org_name, day = report.signature
        right = book.add_format({"align": "right", "font_name": "宋体"})
        sheet.merge_range(r + 1, 0, r + 1, ncol - 1, org_name, right)
        sheet.merge_range(r + 2, 0, r + 2, ncol - 1, zh_date(day), right)
    sheets.xw_print_setup(sheet, header_row=head_row, last_col=ncol - 1)
    book.close()
    return buf.getvalue()


def _signature(report) -> dict | None:
    """The 落款 placed as GB/T 9704-2012 7.3.5.2 says (right spaces in characters, as word.signature_indents)."""
    if not report.signature:
        return None
    org_name, day = report.signature
    date_text = zh_date(day)
    org_right, date_right = word.signature_indents(org_name, date_text)
    return {"org": org_name, "date": date_text, "org_right": org_right, "date_right": date_right}


def to_pdf(report: data.Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "dues/report_pdf.html",
        {
            "r": report,
            "signature": _signature(report),
            "body_font": docx_fonts.CSS_FAMILIES[docx_fonts.FANGSONG],
            "title_font": docx_fonts.CSS_FAMILIES[docx_fonts.XIAOBIAOSONG],
            "table_font": docx_fonts.CSS_FAMILIES[docx_fonts.SONGTI],
        },
    )
    return HTML(string=html).write_pdf()


def render(kind, fmt, **kw) -> tuple[bytes, str]:
    report = collect(kind, **kw)
    content = to_xlsx(report) if fmt == "xlsx" else to_pdf(report)
    if kind == "monthly":  # "飞龙中学党支部2026年11月党费收缴明细表.xlsx": org, period, what
        org = kw["org"]
        what = report.title[len(org.name) :] if report.title.startswith(org.name) else report.title
        return content, download_name(org.name, report.subtitle, what, fmt)
    return content, f"{report.title}.{fmt}"

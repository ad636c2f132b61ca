"""台账: the compiled ledger book of one org and year, as .docx (editable in Word/WPS) and as PDF (to print
and file). Both render the same chapters (see chapters.py)."""
import io

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangjian.orgs.models import Org

from ..docx_export import _font
from .chapters import MAX_ROWS, book
from dangjian.lib import clock

CJK_FONT = "Noto Sans CJK SC"  # Debian fonts-noto-cjk; embedded in the PDF, so it prints the same anywhere
TITLE = "{year}年度党建工作台账"


def _more(block: dict) -> str:
    return f"（超过{MAX_ROWS}条，此处列出前{MAX_ROWS}条，完整清单请在系统中导出。）" if block["total"] > MAX_ROWS else ""


def _para(doc, text, name="仿宋_GB2312", size=14, center=False, bold=False):
    p = doc.add_paragraph()
    _font(p.add_run(text), name, size, bold)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _docx_table(doc, block):
    if not block["rows"]:
        _para(doc, "本年度无记录。")
        return
    t = doc.add_table(rows=1, cols=len(block["headers"]))
    t.style = "Table Grid"
    for cell, h in zip(t.rows[0].cells, block["headers"]):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(h), "黑体", 10)
    for row in block["rows"]:
        for cell, v in zip(t.add_row().cells, row):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(v), "仿宋_GB2312", 10)
    if note := _more(block):
        _para(doc, note, size=10)


def ledger_docx(org: Org, year: int) -> bytes:
    doc = Document()
    _para(doc, org.name, "方正小标宋简体", 22, center=True)
    _para(doc, TITLE.format(year=year), "方正小标宋简体", 22, center=True)
    _para(doc, "本台账由党建系统根据日常记录自动汇编。", "楷体_GB2312", 14, center=True)
    for title, blocks in book(org, year):
        doc.add_page_break()
        _para(doc, title, "黑体", 16)
        for block in blocks:
            if "p" in block:
                _para(doc, block["p"])
            else:
                _docx_table(doc, block)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def ledger_pdf(org: Org, year: int) -> bytes:
    from weasyprint import HTML

    chapters = [(title, [{**b, "more": _more(b)} if "rows" in b else b for b in blocks])
                for title, blocks in book(org, year)]
    html = render_to_string("reports/ledger_pdf.html", {
        "org": org, "title": TITLE.format(year=year), "chapters": chapters, "font": CJK_FONT,
        "generated": clock.local_now()})
    return HTML(string=html).write_pdf()

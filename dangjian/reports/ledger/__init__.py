"""台账: the compiled ledger book of one org and year, as .docx (GB/T 9704 page, editable in Word/WPS, through the
shared dangjian.lib.office.word) and as PDF (to print and file: the same page, Noto CJK embedded). Both render
the same chapters (see chapters.py)."""

import re

from django.template.loader import render_to_string
from docx.shared import Mm

from dangjian.lib import clock
from dangjian.lib.office import docx_fonts, docx_page, word
from dangjian.lib.office.dates import zh_date
from dangjian.orgs.models import Org

from .chapters import MAX_ROWS, book

TITLE = "{year}年度党建工作台账"
TEXT_WIDTH_MM = 210 - docx_page.MARGINS_MM["left"] - docx_page.MARGINS_MM["right"]  # 156 mm: the GB/T 9704 版心


def _more(block: dict) -> str:
    return f"（共{block['total']}条，此处列出前{MAX_ROWS}条。）" if block["total"] > MAX_ROWS else ""


def _width_mm(text: str, pt: float, latin: float) -> float:
    """Printed width of a cell's text in one line: CJK a full em, Latin and digits `latin` em (about half)."""
    return sum(1 if ord(ch) > 0x2E7F else latin for ch in text) * pt * 25.4 / 72


def _longest_unbreakable(text: str) -> str:
    return max(re.findall(r"[\x21-\x7e]+", text) or [""], key=len)


def _columns(block: dict, pt: float, padding_mm: float = 2.0, latin: float = 0.55) -> list[float]:
    """Column widths in mm that fill the 版心: every column at least as wide as its longest unbreakable run
    (a date, an amount), the rest shared by how much text each column has (long topics wrap, dates do not).
    With them the PDF table is laid out as `table-layout: fixed`: WeasyPrint then skips measuring every cell's
    preferred width, a third of a bureau book's rendering time."""
    cols = list(zip(block["headers"], *block["rows"]))
    least = [max(_width_mm(_longest_unbreakable(v), pt, latin) for v in col) + padding_mm for col in cols]
    least = [max(w, 2 * pt * 25.4 / 72 + padding_mm) for w in least]  # two characters at least
    want = [min(max(_width_mm(v, pt, latin) for v in col) + padding_mm, 60) for col in cols]
    spare = TEXT_WIDTH_MM - sum(least)
    extra = [max(w - m, 0) for w, m in zip(want, least)]
    if spare <= 0 or not sum(extra):
        scale = TEXT_WIDTH_MM / sum(least) if spare < 0 else 1
        widths = [m * scale for m in least]
        if spare > 0:  # nothing wants more: share what is left evenly
            widths = [w + spare / len(widths) for w in widths]
        return [round(w, 1) for w in widths]
    return [round(m + spare * e / sum(extra), 1) for m, e in zip(least, extra)]


def word_table_pt() -> float:
    """The point size of word.add_table's text (its 表格文字 style)."""
    return 12


def ledger_docx(org: Org, year: int) -> bytes:
    title = TITLE.format(year=year)
    doc = word.official_document(title=f"{org.name}{title}", author=org.name, subject="党建工作台账")
    word.add_title(doc, org.name)
    word.add_title(doc, title)
    word.add_subtitle(doc, f"{zh_date(clock.today())}编印")
    for chapter, blocks in book(org, year):
        word.page_break(doc)
        word.add_heading(doc, chapter, 1)
        for block in blocks:
            if "p" in block:
                word.add_body(doc, block["p"])
            elif not block["rows"]:
                word.add_body(doc, block["empty"])
            else:
                # Word's cell margins are 1.9 mm a side; a machine without 仿宋 sets digits in a wider face
                widths = _columns(block, word_table_pt(), padding_mm=4.5, latin=0.62)
                table = word.add_table(doc, block["headers"], block["rows"], widths_mm=widths)
                table.autofit = False
                for column, mm in zip(table.columns, widths):  # w:gridCol, which LibreOffice and WPS lay out by
                    column.width = Mm(mm)
                if note := _more(block):
                    word.add_plain(doc, note)
    return word.to_bytes(doc)


_FONTS = None


def _font_config():
    # One FontConfiguration per process: building it reads the system's font set, about a tenth of a second
    # per document otherwise; it holds no per-document state (the book declares no @font-face).
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return _FONTS


TABLE_PT = 10


def ledger_pdf(org: Org, year: int) -> bytes:
    from weasyprint import HTML

    chapters = [
        (title, [{**b, "more": _more(b), "widths": _columns(b, TABLE_PT)} if "rows" in b else b for b in blocks])
        for title, blocks in book(org, year)
    ]
    fonts = docx_fonts.CSS_FAMILIES
    html = render_to_string(
        "reports/ledger_pdf.html",
        {
            "org": org,
            "title": TITLE.format(year=year),
            "chapters": chapters,
            "compiled": zh_date(clock.today()),
            "table_pt": TABLE_PT,
            "body_font": fonts[docx_fonts.FANGSONG],
            "title_font": fonts[docx_fonts.XIAOBIAOSONG],
            "heading_font": fonts[docx_fonts.HEITI],
            "table_font": fonts[docx_fonts.SONGTI],
            "date_font": fonts[docx_fonts.KAITI],
        },
    )
    return HTML(string=html).write_pdf(font_config=_font_config())

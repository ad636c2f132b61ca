"""Writing the text of an official document (GB/T 9704-2012): title, headings, 正文, 落款, tables.

The page, the styles and the fonts they rest on are set up by dangjian.lib.office.docx_page (and docx_fonts).
"""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from dangjian.lib import clock
from dangjian.lib.office import docx_page
from dangjian.lib.office.dates import zh_date
from dangjian.lib.office.docx_page import (
    CHARS_PER_LINE,
    HEADING_STYLES,
    LINE_PT,
    SIGNATURE_STYLE,
    TABLE_TEXT_STYLE,
    indent_chars,
)


def official_document(
    title: str = "", author: str = "", subject: str = "", *, landscape: bool = False, keywords: str = ""
) -> Document:
    """A new, empty GB/T 9704 document with its styles, page number footer and Chinese properties.

    ``author`` is the organization that issues the document (shown in Word's 属性 as 作者).
    """
    doc = Document()
    docx_page.setup(doc, landscape=landscape)
    props = doc.core_properties
    now = clock.now().replace(microsecond=0, tzinfo=None)  # core.xml stores UTC without offset
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.keywords = keywords
    props.comments = ""
    props.category = subject
    props.language = "zh-CN"
    props.created = now
    props.modified = now
    props.revision = 1
    return doc


def add_title(doc, text: str):
    """公文标题: 方正小标宋简体 二号, centred; a blank line follows it (5.2.3, 7.3.1)."""
    para = doc.add_paragraph(text, style="Title")
    para.paragraph_format.space_after = Pt(LINE_PT)
    return para


def add_subtitle(doc, text: str):
    """A line under the title (e.g. 述职人、日期) in 楷体_GB2312 三号, centred."""
    return doc.add_paragraph(text, style="Subtitle")


def add_heading(doc, text: str, level: int = 1):
    """结构层次 一、/（一）/1. as Word's 标题 1/2/3 (the text carries its own 序数)."""
    if level not in HEADING_STYLES:
        level = 3 if level > 3 else 1
    return doc.add_paragraph(text, style=HEADING_STYLES[level])


def add_body(doc, text: str):
    """A paragraph of 正文 (仿宋_GB2312 三号, first line indented 2 characters)."""
    return doc.add_paragraph(text, style="Body Text")


def add_plain(doc, text: str = "", align=None):
    """A Normal paragraph without indent (a form line, a table caption, a blank line)."""
    para = doc.add_paragraph(text, style="Normal")
    if align is not None:
        para.alignment = align
    return para


def text_width_chars(text: str) -> float:
    """Width in 三号 characters: CJK and full-width forms count 1, ASCII digits and letters ½ (半角)."""
    return sum(0.5 if ord(ch) < 0x2E80 and not ("\uff00" <= ch <= "\uffef") else 1 for ch in text)


def signature_indents(org_name: str, date_text: str) -> tuple[float, float]:
    """(org right indent, date right indent) in characters, per GB/T 9704-2012 7.3.5.2 (不加盖印章的公文).

    署名右空二字; 成文日期首字比署名首字右移二字; 成文日期长于署名时日期右空二字, 署名右空字数相应增加.
    """
    w_org, w_date = text_width_chars(org_name), text_width_chars(date_text)
    date_right = w_org - w_date
    if date_right < 2:
        date_right = 2
    org_right = date_right + w_date + 2 - w_org
    return org_right, date_right


def add_signature(doc, org_name: str, day=None):
    """落款: one blank line after the text, the org name, then the date "2026年12月31日" under it.

    The last paragraph before it, the blank line and the name keep with the next paragraph, so the 落款 is never
    alone on a page.
    """
    date_text = zh_date(day) if day else ""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    paras = [doc.add_paragraph("", style=SIGNATURE_STYLE)]
    org = doc.add_paragraph(org_name, style=SIGNATURE_STYLE) if org_name else None
    date_para = doc.add_paragraph(date_text, style=SIGNATURE_STYLE) if date_text else None
    _place_signature(org, date_para)
    paras += [p for p in (org, date_para) if p is not None]
    return paras


def _place_signature(org, date_para):
    org_name = org.text if org is not None else ""
    date_text = date_para.text if date_para is not None else ""
    org_right, date_right = signature_indents(org_name, date_text)
    if org is not None:
        indent_chars(org, right=org_right)
        org.paragraph_format.keep_with_next = date_para is not None
    if date_para is not None:
        # Placed by its first character (left indent), not its right end: the digits' width depends on the
        # face a machine substitutes, the date's start 2 characters right of the name's start does not.
        date_para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        indent_chars(date_para, left=CHARS_PER_LINE - date_right - text_width_chars(date_text))
        date_para.paragraph_format.keep_with_next = False


_ZH_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def place_signature(doc):
    """Re-place the 落款 from its final text (for templates whose name and date are filled in later)."""
    paras = [p for p in doc.paragraphs if p.style is not None and p.style.name == SIGNATURE_STYLE and p.text.strip()]
    if not paras:
        return
    date_para = paras[-1] if _ZH_DATE.fullmatch(paras[-1].text.strip()) else None
    org = paras[-2] if date_para is not None and len(paras) >= 2 else (paras[-1] if date_para is None else None)
    _place_signature(org, date_para)


def add_table(doc, header: list[str], rows: list[list], *, widths_mm: list[float] | None = None):
    """A bordered table ("Table Grid") in 表格文字 style, header row bold and repeated on each page."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        cell.paragraphs[0].style = doc.styles[TABLE_TEXT_STYLE]
    text_style_id = doc.styles[TABLE_TEXT_STYLE].style_id
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tr_pr.append(tbl_header)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = "" if value is None else str(value)
            # the style id directly: python-docx's `.style = …` scans every style per cell (70 % of a 台账's time)
            cell.paragraphs[0]._p.style = text_style_id
    if widths_mm:
        set_column_widths(table, widths_mm)
    return table


def set_column_widths(table, widths_mm: list[float]):
    """Fixed column widths that Word, WPS and LibreOffice all honour (the grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def page_break(doc):
    from docx.enum.text import WD_BREAK

    doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


__all__ = [
    "official_document",
    "add_title",
    "add_subtitle",
    "add_heading",
    "add_body",
    "add_plain",
    "add_signature",
    "add_table",
    "set_column_widths",
    "place_signature",
    "page_break",
    "to_bytes",
    "signature_indents",
    "text_width_chars",
]

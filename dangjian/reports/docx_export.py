"""Write a draft (list of paragraphs) as .docx in the usual 公文 look: fonts named, never embedded."""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

FONTS = {"title": ("方正小标宋简体", 22), "subtitle": ("楷体_GB2312", 16), "h1": ("黑体", 16), "h2": ("楷体_GB2312", 16),
         "body": ("仿宋_GB2312", 16)}


def _font(run, name: str, size: int, bold: bool = False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def paragraphs_docx(paragraphs: list[dict]) -> bytes:
    doc = Document()
    for p in paragraphs:
        style = p.get("style", "body")
        for line in (p.get("text") or "").split("\n"):
            para = doc.add_paragraph()
            name, size = FONTS.get(style, FONTS["body"])
            _font(para.add_run(line), name, size, bold=style == "h2")
            fmt = para.paragraph_format
            fmt.line_spacing = Pt(28)
            if style in ("title", "subtitle"):
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                fmt.first_line_indent = Pt(32)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

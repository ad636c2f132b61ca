"""Word documents in the official format of GB/T 9704-2012 《党政机关公文格式》.

One page setup for every .docx dangjian writes (summaries, duty reports, 台账, recruitment forms, 记录本):

* A4 (210 mm × 297 mm); margins 上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm, so the 版心 is 156 mm × 225 mm (5.2.1, 5.2.2);
* 22 lines × 28 characters (5.2.3): a line grid of 225 mm / 22 = 579 twips (28.95 pt) with fixed line spacing of
  the same pitch; 156 mm / 28 = 15.79 pt a character, so 16 pt text is condensed by 0.25 pt (紧缩) — the same
  28 characters in Word, WPS and LibreOffice (LibreOffice mis-renders Word's negative ``w:charSpace`` grid);
* body 仿宋_GB2312 三号 (16 pt), title 方正小标宋简体 二号 (22 pt) centred, 结构层次 一、 黑体 / （一） 楷体_GB2312 /
  1. 仿宋_GB2312 加粗 (7.3.3) as Word's built-in "标题 1/2/3" (Heading 1/2/3), so the navigation pane shows them;
* fixed line spacing of one grid line, no space before or after a paragraph; 正文首行缩进 2 字;
* page number "— 1 —" (7.5): 4号 (14 pt) 宋体 Arabic numerals between 一字线, 单页码居右空一字, 双页码居左空一字;
* 落款 (7.3.5.2, 不加盖印章): org name 右空二字, date below it starting 2 characters further right, date in full
  Arabic numerals ("2026年12月31日"); kept on the page of the last paragraph of text.

Fonts are named as Word and WPS know them and never embedded; the font table gives Chinese fallbacks (altName
and GB2312 charset) so a machine without 方正小标宋简体 picks a 宋体/仿宋 face instead of a Western one.
Everything is a real style (no text boxes), so the file stays editable in Word, WPS and LibreOffice.
"""

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from dangjian.lib.office.docx_fonts import (
    FANGSONG,
    HEITI,
    KAITI,
    SONGTI,
    XIAOBIAOSONG,
    declare_fonts,
    insert_rpr_child,
    name_faces,
    set_font,
)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
# Twips per grid line: 225 mm of 版心 over 22 lines, rounded down so all 22 fit.
LINE_PITCH_TWIPS = int(Mm(PAGE_HEIGHT_MM - MARGINS_MM["top"] - MARGINS_MM["bottom"]).twips / LINES_PER_PAGE)
LINE_PT = LINE_PITCH_TWIPS / 20  # 28.95 pt
_TEXT_WIDTH_TWIPS = Mm(PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]).twips
# 28 characters in 156 mm is a pitch of 15.79 pt, 0.21 pt less than 三号: condense every 16 pt run by 0.25 pt
# (w:spacing is in twentieths of a point; −5 → 15.75 pt, 28.07 characters a line).
CONDENSE_TWENTIETHS = -5

SIGNATURE_STYLE = "落款"
TABLE_TEXT_STYLE = "表格文字"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
# (font, bold) per heading level — 一、 黑体; （一） 楷体; 1. 仿宋加粗 (GB/T 9704-2012 7.3.3).
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True)}


def _first_line_chars(pf_owner, chars: int):
    """首行缩进 in characters (w:firstLineChars, hundredths), with the twips value for old readers."""
    pf = pf_owner.paragraph_format
    pf.first_line_indent = Pt(BODY_PT * chars) if chars else None
    ind = pf._element.get_or_add_pPr().get_or_add_ind()
    if chars:
        ind.set(qn("w:firstLineChars"), str(chars * 100))
        ind.set(qn("w:firstLine"), str(int(Pt(BODY_PT * chars).twips)))
    else:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")


def indent_chars(paragraph, *, left: float | None = None, right: float | None = None):
    ind = paragraph.paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    for side, chars in (("right", right), ("left", left)):
        if chars is None:
            continue
        ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))
        ind.set(qn(f"w:{side}"), str(round(chars * _TEXT_WIDTH_TWIPS / CHARS_PER_LINE)))


def _reset_style(
    style,
    *,
    font: str,
    size_pt: float,
    bold: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: int = 0,
    line_pt: float = LINE_PT,
    space_after_pt: float = 0,
):
    """Rewrite a paragraph style from scratch: the template's blue colours, borders and spacing go."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        if old is not None and tag == "w:rPr":
            el.remove(old)
        elif old is not None:
            # keep the outline level (what makes a heading a heading), drop the rest
            for child in list(old):
                if child.tag not in (qn("w:outlineLvl"),):
                    old.remove(child)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(space_after_pt)
    pf.line_spacing = Pt(line_pt)  # a Length → lineRule "exact"
    pf.alignment = align
    pf.widow_control = True
    _first_line_chars(style, indent_chars)
    set_font(style, font, size_pt, bold)
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(size_pt)
    rpr = el.get_or_add_rPr()
    if size_pt == BODY_PT:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
        insert_rpr_child(rpr, spacing)
    sz_cs = rpr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = OxmlElement("w:szCs")
        insert_rpr_child(rpr, sz_cs)
    sz_cs.set(qn("w:val"), str(int(size_pt * 2)))


def _set_doc_defaults(doc):
    """docDefaults: 仿宋 三号, Chinese language, no spacing — what a new paragraph typed in Word gets."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    name_faces(rpr, FANGSONG)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(LINE_PITCH_TWIPS))
    spacing.set(qn("w:lineRule"), "exact")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _page_setup(section, *, landscape: bool = False):
    width, height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    # The 一字线 sits 7 mm below the 版心 (7.5): a 14 pt line is ~6 mm high, so its foot is 35 − 7 − 6 = 22 mm up.
    section.footer_distance = Mm(22)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    # A line grid only: 28 characters a line come from the styles' 紧缩 (CONDENSE_TWENTIETHS), because
    # LibreOffice lays out a negative w:charSpace (what Word writes for 28 chars of 16 pt in 156 mm) by
    # spreading each character over two grid cells — 18 characters a line in the PDF.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _page_number_paragraph(paragraph, align):
    """ "— 1 —": a PAGE field between 一字线 (U+2014), 宋体 四号, 1 character in from the outer edge."""
    paragraph.alignment = align
    pf = paragraph.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = None
    _first_line_chars(paragraph, 0)
    edge = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    ind = pf._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn(f"w:{edge}"), str(int(Pt(PAGE_NUMBER_PT).twips)))

    def run(text=None):
        r = paragraph.add_run(text)
        set_font(r, SONGTI, PAGE_NUMBER_PT)
        return r

    run("— ")
    begin, instr, sep, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    run()._r.append(begin)
    run()._r.append(instr)
    run()._r.append(sep)
    run("1")
    run()._r.append(end)
    run(" —")


def page_number_footer(section):
    """Odd pages: number on the right; even pages: on the left (GB/T 9704-2012 7.5)."""
    section.footer.is_linked_to_previous = False
    odd = section.footer.paragraphs[0]
    for r in list(odd.runs):
        r._r.getparent().remove(r._r)
    _page_number_paragraph(odd, WD_ALIGN_PARAGRAPH.RIGHT)
    section.even_page_footer.is_linked_to_previous = False
    even = section.even_page_footer.paragraphs[0]
    for r in list(even.runs):
        r._r.getparent().remove(r._r)
    _page_number_paragraph(even, WD_ALIGN_PARAGRAPH.LEFT)


def _define_styles(doc):
    styles = doc.styles
    _reset_style(styles["Normal"], font=FANGSONG, size_pt=BODY_PT)
    _reset_style(styles["Body Text"], font=FANGSONG, size_pt=BODY_PT, indent_chars=2)
    _reset_style(styles["Title"], font=XIAOBIAOSONG, size_pt=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=35)
    styles["Title"].paragraph_format.keep_with_next = True
    _reset_style(styles["Subtitle"], font=KAITI, size_pt=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    styles["Subtitle"].paragraph_format.keep_with_next = True
    for level, name in HEADING_STYLES.items():
        font, bold = HEADING_FONTS[level]
        style = styles[name]
        _reset_style(style, font=font, size_pt=BODY_PT, bold=bold, indent_chars=2)
        style.paragraph_format.keep_with_next = True
        style.next_paragraph_style = styles["Body Text"]
        pPr = style.element.get_or_add_pPr()
        if pPr.find(qn("w:outlineLvl")) is None:
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(level - 1))
            pPr.append(lvl)
    # The character styles linked to the headings carry the template's blue colour too.
    for name in ("Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Title Char", "Subtitle Char"):
        if name in [s.name for s in styles]:
            char = styles[name]
            char.font.color.rgb = RGBColor(0, 0, 0)
            char.font.italic = False
    sig = styles.add_style(SIGNATURE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    sig.base_style = styles["Normal"]
    _reset_style(sig, font=FANGSONG, size_pt=BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    sig.paragraph_format.keep_with_next = True
    table = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = styles["Normal"]
    # 表格 in a 公文 is usually 仿宋 四号/小四 with single spacing; 14 pt fits a 6-column table on the 版心.
    _reset_style(table, font=FANGSONG, size_pt=12, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=18)
    for name in ("Footer", "Header"):
        _reset_style(styles[name], font=SONGTI, size_pt=PAGE_NUMBER_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=20)


# --------------------------------------------------------------------------- public interface


def setup(doc, *, landscape: bool = False):
    """Give an empty python-docx Document the GB/T 9704 defaults, styles, fonts, page and page-number footer."""
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _set_doc_defaults(doc)
    _define_styles(doc)
    declare_fonts(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_setup(section, landscape=landscape)
    page_number_footer(section)

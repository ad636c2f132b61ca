"""The shared GB/T 9704-2012 Word helper, checked against the standard's numbers and through LibreOffice."""

import datetime
import io
import re
import subprocess
import tempfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st

from dangjian.lib.office import word
from tests.lib.office_checks import PAGE_NUMBER, assert_a4_pdf, assert_official_docx, docx_to_pdf

ORG = "中共飞龙中学支部委员会"
LINE = "党支部按照要求召开支部党员大会和支委会认真学习贯彻"  # 25 characters, no punctuation to hang


def sample(paragraphs: int = 60) -> bytes:
    doc = word.official_document(title="飞龙中学党支部2026年度工作总结", author=ORG, subject="年度工作总结")
    word.add_title(doc, "中共飞龙中学支部委员会2026年度工作总结")
    word.add_heading(doc, "一、基本情况", 1)
    word.add_heading(doc, "（一）组织建设", 2)
    word.add_heading(doc, "1. 三会一课", 3)
    # one long paragraph (lines of 28) and short numbered lines (to count lines per page)
    word.add_body(doc, "甲" * 26 + "乙" * 28 + "丙" * 28)
    for i in range(paragraphs):
        word.add_body(doc, f"行{i:02d}")
    word.add_signature(doc, ORG, datetime.date(2026, 12, 31))
    return word.to_bytes(doc)


@pytest.fixture(scope="module")
def rendered():
    content = sample()
    return content, docx_to_pdf(content)


def test_page_setup_and_properties_follow_gbt_9704():
    doc = assert_official_docx(sample(), title="飞龙中学党支部2026年度工作总结", author=ORG)
    props = doc.core_properties
    assert props.subject == "年度工作总结"
    assert props.last_modified_by == ORG
    # created "now" by the one clock (the suite lives on 2026-11-22 10:00 +08:00)
    assert props.created.date() == datetime.date(2026, 11, 22)
    # page numbers on the outer edge: odd pages right, even pages left, so Word needs evenAndOddHeaders
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    run = section.footer.paragraphs[0].runs[0]
    assert run.font.size == Pt(14)  # 四号
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def _east_asia(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_real_heading_styles_with_the_official_fonts():
    doc = Document(io.BytesIO(sample()))
    by_text = {p.text: p for p in doc.paragraphs}
    h1, h2, h3 = by_text["一、基本情况"], by_text["（一）组织建设"], by_text["1. 三会一课"]
    # Word's built-in headings (what the navigation pane lists), shown as 标题 1/2/3 in a Chinese Word
    assert [h.style.name for h in (h1, h2, h3)] == ["Heading 1", "Heading 2", "Heading 3"]
    assert [h.style.element.find(qn("w:name")).get(qn("w:val")) for h in (h1, h2, h3)] == [
        "heading 1",
        "heading 2",
        "heading 3",
    ]
    assert [_east_asia(h.style) for h in (h1, h2, h3)] == ["黑体", "楷体_GB2312", "仿宋_GB2312"]
    assert [bool(h.style.font.bold) for h in (h1, h2, h3)] == [False, False, True]
    assert {h.style.font.size for h in (h1, h2, h3)} == {Pt(16)}
    assert all(str(h.style.font.color.rgb) == "000000" for h in (h1, h2, h3))
    title = by_text["中共飞龙中学支部委员会2026年度工作总结"]
    assert title.style.font.size == Pt(22) and _east_asia(title.style) == "方正小标宋简体"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = by_text["行00"]
    assert _east_asia(body.style) == "仿宋_GB2312" and body.style.font.size == Pt(16)
    ind = body.style.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"  # 首行缩进 2 字
    # fixed line spacing of one grid line (28–29 pt), no space before/after
    assert body.style.paragraph_format.line_spacing.pt == pytest.approx(29, abs=0.5)
    assert doc.styles["Heading 1"].paragraph_format.space_before in (None, 0)


@pytest.mark.parametrize(
    ("org", "org_right", "date_right"),
    [
        # worked by hand from GB/T 9704-2012 7.3.5.2: 署名右空二字, 日期首字比署名首字右移二字;
        # "2026年12月31日" is 3 CJK + 8 half-width digits = 7 characters wide.
        ("中共飞龙中学支部委员会", 2, 4),  # 11 characters: date starts 2 right of the name's first character
        ("飞龙中学党支部", 4, 2),  # 7 characters: date would not be 右空二字, so it is, name moves left
    ],
)
def test_signature_position_per_the_standard(org, org_right, date_right):
    doc = word.official_document(title="t", author=org)
    word.add_body(doc, "正文。")
    word.add_signature(doc, org, datetime.date(2026, 12, 31))
    doc = Document(io.BytesIO(word.to_bytes(doc)))
    name, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (name.text, date.text) == (org, "2026年12月31日")
    assert (
        name.alignment in (None, WD_ALIGN_PARAGRAPH.RIGHT)
        and name.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    )
    assert name.paragraph_format.element.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == str(org_right * 100)
    # the date is placed by its first character: 28 − (right space + 7 characters of date) from the left
    assert date.paragraph_format.element.pPr.find(qn("w:ind")).get(qn("w:leftChars")) == str(
        (28 - date_right - 7) * 100
    )
    # the 落款 never stands alone: the text before it, the blank line and the name keep with the next
    keeps = [
        p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next for p in doc.paragraphs[-4:-1]
    ]
    assert keeps == [True, True, True]


def test_libreoffice_renders_a4_with_page_numbers_and_the_grid(rendered):
    _, pdf = rendered
    text = assert_a4_pdf(pdf)
    assert PAGE_NUMBER.search(text).group(1) == "1"
    lines = [ln.strip() for ln in text.splitlines()]
    # 28 characters a line: the long paragraph breaks after 26 (indent 2) then 28, 28
    assert "甲" * 26 in lines and "乙" * 28 in lines and "丙" * 28 in lines
    # 22 lines a page: page 2 holds 22 of the one-line paragraphs
    pages = text.split("\f")
    assert len([ln for ln in pages[1].splitlines() if re.fullmatch(r"\s*行\s*\d\d\s*", ln)]) == 22


def test_signature_sits_where_the_standard_puts_it(rendered):
    _, pdf = rendered
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        html = subprocess.run(["pdftotext", "-bbox", f.name, "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', html)
    name = [w for w in words if w[3] == ORG][-1]
    date_start = [w for w in words if w[3].startswith("2026")][-1]
    # right edge of the 版心: 210 − 26 mm; a character is 156 mm / 28
    right_edge = (210 - 26) / 25.4 * 72
    char = 156 / 25.4 * 72 / 28
    assert float(name[2]) == pytest.approx(right_edge - 2 * char, abs=char / 2)
    assert float(date_start[0]) == pytest.approx(float(name[0]) + 2 * char, abs=char / 2)


@given(
    org=st.text(alphabet="中共飞龙学党支部委员会实验小总", min_size=1, max_size=24),
    day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
)
def test_signature_indents_obey_the_standard(org, day):
    """GB/T 9704-2012 7.3.5.2 as a law: the date starts 2 characters right of the name's start; neither is
    closer than 2 characters to the right edge; one of them is exactly 2 from it."""
    from dangjian.lib.office.dates import zh_date

    date_text = zh_date(day)
    w_date = 3 + len(re.sub(r"\D", "", date_text)) / 2  # 年月日 full width, digits half width
    org_right, date_right = word.signature_indents(org, date_text)
    assert (org_right + len(org)) - (date_right + w_date) == pytest.approx(2)
    assert min(org_right, date_right) == pytest.approx(2) and org_right >= 2 and date_right >= 2

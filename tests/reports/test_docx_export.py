"""The summary / duty report .docx: GB/T 9704 page, real 标题 1/2/3, 落款 with the Chinese date, page numbers."""

import io
import re

from docx import Document
from docx.oxml.ns import qn

from dangjian.reports.docx_export import paragraphs_docx
from tests.lib.office_checks import PAGE_NUMBER, assert_a4_pdf, assert_official_docx, docx_to_pdf, download_filename

DRAFT = [
    {"style": "title", "text": "中共飞龙中学支部委员会\n2026年度工作总结"},
    {"style": "subtitle", "text": "（2026年12月）"},
    {"style": "body", "text": "2026年，支部召开党员大会4次。"},
    {"style": "h1", "text": "一、主要工作"},
    {"style": "h2", "text": "（一）组织建设"},
    {"style": "h3", "text": "1. 三会一课"},
    {"style": "body", "text": "全年召开支委会12次。\n讲党课4次。"},
    {"style": "signature", "text": "中共飞龙中学支部委员会\n2026年12月31日"},
]


def test_every_draft_style_becomes_the_official_style():
    doc = assert_official_docx(paragraphs_docx(DRAFT), author="中共飞龙中学支部委员会")
    assert doc.core_properties.title == "中共飞龙中学支部委员会2026年度工作总结"
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles == [
        ("Title", "中共飞龙中学支部委员会\n2026年度工作总结"),
        ("Subtitle", "（2026年12月）"),
        ("Body Text", "2026年，支部召开党员大会4次。"),
        ("Heading 1", "一、主要工作"),
        ("Heading 2", "（一）组织建设"),
        ("Heading 3", "1. 三会一课"),
        ("Body Text", "全年召开支委会12次。"),
        ("Body Text", "讲党课4次。"),
        ("落款", "中共飞龙中学支部委员会"),
        ("落款", "2026年12月31日"),
    ]


def test_signature_from_org_and_iso_date():
    doc = Document(
        io.BytesIO(
            paragraphs_docx(
                [
                    {"style": "body", "text": "正文。"},
                    {"style": "signature", "org": "飞龙中学党支部", "date": "2027-01-05"},
                ]
            )
        )
    )
    assert [p.text for p in doc.paragraphs][-2:] == ["飞龙中学党支部", "2027年1月5日"]
    assert doc.core_properties.author == "飞龙中学党支部"


def test_downloaded_summary_is_an_official_document(world, client):
    client.force_login(world.alice)
    resp = client.get("/reports/org/BRA/summary/2026.docx")
    assert resp.status_code == 200
    name = download_filename(resp)
    assert name.startswith("飞龙中学党支部2026年度") and name.endswith("总结.docx"), name
    doc = assert_official_docx(resp.content)
    for p in doc.paragraphs:
        if re.match(r"[一二三四五六七八九十]+、", p.text):
            assert p.style.name == "Heading 1", p.text
        if re.match(r"（[一二三四五六七八九十]+）", p.text):
            assert p.style.name == "Heading 2", p.text
    # the 落款 closes the document: org name, then the date in Chinese
    last = [p.text for p in doc.paragraphs if p.text][-1]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", last)
    assert doc.paragraphs[-1].style.name == "落款"
    assert doc.paragraphs[0].style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    text = assert_a4_pdf(docx_to_pdf(resp.content))
    assert PAGE_NUMBER.search(text)

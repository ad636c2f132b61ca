"""Every document a secretary, a 党总支 or the bureau downloads, read as the bureau reads it (issue 16, item 8).

Each check is its own test per document, so a failure names the document kind and what is wrong with it. The
expected values come from outside the code under test: the paper size and margins from GB/T 9704-2012, the
words no document may contain from the issue, the member counts from the roll's rows counted in conftest.py.
"""

import re

import pytest

from . import pdfcheck
from .catalog import DOCS

# django_db: pytest-django sets up the test database only for a run that has tests asking for it.
pytestmark = [pytest.mark.documents, pytest.mark.django_db]

ALL = [d.id for d in DOCS]
OFFICIAL = [d.id for d in DOCS if d.official]
COUNTED = [d.id for d in DOCS if d.members_stated]
ROSTERS = [d.id for d in DOCS if d.roster_rows]


def where(m, hits) -> str:
    return f"{m.doc.kind}（{m.doc.id}，{m.pdf.path}）：{hits}"


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_every_page_is_a4(made):
    wrong = [(i, round(p.width), round(p.height)) for i, p in enumerate(made.pdf.pages, 1) if not pdfcheck.is_a4(p)]
    assert made.pdf.pages and not wrong, where(made, f"不是 A4 的页（页码, 宽, 高 pt）{wrong[:5]}")


@pytest.mark.parametrize("made", OFFICIAL, indirect=True)
def test_text_stays_inside_the_gb9704_margins(made):
    out = [
        (
            i,
            w.text,
            round(w.x0 / pdfcheck.MM),
            round(w.y0 / pdfcheck.MM),
            round(w.x1 / pdfcheck.MM),
            round(w.y1 / pdfcheck.MM),
        )
        for i, p in enumerate(made.pdf.pages, 1)
        for w in pdfcheck.outside_text_block(p)
    ]
    assert not out, where(
        made, f"版心（上37 下35 左28 右26 mm，±3 mm）以外的文字（页, 字, 左, 上, 右, 下 mm）：{out[:6]}"
    )


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_every_page_has_its_number(made):
    pages = made.pdf.pages
    first = 2 if made.doc.cover and len(pages) > 1 else 1
    missing = [
        n for n, p in enumerate(pages, 1) if n >= first and not pdfcheck.numbered(p, n, dashes=made.doc.official)
    ]
    style = "“— 1 —”式页码" if made.doc.official else "页码"
    assert not missing, where(made, f"共{len(pages)}页，缺少{style}的页：{missing[:10]}")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_no_rule_codes(made):
    # the flat text too: a code broken over two lines ("LIFE-" / "01") is still a code
    hits = sorted(set(pdfcheck.RULE_CODE.findall(made.pdf.text)) | set(pdfcheck.RULE_CODE.findall(made.pdf.flat)))
    assert not hits, where(made, f"规则编号：{hits[:10]}")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_the_system_does_not_speak(made):
    hits = [
        made.pdf.flat[max(0, i - 12) : i + 14] for i in (m.start() for m in pdfcheck.SYSTEM.finditer(made.pdf.flat))
    ]
    assert not hits, where(made, f"“系统”：{hits[:5]}")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_no_placeholders(made):
    hits = [made.pdf.flat[max(0, m.start() - 10) : m.end() + 10] for m in pdfcheck.PLACEHOLDER.finditer(made.pdf.flat)]
    assert not hits, where(made, f"占位内容：{hits[:6]}")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_no_english_words(made):
    hits = pdfcheck.english_words(made.pdf.text)
    assert not hits, where(made, f"英文：{hits[:12]}（允许：{sorted(pdfcheck.ENGLISH_OK)}）")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_no_sentence_is_said_twice(made):
    twice = pdfcheck.repeated_sentences(made.pdf.flat)
    assert not twice, where(made, f"重复的句子：{twice[:4]}")


@pytest.mark.parametrize("made", ALL, indirect=True)
def test_every_font_is_embedded(made):
    loose = [name for name, emb in made.pdf.fonts if emb != "yes"]
    assert made.pdf.fonts and not loose, where(made, f"未嵌入的字体：{loose}（全部：{made.pdf.fonts}）")


# The first phrase "党员N名/人" not qualified by a kind of member (女党员, 预备党员, 发展党员 …) is the org's total.
_QUALIFIED = (
    "女",
    "男",
    "预备",
    "正式",
    "发展",
    "在职",
    "退休",
    "流动",
    "失联",
    "民族",
    "新",
    "优秀",
    "合格",
    "族",
    "以下",
    "以上",
    "学历",
    "转正",
    "培训",
    "评议",
)
_COUNT = re.compile(r"党员(\d+)[名人]")


def stated_total(flat: str) -> int | None:
    for m in _COUNT.finditer(flat):
        if not flat[: m.start()].endswith(_QUALIFIED):
            return int(m.group(1))
    return None


@pytest.mark.parametrize("made", COUNTED, indirect=True)
def test_the_member_count_is_the_rolls(made, library):
    expected = library.members[(made.doc.org, made.doc.year)]
    said = stated_total(made.pdf.flat)
    assert said == expected, where(made, f"文中党员总数 {said}，{made.doc.year}年末（或今天）名册上的党员 {expected}")


@pytest.mark.parametrize("made", ROSTERS, indirect=True)
def test_the_roster_lists_everyone_on_the_roll_that_day(made, library):
    import openpyxl

    sheet = openpyxl.load_workbook(made.file, read_only=True).worksheets[0]
    rows = [[("" if v is None else str(v)).strip() for v in r] for r in sheet.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if "姓名" in r)
    col = rows[head].index("姓名")
    names = [r[col] for r in rows[head + 1 :] if len(r) > col and r[col] and not r[0].startswith(("合计", "共"))]
    expected = library.members[(made.doc.org, made.doc.year)]
    assert len(names) == expected, where(made, f"花名册 {len(names)} 人，当日名册上的党员 {expected} 人")


def test_the_harness_covers_every_kind_for_each_level_and_both_years(library):
    """A branch, a 党总支 and the bureau; a year with records and one without; and it says where the files are."""
    print(f"文档与首页图片：{library.out}")
    kinds = {d.kind for d in DOCS}
    assert {
        "工作总结",
        "述职报告",
        "台账（Word）",
        "台账（PDF）",
        "党内统计",
        "会议记录本（Word）",
        "花名册（Excel）",
        "花名册（PDF）",
        "民主评议结果",
        "整改台账",
        "档案目录（Excel）",
        "发展党员全程记实表",
        "发展党员备案表",
        "党费年度报表（Excel）",
    } <= kinds
    assert {(d.org, d.year) for d in DOCS if d.year} == {
        (o, y) for o in ("FLZX", "KSEZ", "JBJYJ") for y in (2026, 2024)
    }
    pngs = sorted(library.out.glob("png/*.png"))
    assert len(pngs) == sum(1 for m in library.made.values() if m.pdf), "每份文档的首页都应存为 PNG"

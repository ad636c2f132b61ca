"""Documents rendered from the records (docxtpl): 备案表, 公示 notice, 支部大会决议, 全程记实表."""

import datetime
import io
import re

from docx import Document
from docx.oxml.ns import qn

from tests.lib.office_checks import assert_a4_pdf, assert_official_docx, docx_to_pdf, download_filename

from .conftest import advance, path_2014, path_2026

D = datetime.date


def _text(resp) -> str:
    doc = Document(io.BytesIO(resp.content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_record_summary_lists_every_step(world, login, open_case):
    case = advance(open_case("钱程"), world.alice, path_2014(world))
    r = login(world.alice).get(f"/recruitment/cases/{case.pk}/docs/record.docx")
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    text = _text(r)
    assert "发展党员工作全程记实表" in text
    # issue #16: dates in Chinese ("2023年9月1日"), not ISO; no 检查提示 or rule code in the record
    assert "钱程" in text and "2023年9月1日 | 递交入党申请书" in text
    assert (
        "2025年1月10日 | 支部党员大会讨论接收预备党员 | 应到会有表决权党员9人，实到7人，到会赞成7人，书面赞成1份"
        in text
    )
    assert "转正时间：2026年1月10日" in text and "入党时间：2025年1月10日" in text
    assert "{{" not in text and "{%" not in text
    assert "检查提示" not in text and not re.search(r"\b[A-Z]{2,5}-\d{2}\b", text) and "—" not in text
    assert "培养联系人：王芳、丁伟" in text and "（1—2名正式党员）" not in text
    assert "转正时间：2026年1月10日" in text.splitlines()[-1] and not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_resolution_states_votes_and_probation(world, login, open_case):
    case = advance(open_case("孙悦"), world.alice, path_2014(world), until="approval")
    text = _text(login(world.alice).get(f"/recruitment/cases/{case.pk}/docs/resolution.docx"))
    assert "飞龙中学党支部党员大会决议" in text
    assert "应到会有表决权的正式党员9名，实到会7名" in text and "赞成8票" in text
    assert "同意接收孙悦同志为中共预备党员" in text and "至2026年1月10日止" in text
    assert "2025年1月10日，飞龙中学党支部召开党员大会" in text


def test_conversion_resolution_after_conversion_meeting(world, login, open_case):
    case = advance(open_case("周全"), world.alice, path_2014(world))
    text = _text(login(world.alice).get(f"/recruitment/cases/{case.pk}/docs/resolution.docx"))
    assert "能否按期转为正式党员" in text and "转正时间为2026年1月10日" in text
    assert "预备期自" not in text  # only a 接收 resolution states the probation period


def test_publicity_notice_and_filing_form(world, login, open_case):
    case = advance(open_case("吴桐", applied=D(2025, 3, 10)), world.alice, path_2026(world), until="sponsors_assigned")
    client = login(world.alice)
    notice = _text(client.get(f"/recruitment/cases/{case.pk}/docs/publicity.docx"))
    assert "关于吴桐同志拟确定为发展对象的公示" in notice
    assert "2026年5月25日至2026年5月29日（5个工作日）" in notice and "本校公示栏" in notice
    assert "（女，1995年3月1日出生，大学本科）" in notice  # no "—" for a post not recorded
    filing = _text(client.get(f"/recruitment/cases/{case.pk}/docs/filing.docx"))
    assert "发展对象备案表" in filing and "确定为发展对象时间 | 2026年6月1日" in filing
    assert "入党介绍人 | 王芳、丁伟" in filing and "培养联系人 | 王芳、丁伟" in filing
    # only the outcome that happened (the choice label names both alternatives)
    assert "公示情况 | 2026年5月25日至2026年5月29日，公示无异议" in filing
    assert "或异议已查清" not in filing and "—" not in filing


def test_documents_are_official_with_chinese_names(world, login, open_case):
    case = advance(open_case("吴桐", applied=D(2025, 3, 10)), world.alice, path_2026(world), until="sponsors_assigned")
    client = login(world.alice)
    resp = client.get(f"/recruitment/cases/{case.pk}/docs/publicity.docx")
    assert download_filename(resp) == "飞龙中学党支部吴桐公示.docx"
    doc = assert_official_docx(resp.content, author="飞龙中学党支部")
    assert doc.paragraphs[0].style.name == "Title"
    # 落款 placed per GB/T 9704 (不加盖印章), worked by hand: "2026年5月25日" is 3 characters + 7 half-width
    # digits = 6.5 wide, "飞龙中学党支部" 7; the date would end 0.5 from the edge, so it takes 右空二字 and
    # the name starts 2 characters left of the date: 2 + 6.5 + 2 − 7 = 3.5 characters from the right
    name, date = [p for p in doc.paragraphs if p.style.name == "落款" and p.text]
    assert (name.text, date.text) == ("飞龙中学党支部", "2026年5月25日")
    assert name.paragraph_format.element.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "350"
    for kind in ("filing", "record"):
        assert_official_docx(client.get(f"/recruitment/cases/{case.pk}/docs/{kind}.docx").content)
    text = assert_a4_pdf(docx_to_pdf(resp.content))
    assert "吴桐" in text


def test_templates_name_fonts_only(world):
    import zipfile
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "dangjian" / "recruitment" / "doc_templates"
    for name in ("filing", "publicity", "resolution", "record"):
        with zipfile.ZipFile(folder / f"{name}.docx") as z:
            assert not [n for n in z.namelist() if n.startswith("word/fonts/")]  # no embedded fonts
            assert "仿宋_GB2312" in z.read("word/styles.xml").decode()

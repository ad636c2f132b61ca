"""Documents rendered from the records (docxtpl): 备案表, 公示 notice, 支部大会决议, 全程记实表."""
import datetime
import io

from docx import Document

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
    assert "钱程" in text and "2023-09-01 | 递交入党申请书" in text
    assert "2025-01-10 | 支部党员大会讨论接收预备党员 | 应到会有表决权党员9人，实到7人，到会赞成7人，书面赞成1份" in text
    assert "转正时间：2026-01-10" in text and "入党时间：2025-01-10" in text
    assert "{{" not in text and "{%" not in text


def test_resolution_states_votes_and_probation(world, login, open_case):
    case = advance(open_case("孙悦"), world.alice, path_2014(world), until="approval")
    text = _text(login(world.alice).get(f"/recruitment/cases/{case.pk}/docs/resolution.docx"))
    assert "飞龙中学党支部党员大会决议" in text
    assert "应到会有表决权的正式党员9名，实到会7名" in text and "赞成8票" in text
    assert "同意接收孙悦同志为中共预备党员" in text and "至2026-01-10止" in text


def test_conversion_resolution_after_conversion_meeting(world, login, open_case):
    case = advance(open_case("周全"), world.alice, path_2014(world))
    text = _text(login(world.alice).get(f"/recruitment/cases/{case.pk}/docs/resolution.docx"))
    assert "能否按期转为正式党员" in text and "转正时间为2026-01-10" in text


def test_publicity_notice_and_filing_form(world, login, open_case):
    case = advance(open_case("吴桐", applied=D(2025, 3, 10)), world.alice, path_2026(world), until="sponsors_assigned")
    client = login(world.alice)
    notice = _text(client.get(f"/recruitment/cases/{case.pk}/docs/publicity.docx"))
    assert "关于吴桐同志拟确定为发展对象的公示" in notice
    assert "2026-05-25至2026-05-29（5个工作日）" in notice and "本校公示栏" in notice
    filing = _text(client.get(f"/recruitment/cases/{case.pk}/docs/filing.docx"))
    assert "发展对象备案表" in filing and "确定为发展对象时间 | 2026-06-01" in filing
    assert "入党介绍人 | 王芳、丁伟" in filing and "培养联系人 | 王芳、丁伟" in filing


def test_templates_name_fonts_only(world):
    from pathlib import Path
    import zipfile

    folder = Path(__file__).resolve().parents[2] / "dangjian" / "recruitment" / "doc_templates"
    for name in ("filing", "publicity", "resolution", "record"):
        with zipfile.ZipFile(folder / f"{name}.docx") as z:
            assert not [n for n in z.namelist() if n.startswith("word/fonts/")]  # no embedded fonts
            assert "仿宋_GB2312" in z.read("word/styles.xml").decode()

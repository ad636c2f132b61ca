"""考核 and 整改 as the reports see them: the dashboard's columns, the summary's part and problem, the 台账."""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document

from dangjian.assessment import services as assess
from dangjian.rectification.services import rectification_raise
from tests.assessment.conftest import items, make_rubric, manual_entries

D = datetime.date
YEAR = 2026
TODAY = D(2026, 11, 20)


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assessed(world):
    """BRA finished its 2026 assessment at the bureau with 四星 (88 points); two 整改 items, one overdue."""
    rubric = make_rubric(
        world, rows=items(("阵地建设", 60, "manual", "", False), ("特色活动", 40, "manual", "", False))
    )
    a = rubric.assessments.get(org=world.branch_a)
    assess.scores_save(
        actor=world.alice,
        assessment=a,
        level="self",
        submit=True,
        today=TODAY,
        entries=manual_entries(rubric, {"阵地建设": 58, "特色活动": 38}),
    )
    a = assess.scores_save(
        actor=world.bob,
        assessment=a,
        level="bureau",
        submit=True,
        today=TODAY,
        entries=manual_entries(rubric, {"阵地建设": 55, "特色活动": 33}),
    )
    rectification_raise(
        actor=world.bob,
        org=world.branch_a,
        source="manual",
        source_ref="t:late",
        problem="党员活动室制度未上墙。",
        owner=world.person_a,
        due_date=D(2026, 9, 30),
        raised_on=D(2026, 9, 1),
        year=YEAR,
    )
    rectification_raise(
        actor=world.bob,
        org=world.branch_a,
        source="manual",
        source_ref="t:fine",
        problem="会议记录不完整。",
        owner=world.person_a,
        due_date=D(2026, 12, 30),
        raised_on=D(2026, 9, 1),
        year=YEAR,
    )
    a.refresh_from_db()
    return world, a


def test_dashboard_shows_the_star_and_open_rectifications(assessed, client):
    world, a = assessed
    client.force_login(world.bob)
    resp = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/")
    row = next(r for r in resp.context["rows"] if r["code"] == "BRA")
    assert a.stage == "done" and a.total_bureau == Decimal("88") and a.star == "四星" == row["assessment"]
    assert row["rect_open"] == 2
    html = resp.content.decode()
    assert "考核评星" in html and "整改未销号" in html
    assert "/rectification/org/BRA/?year=2026&amp;status=live" in html


def test_summary_states_the_score_and_names_the_overdue_item(assessed, client):
    world, a = assessed
    client.force_login(world.alice)
    paragraphs = client.get(f"/reports/org/BRA/summary/{YEAR}/").context["paragraphs"]
    text = "\n".join(p["text"] for p in paragraphs)
    assert f"组织的{YEAR}年度党建工作考核中，飞龙中学党支部得分88分，评为四星。" in text
    assert f"{YEAR}年列入整改事项2项，已整改销号0项，正在整改2项" in text
    problems = text.split("二、存在的问题及原因")[1].split("三、下一步工作打算")[0]
    assert "问题整改落实不够及时" in problems and "党员活动室制度未上墙" in problems
    assert "会议记录不完整" not in problems  # not yet due


def test_ledger_has_assessment_and_rectification_chapters(assessed, client):
    world, a = assessed
    client.force_login(world.alice)
    doc = Document(io.BytesIO(client.get(f"/reports/org/BRA/ledger/{YEAR}.docx").content))
    assert {"九、考核评星", "十、整改台账"} <= {p.text for p in doc.paragraphs}
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "党员活动室制度未上墙。" in cells and "88.0" in cells and "四星" in cells and "王芳" in cells

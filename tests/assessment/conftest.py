"""Helpers for assessment tests: a rubric for the bureau of the `world` fixture, published and opened."""

import datetime
from decimal import Decimal

import pytest

YEAR = 2026
TODAY = datetime.date(2026, 11, 20)


def items(*rows):
    """rows: (title, weight, mode, indicator, evidence_required)."""
    return [
        {
            "category": "党建工作",
            "title": t,
            "standard": f"{t}的考核标准",
            "weight": Decimal(str(w)),
            "mode": m,
            "indicator": ind,
            "evidence_required": ev,
        }
        for t, w, m, ind, ev in rows
    ]


STANDARD = items(
    ("三会一课", 40, "auto", "meetings_held", False),
    ("党费收缴", 20, "auto", "dues_on_time", False),
    ("阵地建设", 30, "manual", "", True),
    ("特色活动", 10, "manual", "", False),
)
THRESHOLDS = [{"name": "五星", "min": "95"}, {"name": "四星", "min": "85"}, {"name": "三星", "min": "75"}]


def make_rubric(world, *, rows=STANDARD, org=None, publish=True, open_=True, **kw):
    from dangjian.assessment import services

    values = dict(
        year=YEAR,
        title=f"{YEAR}年度党支部工作考核细则",
        total=Decimal("100"),
        thresholds=THRESHOLDS,
        self_due=datetime.date(2026, 12, 10),
        school_due=datetime.date(2026, 12, 20),
        bureau_due=datetime.date(2026, 12, 31),
    )
    values.update(kw)
    rubric = services.rubric_save(actor=world.bob, org=org or world.bureau, items=rows, **values)
    if publish:
        rubric = services.rubric_publish(actor=world.bob, rubric=rubric)
    if publish and open_:
        services.rubric_open(actor=world.bob, rubric=rubric)
    return rubric


def manual_entries(rubric, points: dict, **extra):
    """points: title → value for the manual items."""
    out = []
    for it in rubric.items.all():
        if it.title in points:
            entry = {"item": it.pk, "points": points[it.title], "comment": extra.get("comment", "按标准评分")}
            if it.title in extra.get("note", {}):
                entry["evidence_note"] = extra["note"][it.title]
            out.append(entry)
    return out


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    """Evidence uploads go to a temporary directory, never the dev data dir."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rubric(world):
    return make_rubric(world)


@pytest.fixture
def assessment_a(rubric, world):
    return rubric.assessments.get(org=world.branch_a)

"""Automatic indicators equal what the records say, built through the other apps' services; one bulk pass."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.assessment import services
from dangjian.assessment.indicators import compute, points_for
from dangjian.assessment.models import Score
from dangjian.dues import services as dues
from dangjian.meetings.models import Kind
from dangjian.orgs.services import org_create
from tests.conftest import add_person
from tests.meetings.conftest import hold

from .conftest import TODAY, YEAR, items, make_rubric

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def brc(world):
    """A branch with no 党小组 and no 支委会: required are 党员大会 and 党课 quarterly, 主题党日 monthly, plus the
    yearly 组织生活会 and 谈心谈话 (not yet due on 2026-11-20)."""
    org = org_create(actor=world.admin, kind="branch", name="第三小学党支部", code="BRC", parent=world.bureau)
    world.brc = org
    world.brc_person = add_person(org, "赵敏", actor=world.admin, seq=7)
    return world


def test_meetings_held_share(brc):
    hold(brc.brc, Kind.GENERAL_MEETING, D(2026, 2, 10), topic="支部党员大会")
    hold(brc.brc, Kind.GENERAL_MEETING, D(2026, 5, 10), topic="支部党员大会")
    hold(brc.brc, Kind.THEME_DAY, D(2026, 3, 5), topic="主题党日")
    r = compute(brc.brc, YEAR, TODAY, ["meetings_held"])[brc.brc.id]["meetings_held"]
    # due by 11-20: 党员大会 Q1–Q3 (3) + 党课 Q1–Q3 (3) + 主题党日 Jan–Oct (10) = 16; held: 2 大会 + 1 党日
    assert r.evidence == "应开 16 期，已开 3 期"
    assert r.ratio == Decimal("0.1875") and points_for(Decimal("40"), r.ratio) == Decimal("7.5")
    assert r.url == f"/meetings/org/BRC/calendar/{YEAR}/"


def test_dues_paid_in_the_month_charged_count_as_on_time(brc):
    p = brc.brc_person
    dues.base_set(actor=brc.admin, person=p, effective_month="2026-01", base="7650")
    for m in range(1, 11):
        dues.charges_generate(actor=brc.admin, org=brc.brc, month=D(2026, m, 1))
    pay = lambda months, on: dues.payment_record(actor=brc.admin, person=p, paid_on=on, months=months)  # noqa: E731
    pay(["2026-01"], D(2026, 1, 10))  # on time
    pay(["2026-02", "2026-03"], D(2026, 3, 25))  # February late, March on time
    wrong = pay(["2026-04"], D(2026, 4, 10))  # reversed: not paid
    dues.payment_reverse(actor=brc.admin, payment=wrong, reason="录入错误", on=D(2026, 4, 11))
    pay(["2026-05", "2026-06"], D(2026, 5, 10))  # May on time, June paid in advance: on time
    pay(["2026-07"], D(2026, 8, 3))  # late
    r = compute(brc.brc, YEAR, TODAY, ["dues_on_time"])[brc.brc.id]["dues_on_time"]
    assert r.evidence == "应交 10 人·月，按月按时交纳 4 人·月"
    assert r.ratio == Decimal("0.4") and points_for(Decimal("20"), r.ratio) == Decimal("8.0")
    assert r.url == "/dues/org/BRC/ledger/"


def test_a_month_paid_again_on_time_after_a_reversal_counts_once(brc):
    p = brc.brc_person
    dues.base_set(actor=brc.admin, person=p, effective_month="2026-01", base="7650")
    for m in (1, 2, 3):
        dues.charges_generate(actor=brc.admin, org=brc.brc, month=D(2026, m, 1))
    pay = lambda months, on: dues.payment_record(actor=brc.admin, person=p, paid_on=on, months=months)  # noqa: E731
    wrong = pay(["2026-01"], D(2026, 1, 5))
    dues.payment_reverse(actor=brc.admin, payment=wrong, reason="金额有误", on=D(2026, 1, 6))
    pay(["2026-01"], D(2026, 1, 20))  # paid again within January: on time, counted once
    late = pay(["2026-02"], D(2026, 3, 2))  # late, then reversed and paid late again
    dues.payment_reverse(actor=brc.admin, payment=late, reason="重复录入", on=D(2026, 3, 3))
    pay(["2026-02"], D(2026, 3, 9))
    r = compute(brc.brc, YEAR, TODAY, ["dues_on_time"])[brc.brc.id]["dues_on_time"]
    assert r.evidence == "应交 3 人·月，按月按时交纳 1 人·月"


def test_plan_appraisal_study_disclosure_and_rectification(brc):
    from dangjian.learning.services import record_create
    from dangjian.recruitment.models import DevelopmentPlan
    from dangjian.rectification.services import rectification_raise

    DevelopmentPlan.objects.create(org=brc.brc, year=YEAR, planned_count=2)
    record_create(
        actor=brc.admin,
        org=brc.brc,
        person=brc.brc_person,
        date=D(2026, 3, 1),
        kind="lecture",
        title="专题讲座",
        hours=40,
    )
    rectification_raise(
        actor=brc.bob,
        org=brc.brc,
        source="manual",
        source_ref="",
        problem="党员活动室台账不全",
        due_date=D(2026, 11, 1),
        raised_on=D(2026, 10, 1),
    )
    res = compute(brc.brc, YEAR, TODAY)[brc.brc.id]
    assert res["development_plan"].evidence == "计划发展 2 人，实际发展 0 人" and res["development_plan"].ratio == 0
    assert res["appraisal_done"].ratio == 0 and "未开展" in res["appraisal_done"].evidence
    assert res["study_hours"].evidence == "在册党员 1 人，学时达标 1 人" and res["study_hours"].ratio == 1
    assert res["disclosure_done"].evidence == f"{YEAR}年已发布党务公开 0 项" and res["disclosure_done"].ratio == 0
    assert res["rectification_closed"].evidence == "到期整改事项 1 项，按期完成销号 0 项"
    assert res["rectification_closed"].ratio == 0
    assert res["rectification_closed"].url == f"/rectification/org/BRC/?year={YEAR}"
    # BRA: 2 members without study hours, no plan, no rectification due
    bra = compute(brc.bureau, YEAR, TODAY)[brc.branch_a.id]
    assert bra["study_hours"].evidence == "在册党员 2 人，学时达标 0 人"
    assert bra["development_plan"].evidence.startswith(f"未制定{YEAR}年发展党员计划")
    assert bra["rectification_closed"].ratio == 1


def test_auto_scores_are_snapshotted_at_submission(brc):
    rubric = make_rubric(
        brc, rows=items(("三会一课", 40, "auto", "meetings_held", False), ("学习", 60, "manual", "", False))
    )
    a = rubric.assessments.get(org=brc.brc)
    hold(brc.brc, Kind.GENERAL_MEETING, D(2026, 2, 10), topic="支部党员大会")
    learn = rubric.items.get(title="学习")
    services.scores_save(
        actor=brc.admin,
        assessment=a,
        level="self",
        submit=True,
        today=TODAY,
        entries=[{"item": learn.pk, "points": "50"}],
    )
    s = Score.objects.get(assessment=a, level="self", item__title="三会一课")
    assert (s.points, s.auto_evidence) == (Decimal("2.5"), "应开 16 期，已开 1 期")
    hold(brc.brc, Kind.GENERAL_MEETING, D(2026, 5, 10), topic="支部党员大会")  # later records do not change it
    s.refresh_from_db()
    assert s.points == Decimal("2.5")
    a.refresh_from_db()
    assert a.total_self == Decimal("52.5")


def test_compute_is_bulk_whatever_the_number_of_branches(brc):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            compute(brc.bureau, YEAR, TODAY)
        return len(ctx.captured_queries)

    few = queries()
    for i in range(6):
        b = org_create(actor=brc.admin, kind="branch", name=f"第{i}支部", code=f"X{i}", parent=brc.bureau)
        add_person(b, f"党员{i}", actor=brc.admin, seq=20 + i)
    assert queries() == few
    assert len(compute(brc.bureau, YEAR, TODAY)) == 8

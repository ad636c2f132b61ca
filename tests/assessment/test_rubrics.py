"""The bureau writes its 考核细则: validation names the item and field and saves nothing; publish freezes; copy."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import Assessment, Rubric, RubricItem
from dangjian.core.models import AuditEvent
from dangjian.orgs.services import org_create

from .conftest import STANDARD, YEAR, items, make_rubric

pytestmark = pytest.mark.django_db


def test_weights_must_sum_to_the_declared_total_and_nothing_is_saved(world):
    rows = items(
        ("三会一课", 40, "auto", "meetings_held", False),
        ("党费", 20, "auto", "dues_on_time", False),
        ("阵地建设", 38, "manual", "", True),
    )
    with pytest.raises(ValidationError) as exc:
        make_rubric(world, rows=rows, publish=False)
    assert "各项“分值”合计 98 分，与“总分” 100 分不符" in str(exc.value)
    assert Rubric.objects.count() == 0 and RubricItem.objects.count() == 0


def test_item_errors_name_the_row_and_field(world):
    rows = items(("三会一课", 50, "auto", "", False), ("", 50, "manual", "", False))
    rows[1]["weight"] = "abc"
    with pytest.raises(ValidationError) as exc:
        make_rubric(world, rows=rows, publish=False)
    text = " ".join(exc.value.messages)
    assert "第1项“三会一课”：自动指标项须选择“自动指标”" in text
    assert "第2项：请填写“考核项目”" in text and "第2项：“分值”应为数字" in text
    assert Rubric.objects.count() == 0


def test_a_branch_cannot_write_a_rubric_and_out_of_scope_is_404(world):
    from django.http import Http404

    with pytest.raises(ValidationError, match="党支部不能制定"):
        services.rubric_save(
            actor=world.alice, org=world.branch_a, year=YEAR, title="细则", items=STANDARD, thresholds=[]
        )
    with pytest.raises(Http404):
        services.rubric_save(
            actor=world.charlie, org=world.bureau, year=YEAR, title="细则", items=STANDARD, thresholds=[]
        )


def test_published_rubric_is_frozen_and_copied_for_next_year(world):
    rubric = make_rubric(world, open_=False)
    assert rubric.status == "published"
    with pytest.raises(ValidationError, match="已发布的考核细则不能修改"):
        services.rubric_save(actor=world.bob, rubric=rubric, org=world.bureau, year=YEAR, title="改", items=STANDARD)
    assert rubric.items.count() == 4
    new = services.rubric_copy(actor=world.bob, rubric=rubric)
    assert new.status == "draft" and new.year == YEAR + 1 and new.title == f"{YEAR + 1}年度党支部工作考核细则"
    assert [i.title for i in new.items.all()] == [i.title for i in rubric.items.all()]
    assert new.self_due == datetime.date(YEAR + 1, 12, 10) and new.thresholds == rubric.thresholds
    assert AuditEvent.objects.filter(kind="assessment.rubric_copy", subject_id=new.pk).exists()


def test_opening_creates_one_assessment_per_active_branch_with_the_school_level(world):
    school = org_create(actor=world.admin, kind="general_branch", name="第二中学党总支", code="EZ", parent=world.bureau)
    b1 = org_create(actor=world.admin, kind="branch", name="第二中学第一支部", code="EZ-1", parent=school)
    rubric = make_rubric(world, open_=False)
    assert services.rubric_open(actor=world.bob, rubric=rubric) == 2  # BRA and EZ-1; BRB is another bureau's
    by_org = {a.org.code: a for a in Assessment.objects.filter(rubric=rubric)}
    assert set(by_org) == {"BRA", "EZ-1"}
    assert by_org["BRA"].school is None and by_org["EZ-1"].school == school
    assert services.rubric_open(actor=world.bob, rubric=rubric) == 0  # idempotent
    assert b1.assessments.get().log.get().action == "open"


def test_opening_needs_a_published_rubric(world):
    rubric = make_rubric(world, publish=False)
    with pytest.raises(ValidationError, match="请先发布"):
        services.rubric_open(actor=world.bob, rubric=rubric)


def test_thresholds_are_validated(world):
    with pytest.raises(ValidationError, match="星级“五星”：最低分应为0至总分之间的数字"):
        make_rubric(world, publish=False, thresholds=[{"name": "五星", "min": "120"}])
    r = make_rubric(world, publish=False, thresholds=[{"name": "三星", "min": "75"}, {"name": "五星", "min": "95"}])
    assert [t["name"] for t in r.thresholds] == ["五星", "三星"]
    assert r.total == Decimal("100") and r.show_ranking is False

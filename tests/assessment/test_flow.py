"""Three levels: self → (school) → bureau, return with a reason, evidence required, star ratings, status log."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import AssessmentLog, Score
from dangjian.assessment.services import star_for
from dangjian.core.models import AuditEvent
from dangjian.orgs.services import org_create

from .conftest import THRESHOLDS, TODAY, make_rubric, manual_entries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "total,star",
    [
        (Decimal("100"), "五星"),
        (Decimal("95"), "五星"),
        (Decimal("94.9"), "四星"),
        (Decimal("85"), "四星"),
        (Decimal("84.9"), "三星"),
        (Decimal("75"), "三星"),
        (Decimal("74.9"), ""),
        (Decimal("0"), ""),
    ],
)
def test_star_boundaries_follow_the_thresholds(total, star):
    assert star_for(THRESHOLDS, total) == star


def _save(world, a, level, points, *, user=None, submit=False, note=None):
    return services.scores_save(
        actor=user or {"self": world.alice, "bureau": world.bob}[level],
        assessment=a,
        level=level,
        entries=manual_entries(a.rubric, points, note=note or {}),
        submit=submit,
        today=TODAY,
    )


def test_manual_item_flagged_for_evidence_cannot_be_submitted_without_it(world, assessment_a):
    with pytest.raises(ValidationError) as exc:
        _save(world, assessment_a, "self", {"阵地建设": 28, "特色活动": 9}, submit=True)
    assert "第3项“阵地建设”：本项须上传佐证材料或填写佐证说明" in exc.value.messages
    assessment_a.refresh_from_db()
    assert assessment_a.stage == "self" and not Score.objects.exists()


def test_points_above_the_weight_are_refused_naming_the_item(world, assessment_a):
    with pytest.raises(ValidationError, match="第4项“特色活动”：“得分”应在0至10分之间"):
        _save(world, assessment_a, "self", {"特色活动": 11})


def test_full_flow_with_return_ends_with_a_star(world, assessment_a):
    a = _save(
        world,
        assessment_a,
        "self",
        {"阵地建设": 28, "特色活动": 9},
        submit=True,
        note={"阵地建设": "党员活动室已建成，照片见附件"},
    )
    assert a.stage == "bureau"  # BRA sits directly under the bureau: no school level
    assert a.total_self == Decimal("37.0")  # 28 + 9 + the auto items (no meetings, no dues records: 0)
    auto = Score.objects.get(assessment=a, level="self", item__title="三会一课")
    assert auto.points == 0 and auto.auto_evidence.startswith("应开 ")
    # alice may not write the bureau's level
    with pytest.raises(PermissionDenied):
        _save(world, a, "bureau", {"阵地建设": 30, "特色活动": 10}, user=world.alice)
    with pytest.raises(ValidationError, match="请填写“退回原因”"):
        services.assessment_return(actor=world.bob, assessment=a, reason=" ")
    a = services.assessment_return(actor=world.bob, assessment=a, reason="阵地建设佐证不足")
    assert a.stage == "self" and a.return_reason == "阵地建设佐证不足" and a.total_self is None
    a = _save(world, a, "self", {"阵地建设": 27, "特色活动": 9}, submit=True)
    assert a.stage == "bureau" and a.return_reason == ""
    # bob may not write in the branch's name
    with pytest.raises(ValidationError, match="当前环节为“待局党委考核”"):
        _save(world, a, "self", {"阵地建设": 30}, user=world.bob)
    a = _save(world, a, "bureau", {"阵地建设": 26, "特色活动": 8}, submit=True)
    assert a.stage == "done" and a.total_bureau == Decimal("34.0") and a.star == ""
    actions = list(AssessmentLog.objects.filter(assessment=a).values_list("action", flat=True))
    assert actions == ["open", "submit", "return", "submit", "finish"]
    kinds = set(AuditEvent.objects.filter(subject_type="assessment", subject_id=a.pk).values_list("kind", flat=True))
    assert {"assessment.submit", "assessment.return", "assessment.finish"} <= kinds


def test_school_level_sits_between_branch_and_bureau(world):
    school = org_create(actor=world.admin, kind="general_branch", name="第二中学党总支", code="EZ", parent=world.bureau)
    branch = org_create(actor=world.admin, kind="branch", name="第二中学第一支部", code="EZ-1", parent=school)
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment

    sec = User.objects.create_user("ez1", "", "pw-ez1")
    RoleAssignment.objects.create(user=sec, org=branch, role="secretary")
    head = User.objects.create_user("ez", "", "pw-ez")
    RoleAssignment.objects.create(user=head, org=school, role="secretary")
    rubric = make_rubric(world)
    a = rubric.assessments.get(org=branch)
    assert services.user_level(sec, a) == "self" and services.user_level(head, a) == "school"
    assert services.user_level(world.bob, a) == "bureau"
    a = _save(world, a, "self", {"阵地建设": 30, "特色活动": 10}, user=sec, submit=True, note={"阵地建设": "有"})
    assert a.stage == "school"
    with pytest.raises(PermissionDenied):
        _save(world, a, "school", {"阵地建设": 30, "特色活动": 10}, user=sec)
    a = services.assessment_return(actor=head, assessment=a, reason="请补充特色活动材料")
    assert a.stage == "self"
    a = _save(world, a, "self", {"阵地建设": 30, "特色活动": 10}, user=sec, submit=True)
    a = _save(world, a, "school", {"阵地建设": 29, "特色活动": 10}, user=head, submit=True)
    assert a.stage == "bureau" and a.total_school == Decimal("39.0")
    a = services.assessment_return(actor=world.bob, assessment=a, reason="学校审核意见不完整")
    assert a.stage == "school"
    a = _save(world, a, "school", {"阵地建设": 29, "特色活动": 10}, user=head, submit=True)
    a = _save(world, a, "bureau", {"阵地建设": 30, "特色活动": 10}, submit=True)
    assert a.stage == "done" and a.total_bureau == Decimal("40.0")

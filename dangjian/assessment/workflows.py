"""The status workflows of 党建工作考核, declared for core.workflow.

An assessment's stage: 支部自评 → (学校审核) → 局党委考核 → 已完成, forward when a level submits its scores, back
(退回, with a reason) to the level below; logged in AssessmentLog, the page's timeline. A rubric: 草稿 → 已发布.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.workflow import Change, Workflow, register
from dangjian.lib import clock

from .models import LEVEL_ZH, TRANSITIONS, Assessment, AssessmentLog, AssessmentStage, Rubric, RubricStatus, Score
from .services.assessments import can_act, next_level, prev_level, star_for

RUBRIC_TRANSITIONS = {RubricStatus.DRAFT: (RubricStatus.PUBLISHED,), RubricStatus.PUBLISHED: ()}
ORDER = [s.value for s in AssessmentStage]


def next_stages(a: Assessment) -> list:
    """The stages this assessment may move to now: the table's moves that fit its levels (submit to the level
    above, or return to the level below; the school level is skipped when the assessment has no school)."""
    if a.stage == AssessmentStage.DONE:
        return []
    fits = {next_level(a, a.stage) or AssessmentStage.DONE, prev_level(a, a.stage)}
    return [s for s in workflow.available_statuses(a, "stage") if s in fits]


def require_manage(actor, org) -> None:
    """Every assessment write checks scope itself: out of scope is 404. ``actor=None`` is the system."""
    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def is_return(c: Change) -> bool:
    return ORDER.index(c.to) < ORDER.index(c.before)


def _action(c: Change) -> str:
    if is_return(c):
        return "return"
    return "finish" if c.to == AssessmentStage.DONE else "submit"


def _guard(c: Change) -> None:
    a, level = c.obj, c.before
    require_manage(c.actor, a.org)
    if is_return(c):
        if c.to != prev_level(a, level):
            raise ValidationError({"stage": f"“{LEVEL_ZH[level]}”只能退回到下一级"})
        if c.actor is not None and not can_act(c.actor, a, level):
            raise PermissionDenied(f"您无权退回“{a.get_stage_display()}”的考核")
        if not c.note:
            raise ValidationError({"reason": "请填写“退回原因”"})
        return
    if c.to != (next_level(a, level) or AssessmentStage.DONE):
        raise ValidationError({"stage": f"“{LEVEL_ZH[level]}”提交后应转到下一级，不能跳过"})
    if c.actor is not None and not can_act(c.actor, a, level):
        raise PermissionDenied(f"您无权填写“{LEVEL_ZH[level]}”")


def _effects(c: Change) -> None:
    a = c.obj
    if is_return(c):
        a.return_reason = c.note[:300]
        setattr(a, f"total_{c.to}", None)
        c.saved.update({"return_reason", f"total_{c.to}"})
        c.audit.update(stage=[c.before, c.to], reason=c.note)
        return
    level = c.before
    total = sum(Score.objects.filter(assessment=a, level=level).values_list("points", flat=True), Decimal("0"))
    setattr(a, f"total_{level}", total)
    a.started, a.return_reason = True, ""
    c.saved.update({"started", f"total_{level}", "return_reason"})
    if c.to == AssessmentStage.DONE:
        a.star, a.finished_at = star_for(a.rubric.thresholds, total), clock.now()
        c.saved.update({"star", "finished_at"})
    c.audit.update(
        level=level,
        stage=[c.before, c.to],
        points=c.extra.get("points", {}),
        total=str(total),
        star=a.star,
        files=c.extra.get("files", 0),
    )


def _log(c: Change) -> None:
    # AssessmentLog is the page's timeline (who submitted or returned which level), so it stays the log.
    a, action = c.obj, _action(c)
    if action == "return":
        note = c.note
    else:
        total = getattr(a, f"total_{c.before}")
        note = f"得分 {total}" + (f"，{a.star}" if a.star and action == "finish" else "")
    AssessmentLog.objects.create(
        assessment=a,
        actor=c.actor if getattr(c.actor, "pk", None) else None,
        action=action,
        level=c.before,
        from_stage=c.before,
        to_stage=c.to,
        note=note[:300],
    )


ASSESSMENT = register(
    Workflow(
        model=Assessment,
        table=TRANSITIONS,
        audit_kind=lambda c: f"assessment.{_action(c)}",
        choices=AssessmentStage,
        field="stage",
        guard=_guard,
        effects=_effects,
        log=_log,
        error_key="stage",
    )
)


def _rubric_guard(c: Change) -> None:
    from .services.rubrics import ITEM_FIELDS, rubric_validate

    rubric = c.obj
    require_manage(c.actor, rubric.org)
    items = [{k: getattr(it, k) for k in ITEM_FIELDS} for it in rubric.items.all()]
    rubric_validate(
        org=rubric.org,
        year=rubric.year,
        title=rubric.title,
        total=rubric.total,
        thresholds=rubric.thresholds,
        items=items,
        self_due=rubric.self_due,
        school_due=rubric.school_due,
        bureau_due=rubric.bureau_due,
    )
    c.audit.update(items=len(items), total=str(rubric.total))


def _rubric_effects(c: Change) -> None:
    c.obj.published_at = clock.now()
    c.saved.add("published_at")


RUBRIC = register(
    Workflow(
        model=Rubric,
        table=RUBRIC_TRANSITIONS,
        audit_kind="assessment.rubric_publish",
        choices=RubricStatus,
        guard=_rubric_guard,
        effects=_rubric_effects,
    )
)

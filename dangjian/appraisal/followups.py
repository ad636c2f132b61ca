"""Follow-up of 基本合格 (improvement plan, EVAL-01) and 不合格 (限期改正 → 劝退 → 除名, MGMT-06).

劝退 and 除名 need a 支部党员大会 decision (a meeting of that org) and upper approval; 劝退 follows a
限期改正 whose period has ended. The engine flags; people decide — nobody is removed from the roll here.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, workflow
from dangjian.rules.membership import correction_deadline, disposal_findings

from .models import CycleStage, Evaluation, FollowUp, FollowUpStatus, FollowUpStep
from .settings import cycle_settings
from .workflows import require_manage

PREVIOUS = {FollowUpStep.PERSUADE: FollowUpStep.CORRECTION, FollowUpStep.REMOVE: FollowUpStep.PERSUADE}
FIELDS = ["step", "started_on", "deadline", "content", "meeting", "approved_on", "approval_ref", "status", "closed_on"]


def followup_create(
    *,
    actor,
    evaluation: Evaluation,
    step: str,
    started_on: datetime.date,
    content: str,
    deadline: datetime.date | None = None,
    meeting=None,
    approved_on: datetime.date | None = None,
    approval_ref: str = "",
) -> FollowUp:
    cycle = evaluation.cycle
    require_manage(actor, cycle.org)
    settings = cycle_settings(cycle)
    if cycle.stage not in (CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED):
        raise ValidationError({"step": "评议结果告知本人后才能登记整改或处置"})
    if step not in FollowUpStep.values:
        raise ValidationError({"step": "处置环节无效"})
    if not (content or "").strip():
        raise ValidationError({"content": "请填写措施或决定内容"})
    grade = evaluation.grade
    if step == FollowUpStep.IMPROVEMENT_PLAN:
        if grade != "basically_qualified":
            raise ValidationError({"step": "改进措施用于评为基本合格的党员"})
        if deadline is None:
            raise ValidationError({"deadline": "请填写改进期限"})
    else:
        if grade != "unqualified":
            raise ValidationError({"step": "限期改正、劝退、除名只适用于评为不合格的党员（MGMT-06）"})
        if step == FollowUpStep.CORRECTION:
            deadline = deadline or correction_deadline(started_on, settings)
        else:
            prev = evaluation.followups.filter(step=PREVIOUS[step]).order_by("-started_on").first()
            if prev is None:
                label = "限期改正" if step == FollowUpStep.PERSUADE else "劝退"
                raise ValidationError({"step": f"须先经过{label}（MGMT-06）"})
            if meeting is not None and meeting.org_id != cycle.org_id:
                raise ValidationError({"meeting": "所选会议不是本支部的支部党员大会"})
            if meeting is not None and meeting.kind != "general_meeting":
                raise ValidationError({"meeting": "须由支部党员大会讨论决定"})
            correction = evaluation.followups.filter(step=FollowUpStep.CORRECTION).order_by("started_on").first()
            findings = disposal_findings(
                step,
                branch_resolution=meeting is not None,
                upper_approval=approved_on is not None,
                correction_started=correction.started_on if correction else None,
                decided_on=started_on,
                settings=settings,
                subject=evaluation.person.name,
            )
            errors = [f.message_zh for f in findings if f.level == "error" or f.code == "CORRECTION_NOT_OVER"]
            if errors:
                raise ValidationError({"step": errors})
    if deadline and deadline < started_on:
        raise ValidationError({"deadline": "期限不能早于开始日期"})
    with transaction.atomic():
        removed = step == FollowUpStep.REMOVE  # 除名 is the last step: recorded as done
        item = FollowUp(
            evaluation=evaluation,
            status=FollowUpStatus.RESOLVED if removed else FollowUpStatus.OPEN,
            closed_on=started_on if removed else None,
            step=step,
            started_on=started_on,
            deadline=deadline,
            content=content.strip(),
            meeting=meeting,
            approved_on=approved_on,
            approval_ref=approval_ref,
            created_by=actor,
        )
        item.full_clean()
        item.save()
        if step in PREVIOUS:  # the step before is over: it moved on to this one
            for prev in evaluation.followups.filter(step=PREVIOUS[step], status=FollowUpStatus.OPEN):
                workflow.set_status(
                    actor=actor,
                    obj=prev,
                    to=FollowUpStatus.ESCALATED,
                    note=f"转入{item.get_step_display()}",
                    on=started_on,
                )
        audit.record(
            actor=actor, org=cycle.org, kind="appraisal.followup", subject=item, data=audit.snapshot(item, FIELDS)
        )
    return item


def followup_close(*, actor, item: FollowUp, closed_on: datetime.date, note: str = "") -> FollowUp:
    """Mark an open plan or 限期改正 as done (the member improved), through the follow-up workflow."""
    if item.status != FollowUpStatus.OPEN:
        raise ValidationError({"status": "该记录已经结束"})
    return workflow.set_status(actor=actor, obj=item, to=FollowUpStatus.RESOLVED, note=note, on=closed_on)

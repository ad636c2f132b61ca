"""The two status workflows of 民主评议党员, declared for core.workflow.

The cycle's stage (LIFE-08, EVAL-01): 学习准备 → 个人自评 → 党员互评 → 民主测评 → 支部评定 → 上级审核 → 结果告知
→ (整改跟踪) → 已结束, forward one step or back one step to correct, logged in StageChange (the page's timeline).
A follow-up (MGMT-06): 进行中 → 已改正/已完成, or → 转入下一步处置 when the next step is decided.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core.workflow import Change, Workflow, register
from dangjian.lib import clock
from dangjian.rules import appraisal as rules

from .models import AppraisalCycle, CycleStage, FollowUp, FollowUpStatus, StageChange, TallySource, VoteTally
from .settings import cycle_settings

# Forward one step, or back one step to correct (no skipping); 结果告知 may close at once when nobody needs
# a follow-up.
TRANSITIONS = {
    CycleStage.PREPARATION: (CycleStage.SELF_EVALUATION,),
    CycleStage.SELF_EVALUATION: (CycleStage.MUTUAL_EVALUATION, CycleStage.PREPARATION),
    CycleStage.MUTUAL_EVALUATION: (CycleStage.VOTING, CycleStage.SELF_EVALUATION),
    CycleStage.VOTING: (CycleStage.ASSESSMENT, CycleStage.MUTUAL_EVALUATION),
    CycleStage.ASSESSMENT: (CycleStage.REVIEW, CycleStage.VOTING),
    CycleStage.REVIEW: (CycleStage.NOTIFIED, CycleStage.ASSESSMENT),
    CycleStage.NOTIFIED: (CycleStage.FOLLOWUP, CycleStage.CLOSED),
    CycleStage.FOLLOWUP: (CycleStage.CLOSED,),
    CycleStage.CLOSED: (),
}

FOLLOWUP_TRANSITIONS = {
    FollowUpStatus.OPEN: (FollowUpStatus.RESOLVED, FollowUpStatus.ESCALATED),
    FollowUpStatus.RESOLVED: (),
    FollowUpStatus.ESCALATED: (),
}


def require_manage(actor, org) -> None:
    """Every appraisal write checks scope itself: out of scope is 404. ``actor=None`` is the system (demo)."""
    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def ensure_online_tallies(cycle) -> None:
    """Create every (member, grade) online tally at zero before any vote, so row order reveals nothing."""
    codes = [c for c, _ in rules.grade_choices(cycle_settings(cycle))]
    have = set(
        VoteTally.objects.filter(evaluation__cycle=cycle, source=TallySource.ONLINE).values_list(
            "evaluation_id", "grade"
        )
    )
    VoteTally.objects.bulk_create(
        [
            VoteTally(evaluation_id=eid, grade=g, source=TallySource.ONLINE)
            for eid in cycle.evaluations.values_list("id", flat=True)
            for g in codes
            if (eid, g) not in have
        ]
    )


def _cycle_guard(c: Change) -> None:
    cycle, to = c.obj, c.to
    require_manage(c.actor, cycle.org)
    evals = cycle.evaluations.all()
    if to == CycleStage.REVIEW:
        missing = list(evals.filter(grade="").values_list("person__name", flat=True))
        if missing:
            raise ValidationError({"stage": f"以下党员尚未评定等次：{'、'.join(missing)}"})
    if to == CycleStage.CLOSED:
        need = []
        for name, grade, n in (
            evals.filter(grade__in=["basically_qualified", "unqualified"])
            .values_list("person__name", "grade")
            .annotate(n=Count("followups"))
        ):
            if n == 0:
                need.append(
                    f"{name}（{'基本合格，须制定改进措施' if grade == 'basically_qualified' else '不合格，须作出组织处置'}）"
                )
        if need:
            raise ValidationError({"stage": "尚未登记整改或处置：" + "；".join(need)})


def _cycle_effects(c: Change) -> None:
    cycle, to = c.obj, c.to
    if to == CycleStage.VOTING:
        ensure_online_tallies(cycle)
    if to == CycleStage.REVIEW and cycle.reported_on is None:
        cycle.reported_on = c.on
    if to == CycleStage.NOTIFIED:
        cycle.evaluations.filter(told_on__isnull=True).update(told_on=c.on)
    cycle.closed_at = clock.now() if to == CycleStage.CLOSED else None
    c.saved.update({"closed_at", "reported_on"})
    c.audit["stage"] = [c.before, to]  # the shape the audit trail had before the shared mechanism


def _cycle_log(c: Change) -> None:
    # StageChange is the cycle page's timeline, so the cycle keeps its own log model.
    actor = c.actor if getattr(c.actor, "pk", None) else None
    StageChange.objects.create(cycle=c.obj, from_stage=c.before, to_stage=c.to, actor=actor, note=c.note[:200])


def _cycle_after(c: Change) -> None:
    if c.to == CycleStage.NOTIFIED:
        propose_result_notice(c.actor, c.obj)


def propose_result_notice(actor, cycle: AppraisalCycle) -> None:
    """Record once: the result notice becomes a 党务公开 item (PUB-01) for the secretary to publish."""
    from dangjian.disclosure.services import disclosure_propose

    from .selectors import result_notice

    notice = result_notice(cycle)
    disclosure_propose(
        actor=actor,
        org=cycle.org,
        topic="appraisal",
        scope="branch",
        title=notice["title_zh"],
        content=notice["body_zh"],
        source="民主评议结果",
        source_ref=f"/appraisal/{cycle.pk}/",
    )


CYCLE = register(
    Workflow(
        model=AppraisalCycle,
        table=TRANSITIONS,
        audit_kind="appraisal.stage",
        choices=CycleStage,
        field="stage",
        guard=_cycle_guard,
        effects=_cycle_effects,
        after=_cycle_after,
        log=_cycle_log,
        error_key="stage",
        refused="不能从“{before}”转到“{to}”",  # the cycle page's wording, checked on the locked row
    )
)


def _followup_org(item: FollowUp):
    return item.evaluation.cycle.org


def _followup_guard(c: Change) -> None:
    require_manage(c.actor, _followup_org(c.obj))
    if c.to == FollowUpStatus.RESOLVED and c.on < c.obj.started_on:
        raise ValidationError({"closed_on": "完成日期不能早于开始日期"})


def _followup_effects(c: Change) -> None:
    item = c.obj
    item.closed_on = c.on
    c.saved.add("closed_on")
    if c.to == FollowUpStatus.RESOLVED and c.note:
        item.content = f"{item.content}\n【结果】{c.note}"
        c.saved.add("content")
    c.audit["closed_on"] = c.on.isoformat()


FOLLOWUP = register(
    Workflow(
        model=FollowUp,
        table=FOLLOWUP_TRANSITIONS,
        audit_kind=lambda c: (
            "appraisal.followup_close" if c.to == FollowUpStatus.RESOLVED else "appraisal.followup_escalate"
        ),
        choices=FollowUpStatus,
        guard=_followup_guard,
        effects=_followup_effects,
        org_of=_followup_org,
        error_key="status",
    )
)

"""The plans app's workflows, declared for core.workflow (logged in the shared core.StatusChange).

- 工作计划 and its 年终总结 (WorkPlan.status, WorkPlan.result_status): the branch drafts and 报送; the superior
  审核: 通过, or 退回 with an opinion, after which the branch corrects and reports again.
- 计划条目 (PlanItem.status): 未开始 → 进行中 → 已完成, or 已取消; a finished item may be reopened, a cancelled
  one restored.
- 上传下达 (TaskRecipient.status): the receiving org 报送; the sender 采纳 or 退回 (with an opinion); a returned
  report is reported again.
- 两优一先 (Nomination.status): a superior of the branch 批准 or 不批准 (with an opinion), once.
"""

from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core.workflow import Change, Workflow, register
from dangjian.lib import clock

from . import selectors
from .models import (
    Nomination,
    NominationStatus,
    PlanItem,
    PlanItemStatus,
    PlanReviewStatus,
    RecipientStatus,
    TaskRecipient,
    WorkPlan,
)

R = PlanReviewStatus
REVIEW_TABLE = {
    R.DRAFT: (R.SUBMITTED,),
    R.SUBMITTED: (R.APPROVED, R.RETURNED),
    R.RETURNED: (R.SUBMITTED,),
    R.APPROVED: (),
}

I = PlanItemStatus  # noqa: E741
ITEM_TABLE = {
    I.TODO: (I.DOING, I.DONE, I.DROPPED),
    I.DOING: (I.DONE, I.DROPPED),
    I.DONE: (I.DOING,),
    I.DROPPED: (I.TODO,),
}

T = RecipientStatus
RECIPIENT_TABLE = {
    T.PENDING: (T.ANSWERED,),
    T.ANSWERED: (T.ACCEPTED, T.RETURNED),
    T.RETURNED: (T.ANSWERED,),
    T.ACCEPTED: (),
}
REVIEWED = (T.ACCEPTED, T.RETURNED)

N = NominationStatus
NOMINATION_TABLE = {N.PROPOSED: (N.APPROVED, N.REJECTED), N.APPROVED: (), N.REJECTED: ()}


def require_manage(actor, org):
    """Out of scope is 404, never 403."""
    if not can_manage(actor, org):
        raise Http404("不在管理范围内")


def require_reviewer(actor, plan):
    if plan.org.parent_id is None:
        raise ValidationError("最上级组织的计划无需向上报送审核")
    require_manage(actor, plan.org.parent)


# --- 工作计划 / 年终总结 -------------------------------------------------------------------------------


def _plan_workflow(field: str, comment_field: str, part: str) -> Workflow:
    def guard(c: Change) -> None:
        plan = c.obj
        if c.to == R.SUBMITTED:
            require_manage(c.actor, plan.org)
            if part == "plan" and not plan.items.exists():
                raise ValidationError({"status": "计划还没有任何条目"})
            if part == "result":
                text = c.extra.get("result_text")
                c.extra["result_text"] = plan.result_text if text is None else text.strip()
                if not c.extra["result_text"]:
                    raise ValidationError({"result_text": "请填写年终完成情况"})
        else:
            require_reviewer(c.actor, plan)
            if c.to == R.RETURNED and not c.note:
                raise ValidationError({"comment": "退回时请填写意见"})

    def effects(c: Change) -> None:
        plan = c.obj
        if c.to == R.SUBMITTED:
            if part == "result":
                plan.result_text = c.extra["result_text"]
                c.saved.add("result_text")
            c.audit["part"] = part
        else:
            setattr(plan, comment_field, c.note)
            c.saved.add(comment_field)
            c.audit.update(part=part, approve=c.to == R.APPROVED, comment=c.note)

    return register(
        Workflow(
            model=WorkPlan,
            field=field,
            table=REVIEW_TABLE,
            audit_kind=lambda c: "plans.plan_submit" if c.to == R.SUBMITTED else "plans.plan_review",
            choices=PlanReviewStatus,
            guard=guard,
            effects=effects,
            error_key=field,
        )
    )


PLAN = _plan_workflow("status", "review_comment", "plan")
PLAN_RESULT = _plan_workflow("result_status", "result_comment", "result")


# --- 计划条目 -----------------------------------------------------------------------------------------------


def _item_guard(c: Change) -> None:
    require_manage(c.actor, c.obj.plan.org)


def _item_effects(c: Change) -> None:
    """The page changes the status together with the evidence link: one change, one audit event."""
    item = c.obj
    values = c.extra.get("values") or {}
    changes = {"status": [str(c.before), str(c.to)]}
    for k, v in values.items():
        changes[k] = [str(getattr(item, k)), str(v)]
        setattr(item, k, v)
        c.saved.add(k)
    item.full_clean(exclude=["status"])
    c.audit.update(changes)


ITEM = register(
    Workflow(
        model=PlanItem,
        table=ITEM_TABLE,
        audit_kind="plans.item_update",
        choices=PlanItemStatus,
        guard=_item_guard,
        effects=_item_effects,
        org_of=lambda item: item.plan.org,
        error_key="status",
    )
)


# --- 上传下达：报送与审核 -------------------------------------------------------------------------------------


def _recipient_guard(c: Change) -> None:
    r = c.obj
    if c.to == T.ANSWERED:
        require_manage(c.actor, r.org)
        if can_manage(c.actor, r.task.org):
            raise ValidationError({"answer": "发文方不能代替接收组织报送"})
        if not (c.extra.get("answer") or "").strip() and not c.extra.get("files"):
            raise ValidationError({"answer": "请填写报送内容或上传文件"})
    else:
        require_manage(c.actor, r.task.org)
        if c.to == T.RETURNED and not c.note:
            raise ValidationError({"comment": "退回时请填写退回意见"})


def _recipient_effects(c: Change) -> None:
    r, now = c.obj, clock.now()
    if c.to == T.ANSWERED:
        r.answer = (c.extra.get("answer") or "").strip()
        r.answered_at, r.answered_by = now, c.actor
        c.saved |= {"answer", "answered_at", "answered_by"}
        if r.read_at is None:
            r.read_at, r.read_by = now, c.actor
            c.saved |= {"read_at", "read_by"}
        c.audit.update(task=r.task_id, files=len(c.extra.get("files") or ()))
    else:
        r.review_comment, r.reviewed_at = c.note, now
        c.saved |= {"review_comment", "reviewed_at"}
        c.audit.update(status=c.to, comment=c.note)


RECIPIENT = register(
    Workflow(
        model=TaskRecipient,
        table=RECIPIENT_TABLE,
        audit_kind=lambda c: "plans.task_answer" if c.to == T.ANSWERED else "plans.task_review",
        choices=RecipientStatus,
        guard=_recipient_guard,
        effects=_recipient_effects,
        # A report is audited at the receiving org, its review at the sending org (the status is already set).
        org_of=lambda r: r.task.org if r.status in REVIEWED else r.org,
        error_key="status",
    )
)


# --- 两优一先：上级审定 -----------------------------------------------------------------------------------------


def _nomination_guard(c: Change) -> None:
    superior = selectors.deciding_org(c.actor, c.obj.org)
    if superior is None:
        raise Http404("不在管理范围内")
    if c.to == N.REJECTED and not c.note:
        raise ValidationError({"decision_note": "不批准时请填写审定意见"})
    c.extra["superior"] = superior


def _nomination_effects(c: Change) -> None:
    # On approval the service then records the honour (honour_create), in the same transaction.
    nom, superior = c.obj, c.extra["superior"]
    nom.decision_note = c.note
    nom.decided_by, nom.decided_org, nom.decided_on = c.actor, superior, c.on
    c.saved |= {"decision_note", "decided_by", "decided_org", "decided_on"}
    c.audit.update(status=c.to, note=c.note, by_org=superior.name)


NOMINATION = register(
    Workflow(
        model=Nomination,
        table=NOMINATION_TABLE,
        audit_kind="plans.nomination_decide",
        choices=NominationStatus,
        guard=_nomination_guard,
        effects=_nomination_effects,
        error_key="status",
    )
)

"""Work plans: create, items, adopt from the superior's 要点, submit upward and review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.orgs.models import BRANCH_KINDS, Org

from ..models import PlanItem, PlanItemStatus, PlanKind, PlanReviewStatus, WorkPlan
from ..workflows import require_reviewer
from ._common import require_manage, required, save

ITEM_FIELDS = ("goal", "measure", "owner", "due_date", "period", "status", "evidence_url")


@transaction.atomic
def plan_create(*, actor, org, year, title="", intro="") -> WorkPlan:
    require_manage(actor, org)
    if WorkPlan.objects.filter(org=org, year=year).exists():
        raise ValidationError({"year": f"{org.name}{year}年度的计划已存在"})
    kind = PlanKind.BRANCH_PLAN if org.kind in BRANCH_KINDS else PlanKind.KEY_POINTS
    title = title or f"{org.name}{year}年{PlanKind(kind).label}"
    plan = save(WorkPlan(org=org, year=year, kind=kind, title=title, intro=intro))
    record(actor=actor, org=org, kind="plans.plan_create", subject=plan, data={"year": year})
    return plan


def _check_owner(plan, owner):
    if owner is not None and not owner.org.path.startswith(plan.org.path):
        raise ValidationError({"owner": f"责任人{owner.name}不在{plan.org.name}"})


@transaction.atomic
def plan_item_create(*, actor, plan, goal, source=None, **values) -> PlanItem:
    require_manage(actor, plan.org)
    required((goal or "").strip(), "目标任务")
    _check_owner(plan, values.get("owner"))
    seq = (plan.items.aggregate(m=Max("seq"))["m"] or 0) + 1
    item = save(PlanItem(plan=plan, seq=seq, goal=goal.strip(), source=source, **values))
    record(actor=actor, org=plan.org, kind="plans.item_create", subject=item, data={"goal": item.goal})
    return item


@transaction.atomic
def plan_item_update(*, actor, item, **values) -> PlanItem:
    """Edit an item; a change of its status goes through the item workflow (plans/workflows.py)."""
    require_manage(actor, item.plan.org)
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}")
    if values.get("status") and values["status"] not in PlanItemStatus.values:
        raise ValidationError({"status": f"未知状态：{values['status']}"})
    _check_owner(item.plan, values.get("owner"))
    to = values.pop("status", None)
    if to and to != item.status:
        saved = workflow.set_status(actor=actor, obj=item, to=to, values=values)
        item.refresh_from_db()
        return saved
    before = {k: str(getattr(item, k)) for k in values}
    for k, v in values.items():
        setattr(item, k, v)
    save(item)
    record(
        actor=actor,
        org=item.plan.org,
        kind="plans.item_update",
        subject=item,
        data={k: [before[k], str(v)] for k, v in values.items()},
    )
    return item


@transaction.atomic
def plan_item_adopt(*, actor, plan, source: PlanItem) -> PlanItem:
    """Copy an item of a superior's 要点 into this plan, keeping a link back."""
    up = Org.objects.filter(id__in=plan.org.ancestors_ids())
    if not up.filter(id=source.plan.org_id).exists() or source.plan.year != plan.year:
        raise ValidationError({"source": "只能采用上级组织同年度工作要点中的条目"})
    if plan.items.filter(source=source).exists():
        raise ValidationError({"source": f"已采用过“{source.goal}”"})
    return plan_item_create(
        actor=actor,
        plan=plan,
        goal=source.goal,
        measure=source.measure,
        due_date=source.due_date,
        period=source.period,
        source=source,
    )


@transaction.atomic
def plan_submit(*, actor, plan, part="plan", result_text=None) -> WorkPlan:
    """Submit the plan (part="plan") or its year-end result (part="result") upward (plans/workflows.py)."""
    require_manage(actor, plan.org)
    field = "status" if part == "plan" else "result_status"
    plan.refresh_from_db(fields=[field])  # the stored status, not the caller's copy
    if getattr(plan, field) not in (PlanReviewStatus.DRAFT, PlanReviewStatus.RETURNED):
        raise ValidationError({field: "已报送或已审核，不能重复报送"})
    saved = workflow.set_status(
        actor=actor, obj=plan, to=PlanReviewStatus.SUBMITTED, field=field, result_text=result_text
    )
    plan.refresh_from_db()
    return saved


@transaction.atomic
def plan_review(*, actor, plan, part="plan", approve: bool, comment="") -> WorkPlan:
    """The superior approves, or returns with an opinion, the plan or its year-end result."""
    require_reviewer(actor, plan)
    field = "status" if part == "plan" else "result_status"
    plan.refresh_from_db(fields=[field])  # the stored status, not the caller's copy
    if getattr(plan, field) != PlanReviewStatus.SUBMITTED:
        raise ValidationError({field: "尚未报送，不能审核"})
    to = PlanReviewStatus.APPROVED if approve else PlanReviewStatus.RETURNED
    saved = workflow.set_status(actor=actor, obj=plan, to=to, note=comment or "", field=field)
    plan.refresh_from_db()
    return saved

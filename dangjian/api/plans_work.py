"""/api/v1/plans/ (work plans): 工作计划/要点, items, adopting the superior's items, submit and review.
Mounted by dangjian.api.plans. A plan lists ``next``/``result_next`` and each item ``next``: the statuses its
workflow allows now (plans/workflows.py)."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Status

from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.plans import selectors, services
from dangjian.plans.models import PlanItemStatus

from .plans_tasks import next_statuses
from .types import PositiveId, StrictIn, Year

router = Router(tags=["计划与通知 plans"])


class PlanIn(StrictIn):
    org: str
    year: Year = Field(ge=2000, le=2100)
    title: str = ""
    intro: str = ""


class PlanItemIn(StrictIn):
    goal: str = Field(min_length=1, max_length=300)
    measure: str = ""
    owner_id: PositiveId | None = None
    due_date: datetime.date | None = None
    period: str = ""
    status: Literal[tuple(PlanItemStatus.values)] = "todo"  # type: ignore[valid-type]
    evidence_url: str = ""


class ItemPatch(StrictIn):
    status: Literal[tuple(PlanItemStatus.values)] | None = None  # type: ignore[valid-type]
    evidence_url: str | None = None
    due_date: datetime.date | None = None


class PlanAction(StrictIn):
    part: Literal["plan", "result"] = "plan"
    result_text: str | None = None
    approve: bool | None = None
    comment: str = ""


def _plan(p) -> dict:
    return {
        "id": p.pk,
        "org": p.org.code,
        "year": p.year,
        "kind": p.kind,
        "title": p.title,
        "status": p.status,
        "review_comment": p.review_comment,
        "result_text": p.result_text,
        "result_status": p.result_status,
        "result_comment": p.result_comment,
        "next": next_statuses(p),
        "result_next": next_statuses(p, "result_status"),
        "progress": selectors.progress(p),
        "items": [
            {
                "id": i.pk,
                "seq": i.seq,
                "goal": i.goal,
                "measure": i.measure,
                "owner_id": i.owner_id,
                "due_date": i.due_date,
                "period": i.period,
                "status": i.status,
                "evidence_url": i.evidence_url,
                "source_id": i.source_id,
                "next": next_statuses(i),
            }
            for i in p.items.all()
        ],
    }


@router.get("/plans", summary="工作计划/要点列表（含完成进度）")
def plan_list(request, year: Year | None = None):
    qs = selectors.plans_visible(request.user, year)
    return [
        {
            "id": p.pk,
            "org": p.org.code,
            "year": p.year,
            "title": p.title,
            "status": p.status,
            "result_status": p.result_status,
            "done": p.n_done,
            "total": p.n,
        }
        for p in qs
    ]


@router.post("/plans", summary="新建年度计划（支部）或工作要点（上级）", response={201: dict})
def plan_create(request, payload: PlanIn):
    org = org_get(request.user, code=payload.org, manage=True)
    p = services.plan_create(actor=request.user, org=org, year=payload.year, title=payload.title, intro=payload.intro)
    return Status(201, _plan(p))


@router.get("/plans/{int:plan_id}", summary="计划详情与条目")
def plan_detail(request, plan_id: PositiveId):
    return _plan(selectors.plan_get(request.user, plan_id))


@router.post("/plans/{int:plan_id}/items", summary="添加条目", response={201: dict})
def item_create(request, plan_id: PositiveId, payload: PlanItemIn):
    plan = selectors.plan_get(request.user, plan_id, manage=True)
    values = payload.dict()
    owner_id = values.pop("owner_id")
    values["owner"] = person_get(request.user, owner_id, manage=True) if owner_id else None
    services.plan_item_create(actor=request.user, plan=plan, **values)
    return Status(201, _plan(plan))


@router.post("/plans/{int:plan_id}/adopt/{int:item_id}", summary="采用上级工作要点中的条目", response={201: dict})
def item_adopt(request, plan_id: PositiveId, item_id: PositiveId):
    plan = selectors.plan_get(request.user, plan_id, manage=True)
    source = get_object_or_404(selectors.adoptable_items(plan), pk=item_id)
    services.plan_item_adopt(actor=request.user, plan=plan, source=source)
    return Status(201, _plan(plan))


@router.patch("/items/{int:item_id}", summary="修改条目状态、佐证链接、时限")
def item_patch(request, item_id: PositiveId, payload: ItemPatch):
    item = selectors.item_get(request.user, item_id)
    values = {k: v for k, v in payload.dict().items() if v is not None}
    services.plan_item_update(actor=request.user, item=item, **values)
    return _plan(item.plan)


@router.post("/plans/{int:plan_id}/submit", summary="报送计划或年终总结")
def plan_submit(request, plan_id: PositiveId, payload: PlanAction):
    plan = selectors.plan_get(request.user, plan_id, manage=True)
    return _plan(
        services.plan_submit(actor=request.user, plan=plan, part=payload.part, result_text=payload.result_text)
    )


@router.post("/plans/{int:plan_id}/review", summary="上级审核计划或年终总结（通过/退回）")
def plan_review(request, plan_id: PositiveId, payload: PlanAction):
    plan = selectors.plan_get(request.user, plan_id, manage=True)
    if payload.approve is None:
        raise ValidationError({"approve": "请说明通过（true）或退回（false）"})
    return _plan(
        services.plan_review(
            actor=request.user, plan=plan, part=payload.part, approve=payload.approve, comment=payload.comment
        )
    )

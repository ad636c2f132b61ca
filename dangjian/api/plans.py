"""/api/v1/plans/: tasks down / reports up (send, sent, inbox, read, answer, review), member notices,
work plans and items, honours, activities and supervision visits. Same scoping as the pages (out of scope →
404); writes go through dangjian.plans.services. Files are uploaded through the pages."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Status

from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get, subtree_ids
from dangjian.plans import selectors, services
from dangjian.plans.models import ItemStatus

from .errors import register_labels
from .plans_records import router as records_router
from .types import PositiveId, StrictIn, Year

router = Router(tags=["计划与通知 plans"])
register_labels(
    "plans",
    models=[
        "plans.Task",
        "plans.TaskRecipient",
        "plans.PlanItem",
        "plans.Honour",
        "plans.Activity",
        "plans.Visit",
        "plans.BureauPlanSetting",
    ],
    extra={"org": "组织代码", "unread": "只看未读", "receipt_id": "通知编号"},
)


class TaskIn(StrictIn):
    org: str = Field(description="发文组织代码")
    kind: Literal["task", "notice"] = "task"
    title: str = Field(min_length=1, max_length=200)
    body: str = ""
    deadline: datetime.date | None = None
    target: Literal["all", "school", "retiree", "picked"] = "picked"
    school: str | None = Field(None, description="学校（组织）代码，target=school 时必填")
    orgs: list[str] = Field([], description="组织代码，target=picked 时必填")


class AnswerIn(StrictIn):
    answer: str = Field(min_length=1)


class ReviewIn(StrictIn):
    accept: bool
    comment: str = ""


def _recipient(r, today) -> dict:
    return {
        "id": r.pk,
        "task_id": r.task_id,
        "task_title": r.task.title,
        "from": r.task.org.code,
        "org": r.org.code,
        "org_name": r.org.name,
        "status": r.status,
        "read_at": r.read_at,
        "answered_at": r.answered_at,
        "answer": r.answer,
        "review_comment": r.review_comment,
        "deadline": r.task.deadline,
        "late": r.is_late(today),
        # late_kind: "overdue" = 逾期未报 (still open), "answered_late" = 逾期上报 (reported after the deadline)
        "late_kind": "overdue" if r.is_overdue(today) else "answered_late" if r.answered_late else None,
        "late_zh": r.late_label(today),
    }


def _task(t, today, rows=None) -> dict:
    out = {
        "id": t.pk,
        "org": t.org.code,
        "kind": t.kind,
        "title": t.title,
        "body": t.body,
        "deadline": t.deadline,
        "created_at": t.created_at,
    }
    if rows is not None:
        out["recipients"] = [_recipient(r, today) for r in rows]
        out["late"] = sum(1 for r in out["recipients"] if r["late"])
    return out


@router.post("/tasks", summary="下发任务或通知", response={201: dict})
def task_send(request, payload: TaskIn):
    org = org_get(request.user, code=payload.org, manage=True)
    school = org_get(request.user, code=payload.school, manage=True) if payload.school else None
    picked = [org_get(request.user, code=c, manage=True) for c in payload.orgs]
    task = services.task_send(
        actor=request.user,
        org=org,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        deadline=payload.deadline,
        target=payload.target,
        school=school,
        picked=picked,
    )
    today = clock.today()
    return Status(201, _task(task, today, selectors.recipients_of(task, today)))


@router.get("/tasks", summary="我方下发的任务（含阅读、报送、逾期统计）")
def tasks_sent(request):
    return [
        {
            "id": t.pk,
            "org": t.org.code,
            "kind": t.kind,
            "title": t.title,
            "deadline": t.deadline,
            "recipients": t.n,
            "read": t.n_read,
            "answered": t.n_answered,
            "late": t.n_late,
        }
        for t in selectors.tasks_sent(request.user, clock.today())
    ]


@router.get("/tasks/{int:task_id}", summary="任务详情：各接收组织的阅读、报送、逾期情况")
def task_detail(request, task_id: PositiveId):
    task = selectors.task_get(request.user, task_id)
    today = clock.today()
    return _task(task, today, selectors.recipients_of(task, today))


@router.get("/inbox", summary="收到的任务和通知")
def inbox(request):
    today = clock.today()
    return [_recipient(r, today) for r in selectors.inbox(request.user)]


@router.post("/inbox/{int:rid}/read", summary="标记已读")
def inbox_read(request, rid: PositiveId):
    r = services.task_open(actor=request.user, recipient=selectors.recipient_get(request.user, rid))
    return _recipient(r, clock.today())


@router.post("/inbox/{int:rid}/answer", summary="报送（被退回后可再次报送）")
def inbox_answer(request, rid: PositiveId, payload: AnswerIn):
    r = selectors.recipient_get(request.user, rid)
    r = services.task_answer(actor=request.user, recipient=r, answer=payload.answer)
    return _recipient(r, clock.today())


@router.post("/inbox/{int:rid}/review", summary="上级审核报送：采纳或退回")
def inbox_review(request, rid: PositiveId, payload: ReviewIn):
    r = selectors.recipient_get(request.user, rid)
    r = services.task_review(actor=request.user, recipient=r, accept=payload.accept, comment=payload.comment)
    return _recipient(r, clock.today())


class NoticeIn(StrictIn):
    org: str
    title: str = Field(min_length=1, max_length=200)
    body: str = ""


@router.post("/notices", summary="给支部党员发通知", response={201: dict})
def notice_send(request, payload: NoticeIn):
    org = org_get(request.user, code=payload.org, manage=True)
    n = services.member_notice_send(actor=request.user, org=org, title=payload.title, body=payload.body)
    return Status(201, notice_detail(request, n.pk))


@router.get("/notices/{int:notice_id}", summary="通知的阅读回执：谁已读（何时）、谁未读")
def notice_detail(request, notice_id: PositiveId):
    n = selectors.notice_get(request.user, notice_id)
    receipts = list(n.receipts.select_related("person").order_by("person__stroke_key", "person_id"))
    return {
        "id": n.pk,
        "org": n.org.code,
        "title": n.title,
        "body": n.body,
        "created_at": n.created_at,
        "total": len(receipts),
        "read": sum(1 for r in receipts if r.read_at),
        "receipts": [
            {"person_id": r.person_id, "name": r.person.name, "read": r.read_at is not None, "read_at": r.read_at}
            for r in receipts
        ],
    }


@router.get("/notices", summary="发给党员的通知（本人管理的支部）：已读人数/总人数")
def notice_list(request, org: str | None = None):
    qs = selectors.notices_sent(request.user)
    if org:
        o = org_get(request.user, code=org, manage=True)
        qs = qs.filter(org_id__in=subtree_ids(o))
    return {
        "items": [
            {
                "id": n.pk,
                "org": n.org.code,
                "title": n.title,
                "created_at": n.created_at,
                "total": n.n,
                "read": n.n_read,
            }
            for n in qs[:500]
        ]
    }


def _my_receipt(request, receipt_id):
    from dangjian.plans.models import MemberReceipt

    person = getattr(request.user, "person", None)
    return get_object_or_404(
        MemberReceipt.objects.select_related("notice", "notice__org"),
        pk=receipt_id,
        person_id=person.pk if person else 0,
    )


def _receipt(r) -> dict:
    return {
        "id": r.pk,
        "notice_id": r.notice_id,
        "org": r.notice.org.code,
        "org_name": r.notice.org.name,
        "title": r.notice.title,
        "body": r.notice.body,
        "sent_at": r.notice.created_at,
        "read": r.read_at is not None,
        "read_at": r.read_at,
    }


@router.get("/my-notices", summary="我的通知（党员本人；unread=true 只看未读）")
def my_notices(request, unread: bool = False):
    person = getattr(request.user, "person", None)
    qs = selectors.my_receipts(person) if person else []
    if person and unread:
        qs = qs.filter(read_at__isnull=True)
    items = [_receipt(r) for r in qs[:500]]
    return {"items": items, "unread": sum(1 for i in items if not i["read"])}


@router.get("/my-notices/{int:receipt_id}", summary="我的一条通知（读取不自动标记已读，请调用 …/read）")
def my_notice(request, receipt_id: PositiveId):
    return _receipt(_my_receipt(request, receipt_id))


@router.post("/my-notices/{int:receipt_id}/read", summary="标记已读（阅读回执；已读的保留第一次阅读时间）")
def my_notice_read(request, receipt_id: PositiveId):
    r = _my_receipt(request, receipt_id)
    return _receipt(services.member_notice_open(person=r.person, receipt=r))


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
    status: Literal[tuple(ItemStatus.values)] = "todo"  # type: ignore[valid-type]
    evidence_url: str = ""


class ItemPatch(StrictIn):
    status: Literal[tuple(ItemStatus.values)] | None = None  # type: ignore[valid-type]
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
            }
            for i in p.items.all()
        ],
    }


@router.get("/plans", summary="工作计划/要点列表（含完成进度）")
def plan_list(request, year: Year | None = None):
    qs = selectors.plans_visible(request.user)
    if year:
        qs = qs.filter(year=year)
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


router.add_router("", records_router)

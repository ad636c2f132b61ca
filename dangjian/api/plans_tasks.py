"""/api/v1/plans/ (tasks down, reports up): send, sent, inbox, read, answer, review. Mounted by dangjian.api.plans.

Each recipient row lists ``next``: the statuses its workflow allows now (plans/workflows.py RECIPIENT)."""

import datetime
from typing import Literal

from ninja import Field, Router, Status

from dangjian.core import workflow
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get
from dangjian.plans import selectors, services

from .types import PositiveId, StrictIn

router = Router(tags=["计划与通知 plans"])


def next_statuses(obj, field="status") -> list[dict]:
    """The statuses obj may move to now (value and Chinese label), from its workflow's table."""
    return [{"value": s.value, "label": s.label} for s in workflow.available_statuses(obj, field)]


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
        "next": next_statuses(r),
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

"""/api/v1/disclosure/: 党务公开 items (propose, step through 审核/审批/公开), feedback. Scoped like the pages."""

import datetime

from ninja import Field, Router, Status

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.disclosure import selectors, services
from dangjian.disclosure.models import DisclosureScope
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get

from . import errors
from .types import PositiveId, StrictIn

router = Router(tags=["党务公开 disclosure"])
errors.register_labels(
    "disclosure", models=["disclosure.DisclosureItem", "disclosure.Message"], extra={"org": "组织代码", "note": "意见"}
)


class DisclosureItemIn(StrictIn):
    org: str
    topic: str = Field(description="implementation/org_life/recruitment/election/appraisal/dues/self_building/other")
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1)
    scope: str = Field(DisclosureScope.BRANCH.value, description="branch=本组织党员 school=全校 public=向社会")
    channel: str = ""
    publish_from: datetime.date | None = None
    publish_until: datetime.date | None = None


class StatusIn(StrictIn):
    to: str = Field(description="reviewed/approved/published/rejected/withdrawn")
    note: str = ""


class MessageIn(StrictIn):
    body: str = Field(min_length=1, max_length=2000)
    anonymous: bool = False


def _item(i) -> dict:
    return {
        "id": i.id,
        "org": i.org.code,
        "topic": i.topic,
        "title": i.title,
        "content": i.content,
        "scope": i.scope,
        "channel": i.channel,
        "status": i.status,
        "publish_from": i.publish_from.isoformat() if i.publish_from else None,
        "publish_until": i.publish_until.isoformat() if i.publish_until else None,
        "source": i.source,
    }


@router.get("/public", auth=None, summary="向社会公开的事项（无需令牌）")
def public_list(request):
    return {"items": [_item(i) for i in selectors.items_public(clock.today())[:200]]}


@router.get("/items", summary="我可以看到的公开事项；org 给出时为该组织（须有管理权限）的全部事项")
def item_list(request, org: str | None = None):
    today = clock.today()
    if org:
        o = org_get(request.user, code=org, manage=True)
        qs = selectors.org_items(request.user, o)
    else:
        qs = selectors.items_feed(request.user, today)
    return {"items": [_item(i) for i in qs[:500]]}


@router.get("/items/{int:pk}", summary="公开事项详情")
def item_detail(request, pk: PositiveId):
    i = selectors.item_get(request.user, pk, clock.today())
    steps = [{"status": s.status, "on": s.on.isoformat(), "note": s.note} for s in selectors.item_steps(i)]
    # the statuses a manager may move the item to now (PUB-02, disclosure/workflows.py); none for a reader
    nxt = workflow.available_statuses(i) if can_manage(request.user, i.org) else []
    return _item(i) | {"steps": steps, "next": [{"value": s.value, "label": s.label} for s in nxt]}


@router.post("/items", summary="提出公开事项（PUB-02 第一步）", response={201: dict})
def item_create(request, payload: DisclosureItemIn):
    o = org_get(request.user, code=payload.org, manage=True)
    data = payload.dict()
    data.pop("org")
    i = services.disclosure_propose(actor=request.user, org=o, source="api", **data)
    return Status(201, _item(i))


@router.post("/items/{int:pk}/status", summary="审核、审批、公开、不通过或撤回")
def item_status(request, pk: PositiveId, payload: StatusIn):
    i = selectors.item_get(request.user, pk, clock.today(), manage=True)
    return _item(services.disclosure_set_status(actor=request.user, item=i, to=payload.to, note=payload.note))


@router.post("/items/{int:pk}/feedback", summary="意见反馈（仅本组织负责同志可见，可匿名）", response={201: dict})
def item_feedback(request, pk: PositiveId, payload: MessageIn):
    i = selectors.item_get(request.user, pk, clock.today())
    m = services.message_send(actor=request.user, org=i.org, item=i, body=payload.body, anonymous=payload.anonymous)
    return Status(201, {"id": m.id})


@router.get("/messages", summary="书记信箱与意见反馈（组织负责同志）")
def message_list(request, org: str):
    o = org_get(request.user, code=org, manage=True)
    return {
        "items": [
            {
                "id": m.id,
                "org": m.org.code,
                "item_id": m.item_id,
                "sender": selectors.sender_shown(m, request.user),
                "body": m.body,
                "sent_at": m.sent_at.isoformat(),
                "reply": m.reply,
            }
            for m in selectors.messages_for(request.user, o)[:500]
        ]
    }

"""/api/v1/plans/ (member notices): send, read receipts, and a member's own notices. Mounted by dangjian.api.plans."""

from ninja import Field, Router, Status

from dangjian.orgs.selectors import org_get
from dangjian.plans import selectors, services

from .types import PositiveId, StrictIn

router = Router(tags=["计划与通知 plans"])


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
    receipts = list(selectors.notice_receipts(n, order=("person__stroke_key", "person_id")))
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
    within = org_get(request.user, code=org, manage=True) if org else None
    qs = selectors.notices_sent(request.user, within)
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
    return selectors.my_receipt_get(getattr(request.user, "person", None), receipt_id)


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
    qs = selectors.my_receipts(person, unread=unread) if person else []
    items = [_receipt(r) for r in qs[:500]]
    return {"items": items, "unread": sum(1 for i in items if not i["read"])}


@router.get("/my-notices/{int:receipt_id}", summary="我的一条通知（读取不自动标记已读，请调用 …/read）")
def my_notice(request, receipt_id: PositiveId):
    return _receipt(_my_receipt(request, receipt_id))


@router.post("/my-notices/{int:receipt_id}/read", summary="标记已读（阅读回执；已读的保留第一次阅读时间）")
def my_notice_read(request, receipt_id: PositiveId):
    r = _my_receipt(request, receipt_id)
    return _receipt(services.member_notice_open(person=r.person, receipt=r))

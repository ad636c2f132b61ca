"""/api/v1/relations/: transfer letters, whereabouts, lost contact, pocket members, the 排查 survey."""

import datetime

from ninja import Field, Router, Status

from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.relations import selectors, services

from . import errors
from .types import PositiveId, StrictIn

router = Router(tags=["组织关系 relations"])
errors.register_labels("relations", models=["relations.Transfer", "relations.MobileRecord"], extra={"org": "组织代码"})


class TransferOutIn(StrictIn):
    person_id: PositiveId
    letter_no: str = Field(min_length=1, max_length=50)
    other_org: str = Field(min_length=1, max_length=200)
    issued_on: datetime.date
    valid_days: int = Field(30, ge=1, le=365)
    note: str = ""


class TransferInIn(StrictIn):
    org: str
    name: str = Field(min_length=1, max_length=50)
    letter_no: str = Field(min_length=1, max_length=50)
    other_org: str = Field(min_length=1, max_length=200)
    issued_on: datetime.date
    valid_days: int = Field(30, ge=1, le=365)
    note: str = ""


class TransferStatusIn(StrictIn):
    to: str = Field(description="registered/returned/revoked")
    on: datetime.date | None = None
    note: str = ""
    person_id: PositiveId | None = Field(None, description="转入报到时，花名册中该党员的编号")


class MobileIn(StrictIn):
    person_id: PositiveId
    whereabouts: str = Field(min_length=1, max_length=200)
    contact: str = Field(min_length=1, max_length=100)
    certificate_no: str = ""
    since: datetime.date
    expected_return: datetime.date | None = None


class LostIn(StrictIn):
    person_id: PositiveId
    since: datetime.date


def _t(t) -> dict:
    return {
        "id": t.id,
        "direction": t.direction,
        "person_id": t.person_id,
        "name": t.name,
        "letter_no": t.letter_no,
        "other_org": t.other_org,
        "issued_on": t.issued_on.isoformat(),
        "valid_days": t.valid_days,
        "status": t.status,
        "receipt_on": t.receipt_on.isoformat() if t.receipt_on else None,
    }


@router.get("/transfers", summary="介绍信（转出/转入）")
def transfer_list(request, org: str, direction: str | None = None):
    o = org_get(request.user, code=org, manage=True)
    return {"items": [_t(t) for t in selectors.transfers(o, direction)[:1000]]}


@router.get("/transfers/{int:pk}", summary="介绍信详情：办理记录与现在可以办理的状态（next）")
def transfer_detail(request, pk: PositiveId):
    t = selectors.transfer_get(request.user, pk)
    nxt = selectors.next_statuses(t, selectors.internal_for_letter(t))
    log = [{"status": e.status, "on": e.on.isoformat(), "note": e.note} for e in selectors.transfer_log(t)]
    return _t(t) | {"log": log, "next": [{"value": s.value, "label": s.label} for s in nxt]}


@router.post("/transfers/out", summary="开具转出介绍信", response={201: dict})
def transfer_out(request, payload: TransferOutIn):
    p = person_get(request.user, payload.person_id, manage=True)
    data = payload.dict()
    data.pop("person_id")
    return Status(201, _t(services.transfer_issue(actor=request.user, org=p.org, person=p, **data)))


@router.post("/transfers/in", summary="登记转入介绍信", response={201: dict})
def transfer_in(request, payload: TransferInIn):
    o = org_get(request.user, code=payload.org, manage=True)
    data = payload.dict()
    data.pop("org")
    return Status(201, _t(services.transfer_receive(actor=request.user, org=o, **data)))


@router.post("/transfers/{int:pk}/status", summary="回执/报到、退回或作废；转出报到后该党员转出花名册")
def transfer_status(request, pk: PositiveId, payload: TransferStatusIn):
    t = selectors.transfer_get(request.user, pk)
    person = person_get(request.user, payload.person_id, manage=True) if payload.person_id else None
    return _t(
        services.transfer_set_status(
            actor=request.user, transfer=t, to=payload.to, on=payload.on, note=payload.note, person=person
        )
    )


@router.post("/mobile", summary="登记流动党员", response={201: dict})
def mobile_create(request, payload: MobileIn):
    p = person_get(request.user, payload.person_id, manage=True)
    data = payload.dict()
    data.pop("person_id")
    r = services.mobile_start(actor=request.user, person=p, **data)
    return Status(201, {"id": r.id, "person_id": p.id})


@router.post("/lost", summary="登记失联党员（MGMT-03）")
def lost_mark(request, payload: LostIn):
    p = person_get(request.user, payload.person_id, manage=True)
    services.lost_contact_mark(actor=request.user, person=p, since=payload.since)
    return {"person_id": p.id, "lost_contact_since": payload.since.isoformat()}


@router.get("/pocket", summary="疑似“口袋”党员")
def pocket(request, org: str):
    o = org_get(request.user, code=org, manage=True)
    today = clock.today()
    return {"items": selectors.pocket_members(o, today), "note": selectors.pocket_note(o, today) or None}


@router.get("/survey", summary="组织关系集中排查：人数与名单")
def survey(request, org: str, on: datetime.date | None = None):
    o = org_get(request.user, code=org, manage=True)
    return selectors.relations_survey(o, on or clock.today())

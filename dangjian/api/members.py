"""/api/v1/members/: the roster — list with filters and paging, detail, create, update, change history.

Managers see their subtree; a plain member sees only their own record. ID numbers are masked unless the
caller may see them (or it is their own record). Writes go through dangjian.members.services.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Query, Router, Status

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.lib import clock
from dangjian.members import services
from dangjian.members.models import Person
from dangjian.members.selectors import (
    group_by_code,
    managed_branch_by_code,
    people_visible_filtered,
    person_events,
    person_get,
    roster,
)
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import org_get
from dangjian.relations import internal
from dangjian.relations import selectors as relations_selectors

from .errors import register_labels
from .member_schemas import (
    NULLABLE,
    HistoryEntry,
    MemberFilter,
    MemberIn,
    MemberOut,
    MemberPage,
    MemberPatch,
    person_out,
)
from .transfer_schemas import (
    MemberTransferAcceptIn,
    MemberTransferFilter,
    MemberTransferIn,
    MemberTransferOut,
    MemberTransferReturnIn,
    MemberTransferRevokeIn,
)
from .types import PositiveId
from .versions import if_match, set_etag

router = Router(tags=["人员 members"])
register_labels(
    "members",
    extra={
        "to_org": "转入支部（组织代码）",
        "issued_on": "转出日期",
        "letter_no": "介绍信编号",
        "valid_days": "有效期（天）",
        "transfer_id": "转接编号",
        "effective": "生效日期",
        "direction": "方向",
        "on": "日期",
        "note": "说明",
        "reason": "退回原因",
        "format": "导出格式",
    },
)


def _group(org: Org, code: str | None) -> Org | None:
    if not code:
        return None
    group = group_by_code(org, code)
    if group is None:
        raise ValidationError({"group": f"党小组“{code}”不存在或不属于{org.name}"})
    return group


def _show_id(user, person: Person) -> bool:
    return person.user_id == user.pk or can_see_id_numbers(user)


@router.get("/", response=MemberPage, summary="花名册：筛选、分页（含总数）")
def member_list(request, filters: Query[MemberFilter]):
    user = request.user
    if filters.org:
        org = org_get(user, code=filters.org, manage=True)
        qs = roster(
            user,
            org,
            q=filters.q,
            status=filters.status or "",
            on_roll=filters.on_roll,
            category=filters.category or "",
        )
    else:
        qs = people_visible_filtered(
            user, on_roll=filters.on_roll, status=filters.status or "", category=filters.category or "", q=filters.q
        )
    start = (filters.page - 1) * filters.page_size
    see_all = can_see_id_numbers(user)
    items = [person_out(p, show_id=see_all or p.user_id == user.pk) for p in qs[start : start + filters.page_size]]
    return {"total": qs.count(), "page": filters.page, "page_size": filters.page_size, "items": items}


@router.get("/{int:person_id}", response=MemberOut, summary="人员详情")
def member_show(request, person_id: PositiveId, response: HttpResponse):
    person = person_get(request.user, person_id)
    set_etag(response, person)
    return person_out(person, show_id=_show_id(request.user, person))


@router.post("/", response={201: MemberOut}, summary="添加人员（加入某支部）")
def member_new(request, payload: MemberIn):
    data = payload.dict()
    org = org_get(request.user, code=data.pop("org"), manage=True)
    if not org.is_branch:
        raise ValidationError({"org": "人员只能加入党支部（或联合党支部），请填写支部的组织代码"})
    data["group"] = _group(org, data.pop("group"))
    person = services.person_create(actor=request.user, org=org, **data)
    return Status(201, person_out(person, show_id=_show_id(request.user, person)))


@router.patch(
    "/{int:person_id}",
    response=MemberOut,
    summary="修改人员信息（每项变更都记入历史；带 If-Match 时，他人已修改则 409）",
)
def member_edit(request, person_id: PositiveId, payload: MemberPatch, response: HttpResponse):
    person = person_get(request.user, person_id, manage=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in NULLABLE}
    effective = data.pop("effective", None)
    if effective is not None and effective > clock.today():
        raise ValidationError({"effective": "生效日期不能晚于今天"})
    if "org" in data:  # a move inside the caller's own scope; to another secretary's branch: /transfer
        org = _managed_branch(request.user, data.pop("org"))
        if org.pk != person.org_id:
            data["org"] = org
            data.setdefault("group", None)  # the old branch's 党小组 does not come along
    if "group" in data:
        data["group"] = _group(data.get("org", person.org), data["group"])
    person = services.person_update(
        actor=request.user, person=person, version=if_match(request), effective=effective, **data
    )
    set_etag(response, person)
    return person_out(person, show_id=_show_id(request.user, person))


@router.get("/{int:person_id}/history", response=list[HistoryEntry], summary="变更历史（谁、何时、原值 → 新值）")
def member_history(request, person_id: PositiveId):
    # The same readable labels as the person page (members.history_view); raw codes kept beside them.
    from dangjian.members import history_view as hv

    person = person_get(request.user, person_id)
    events = person_events(person)
    fmt = hv._Formatter(events, show_id=False)  # the readable values mask ID numbers too
    actors = hv._actors(events)
    out = []
    for e in events:
        changes = []
        for field, pair in (e.data.get("changes") or {}).items():
            old, new = (list(pair) + [None, None])[:2]
            old_zh, new_zh = fmt.value(field, old), fmt.value(field, new)
            if field in ("org", "group"):
                old, new = (old_zh or None) if old is not None else None, (new_zh or None) if new is not None else None
            if field == "id_number":  # masked for everyone, as in the audit log
                old, new = _mask(old), _mask(new)
            changes.append(
                {"field": field, "label": fmt.label(field), "old": old, "new": new, "old_zh": old_zh, "new_zh": new_zh}
            )
        name, role = hv._actor(e, actors) if e.actor_id else (None, "")
        at = hv.local(e.at)
        out.append(
            {
                "at": at,
                "day_zh": hv.date_zh(at.date()),
                "actor": name,
                "actor_role": role,
                "kind": e.kind,
                "kind_zh": hv.event_label(e.kind),
                "summary": hv._summary(e.kind, e.data),
                "changes": changes,
            }
        )
    return out


def _mask(value):
    if not value:
        return value
    value = str(value)
    return f"{value[:6]}********{value[-4:]}" if len(value) == 18 else "*" * len(value)


# 组织关系转接 inside this system (relations.internal): one person record, its roll history kept ----------


def _managed_branch(user, code: str) -> Org:
    org = managed_branch_by_code(user, code)
    if org is None:
        raise ValidationError(
            {
                "org": f"组织代码“{code}”不存在或不在您的管理范围内；转到其他支部请用组织关系转接"
                f"（POST /api/v1/members/{{编号}}/transfer，由转入支部接收）"
            }
        )
    if not org.is_branch:
        raise ValidationError({"org": "人员只能在党支部（或联合党支部），请填写支部的组织代码"})
    return org


def _transfer_out(user, it) -> dict:
    p = it.person
    see_id = can_see_id_numbers(user)
    return {
        "id": it.pk,
        "status": it.in_letter.status,
        "status_zh": internal.STATUS_ZH.get(it.in_letter.status, ""),
        "sides": sorted(relations_selectors.sides(user, it)),
        "person": {
            "id": p.pk,
            "name": p.name,
            "gender": p.gender,
            "birth_date": p.birth_date,
            "id_number": p.id_number if see_id else p.masked_id_number,
            "status": p.status,
            "status_zh": p.get_status_display(),
            "join_date": p.join_date,
            "confirmation_date": p.confirmation_date,
            "category": p.category,
        },
        "from_org": {"code": it.from_org.code, "name": it.from_org.name},
        "to_org": {"code": it.to_org.code, "name": it.to_org.name},
        "letter_no": it.out_letter.letter_no,
        "issued_on": it.out_letter.issued_on,
        "valid_days": it.out_letter.valid_days,
        "done_on": it.in_letter.receipt_on
        if it.in_letter.status == "registered"
        else (
            it.in_letter.log.order_by("-id").values_list("on", flat=True).first()
            if it.in_letter.status != "issued"
            else None
        ),
        "out_letter_id": it.out_letter_id,
        "in_letter_id": it.in_letter_id,
    }


@router.post(
    "/{int:person_id}/transfer",
    response={201: MemberTransferOut},
    summary="组织关系转接（系统内）：转出到本系统另一支部，对方显示“待接收”，接收后人员转入对方花名册（历史保留）",
)
def member_transfer(request, person_id: PositiveId, payload: MemberTransferIn):
    person = person_get(request.user, person_id, manage=True)
    to_org = relations_selectors.destination(payload.to_org)
    it = internal.internal_transfer_issue(
        actor=request.user,
        person=person,
        to_org=to_org,
        issued_on=payload.issued_on,
        letter_no=payload.letter_no,
        valid_days=payload.valid_days,
        note=payload.note,
    )
    return Status(201, _transfer_out(request.user, relations_selectors.internal_get(request.user, it.pk)))


@router.get(
    "/transfers",
    response=list[MemberTransferOut],
    summary="系统内组织关系转接：本人管理的支部转出和待接收的（direction=in 只看转入，out 只看转出）",
)
def member_transfers(request, filters: Query[MemberTransferFilter]):
    org = org_get(request.user, code=filters.org, manage=True) if filters.org else None
    qs = relations_selectors.internal_transfers(
        request.user, org=org, direction=filters.direction or "", status=filters.status or ""
    )
    return [_transfer_out(request.user, it) for it in qs[:500]]


@router.get("/transfers/{int:transfer_id}", response=MemberTransferOut, summary="系统内转接详情")
def member_transfer_show(request, transfer_id: PositiveId):
    return _transfer_out(request.user, relations_selectors.internal_get(request.user, transfer_id))


@router.post(
    "/transfers/{int:transfer_id}/accept",
    response=MemberTransferOut,
    summary="接收（转入支部）：人员自该日起在本支部花名册，原支部的在册记录到该日为止",
)
def member_transfer_accept(request, transfer_id: PositiveId, payload: MemberTransferAcceptIn):
    it = relations_selectors.internal_get(request.user, transfer_id)
    internal.require_side(request.user, it, "in")
    group = _group(it.to_org, payload.group)
    internal.internal_transfer_accept(actor=request.user, it=it, on=payload.on, group=group, note=payload.note)
    return _transfer_out(request.user, relations_selectors.internal_get(request.user, transfer_id))


@router.post(
    "/transfers/{int:transfer_id}/return", response=MemberTransferOut, summary="退回（转入支部）：人员仍在原支部"
)
def member_transfer_return(request, transfer_id: PositiveId, payload: MemberTransferReturnIn):
    it = relations_selectors.internal_get(request.user, transfer_id)
    internal.require_side(request.user, it, "in")
    internal.internal_transfer_return(actor=request.user, it=it, on=payload.on, note=payload.reason)
    return _transfer_out(request.user, relations_selectors.internal_get(request.user, transfer_id))


@router.post(
    "/transfers/{int:transfer_id}/revoke", response=MemberTransferOut, summary="撤回（转出支部，对方接收之前）"
)
def member_transfer_revoke(request, transfer_id: PositiveId, payload: MemberTransferRevokeIn):
    it = relations_selectors.internal_get(request.user, transfer_id)
    internal.require_side(request.user, it, "out")
    internal.internal_transfer_revoke(actor=request.user, it=it, on=payload.on, note=payload.note)
    return _transfer_out(request.user, relations_selectors.internal_get(request.user, transfer_id))


@router.get(
    "/{int:person_id}/export",
    summary="导出该人员的全部个人信息（个人信息保护法查阅、复制请求；记入审计日志）",
    description="管理该人员的用户可导出。`format=json`（默认）为中文字段名的 JSON，`format=xlsx` 为 Excel。"
    "无身份证号权限时为脱敏号码。",
)
def member_export(request, person_id: PositiveId, format: Literal["json", "xlsx"] = "json"):
    from dangjian.lib.office.names import download_response
    from dangjian.members import privacy

    person = person_get(request.user, person_id, manage=True)
    content = privacy.export(
        actor=request.user,
        person=person,
        fmt=format,
        show_id=can_see_id_numbers(request.user) or person.user_id == request.user.pk,
    )
    return download_response(
        content, f"{person.name}的个人信息.{format}", "application/json; charset=utf-8" if format == "json" else None
    )

"""系统内组织关系转接: the writes and scoped reads of relations.internal_models.InternalTransfer.

A 转出 from branch A to branch B of this system keeps ONE person record: A issues (both letters written),
the person stays on A's roll (MGMT-04: the old organisation stays responsible until the new one accepts) and
shows at B as 待接收; B accepts on a day D and the person moves to B's roll from D (members.services →
RollSpan: A's stretch ends on D, B's begins on D; the move is in the person's history). B may return it,
A may withdraw it while it is open; each step moves both letters through the transfer-letter workflow
(relations/workflows.py: one log row and one audit event per letter).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dangjian.core import audit, workflow
from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.members.services import person_update
from dangjian.orgs.models import Org

from . import workflows  # noqa: F401  (registers the transfer-letter workflow both letters move by)
from .internal_models import InternalTransfer
from .letters import issue_out, receive_in, require_manage
from .models import Transfer, TransferStatus
from .selectors import (  # noqa: F401 - the reads moved to selectors; importers of this module keep them
    destination,
    destinations,
    internal_for_letter,
    internal_get,
    internal_visible,
    sides,
)

STATUS_ZH = {
    TransferStatus.ISSUED: "待接收",
    TransferStatus.REGISTERED: "已接收",
    TransferStatus.RETURNED: "已退回",
    TransferStatus.REVOKED: "已撤回",
}


@transaction.atomic
def internal_transfer_issue(
    *,
    actor,
    person: Person,
    to_org: Org,
    issued_on: datetime.date | None = None,
    letter_no: str = "",
    valid_days: int = 30,
    note: str = "",
) -> InternalTransfer:
    require_manage(actor, person.org)  # the sending branch; the receiving one need not be the actor's
    issued_on = issued_on or clock.today()
    if not person.on_roll:
        raise ValidationError({"person": f"{person.name}已不在册，不能转出"})
    if to_org.pk == person.org_id:
        raise ValidationError({"to_org": f"{person.name}已在{to_org.name}，请选择其他支部"})
    if not person.is_member:
        raise ValidationError(
            {"person": f"{person.name}是{person.get_status_display()}，组织关系转接只适用于党员（正式党员、预备党员）"}
        )
    from_org = person.org
    letter_no = letter_no.strip() or f"系统内{issued_on:%Y%m%d}-{person.pk}"
    out_letter = issue_out(
        actor=actor,
        org=from_org,
        person=person,
        letter_no=letter_no,
        other_org=to_org.name,
        issued_on=issued_on,
        valid_days=valid_days,
        note=note,
    )
    in_letter = receive_in(
        actor=actor,
        org=to_org,
        name=person.name,
        letter_no=letter_no,
        other_org=from_org.name,
        issued_on=issued_on,
        valid_days=valid_days,
        person=person,
        note=note,
    )
    it = InternalTransfer.objects.create(
        person=person, from_org=from_org, to_org=to_org, out_letter=out_letter, in_letter=in_letter
    )
    audit.record(
        actor=actor,
        org=from_org,
        kind="relations.internal_transfer",
        subject=person,
        data={
            "transfer": it.pk,
            "from": from_org.code,
            "to": to_org.code,
            "on": issued_on.isoformat(),
            "letter_no": letter_no,
        },
    )
    return it


def _set(actor, it: InternalTransfer, to: str, on: datetime.date, note: str) -> None:
    for letter in (it.out_letter, it.in_letter):
        t = Transfer.objects.select_for_update().get(pk=letter.pk)
        if t.status != TransferStatus.ISSUED:
            raise ValidationError(f"该转接已{STATUS_ZH.get(t.status, t.get_status_display())}，不能再办理")
        # the letter's own log row and audit event; the person moved (or stays) in the caller
        workflow.set_status(actor=actor, obj=t, to=to, note=note, on=on, internal=it.pk)
    it.refresh_from_db()


def _check_day(it: InternalTransfer, on: datetime.date, field: str = "on") -> None:
    if on > clock.today():
        raise ValidationError({field: "日期不能晚于今天"})
    if on < it.out_letter.issued_on:
        raise ValidationError({field: f"日期不能早于转出日期（{it.out_letter.issued_on.isoformat()}）"})


@transaction.atomic
def internal_transfer_accept(
    *, actor, it: InternalTransfer, on: datetime.date | None = None, group: Org | None = None, note: str = ""
) -> InternalTransfer:
    """接收: the person moves onto the receiving branch's roll from `on`."""
    require_manage(actor, it.to_org)
    on = on or clock.today()
    _check_day(it, on)
    person = Person.objects.select_for_update().get(pk=it.person_id)
    if it.status != TransferStatus.ISSUED:
        raise ValidationError(f"该转接已{STATUS_ZH.get(it.status, it.status)}，不能再接收")
    if not person.on_roll or person.org_id != it.from_org_id:
        raise ValidationError(f"{person.name}已不在{it.from_org.name}的花名册上，不能接收；请与转出支部核实")
    if group is not None and group.parent_id != it.to_org_id:
        raise ValidationError({"group": f"党小组“{group.name}”不属于{it.to_org.name}"})
    person_update(actor=actor, person=person, kind="person.org", effective=on, org=it.to_org, group=group)
    _set(actor, it, TransferStatus.REGISTERED, on, note or f"由{it.from_org.name}转入")
    return it


@transaction.atomic
def internal_transfer_return(
    *, actor, it: InternalTransfer, note: str, on: datetime.date | None = None
) -> InternalTransfer:
    """退回: the receiving branch does not take the person; they stay where they are."""
    require_manage(actor, it.to_org)
    on = on or clock.today()
    _check_day(it, on)
    if not (note or "").strip():
        raise ValidationError({"note": "请填写退回原因"})
    _set(actor, it, TransferStatus.RETURNED, on, note.strip())
    return it


@transaction.atomic
def internal_transfer_revoke(
    *, actor, it: InternalTransfer, note: str = "", on: datetime.date | None = None
) -> InternalTransfer:
    """撤回: the sending branch withdraws the transfer before it is accepted."""
    require_manage(actor, it.from_org)
    on = on or clock.today()
    _check_day(it, on)
    _set(actor, it, TransferStatus.REVOKED, on, (note or "").strip() or "转出支部撤回")
    return it


def set_status_by_letter(*, actor, t: Transfer, to: str, on: datetime.date | None, note: str) -> InternalTransfer:
    """The relations letter page's buttons on a letter of an internal transfer: the receiving side 报到/退回,
    the sending side 作废 (a 回执 on the sending side is the other side's acceptance)."""
    it = internal_for_letter(t)
    receiving = t.pk == it.in_letter_id
    if to == TransferStatus.REGISTERED:
        if not receiving:
            raise ValidationError("系统内转接由转入支部办理接收，接收后本介绍信自动登记回执")
        return internal_transfer_accept(actor=actor, it=it, on=on, note=note)
    if to == TransferStatus.RETURNED:
        if not receiving:
            raise ValidationError("系统内转接只能由转入支部退回；本支部可以作废（撤回）")
        return internal_transfer_return(actor=actor, it=it, on=on, note=note or "转入支部退回")
    if to == TransferStatus.REVOKED:
        if receiving:
            raise ValidationError("系统内转接只能由转出支部撤回；本支部可以退回")
        return internal_transfer_revoke(actor=actor, it=it, on=on, note=note)
    raise ValidationError({"to": "目标状态无效"})


def require_side(user, it: InternalTransfer, side: str) -> None:
    if side not in sides(user, it):
        raise PermissionDenied(
            "系统内转接由转入支部接收或退回、由转出支部撤回：您不能办理这一步"
            if side == "in"
            else "只有转出支部可以撤回该转接"
        )

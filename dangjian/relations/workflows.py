"""The transfer-letter workflow (MGMT-04), declared for core.workflow: a letter is issued (已开具), then either
registered (回执 received / the member reported), returned (退回) or revoked (作废); all three are final.

A registered letter OUT takes the member off the roll (person_leave, reason transfer_out); a registered letter
IN links the person added to the roll. The two letters of a transfer inside this system (relations.internal)
move together and the person moves between rolls there instead (``internal=`` the InternalTransfer id).
"""

from django.core.exceptions import ValidationError

from dangjian.core.workflow import Change, Workflow, register
from dangjian.members.models import LeaveReason
from dangjian.members.services import person_leave

from .letters import in_subtree
from .models import Transfer, TransferDirection, TransferLog, TransferStatus

S = TransferStatus

TRANSITIONS = {
    S.ISSUED: (S.REGISTERED, S.RETURNED, S.REVOKED),
    S.REGISTERED: (),
    S.RETURNED: (),
    S.REVOKED: (),
}


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _guard(c: Change) -> None:
    t = c.obj
    if c.on < t.issued_on:
        raise ValidationError({"receipt_on": "日期不能早于开具日期"})
    person = c.extra.get("person")
    internal = c.extra.get("internal")
    if c.to == S.REGISTERED and internal is None and t.direction == TransferDirection.IN and person is not None:
        if not in_subtree(person, t.org):
            raise ValidationError({"person": f"{person.name}不是本组织党员，请先在花名册中登记"})


def _effects(c: Change) -> None:
    t, internal = c.obj, c.extra.get("internal")
    if c.to == S.REGISTERED:
        t.receipt_on = c.on
        c.saved.add("receipt_on")
        if internal is None and t.direction == TransferDirection.OUT and t.person and t.person.on_roll:
            person_leave(
                actor=c.actor,
                person=t.person,
                reason=LeaveReason.TRANSFER_OUT,
                on=c.on,
                note=f"转往{t.other_org}，介绍信{t.letter_no}",
            )
        person = c.extra.get("person")
        if internal is None and t.direction == TransferDirection.IN and person is not None:
            t.person = person
            c.saved.add("person")
    c.audit["on"] = c.on.isoformat()
    if internal is not None:
        c.audit["internal"] = internal


def _log(c: Change) -> None:
    # Each letter keeps its own dated log (the letter page's 记录 and the printed letter's history).
    TransferLog.objects.create(transfer=c.obj, status=c.to, on=c.on, actor=_user(c.actor), note=c.note)


TRANSFER = register(
    Workflow(
        model=Transfer,
        table=TRANSITIONS,
        audit_kind="relations.transfer_status",
        choices=TransferStatus,
        guard=_guard,
        effects=_effects,
        log=_log,
        refused="介绍信当前状态“{before}”不能改为该状态",
    )
)

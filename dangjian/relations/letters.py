"""Transfer letters (介绍信) as records: issuing one out, registering one in, and the scope check every relations
write makes. Shared by the ordinary services and by the transfers inside this system (relations.internal),
which writes both letters itself — so neither of those two modules imports the other's writes.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import audit
from dangjian.lib import clock
from dangjian.members.models import Person

from .models import Transfer, TransferDirection, TransferLog, TransferStatus


def require_manage(actor, org) -> None:
    """Every relations write checks scope itself, not only the view: out of scope is 404, never 403.
    ``actor=None`` is the system (the yearly survey command), which has no scope to check."""
    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def in_subtree(person: Person, org) -> bool:
    return person.org_id == org.id or person.org.path.startswith(org.path)


def issue_out(
    *,
    actor,
    org,
    person: Person,
    letter_no: str,
    other_org: str,
    issued_on: datetime.date,
    valid_days: int = 30,
    note: str = "",
) -> Transfer:
    """Write a transfer-out letter (the caller has checked the actor's scope)."""
    if not in_subtree(person, org):
        raise ValidationError({"person": f"{person.name}不是本组织党员"})
    if not person.on_roll:
        raise ValidationError({"person": f"{person.name}已不在册"})
    open_out = Transfer.objects.filter(person=person, direction=TransferDirection.OUT, status=TransferStatus.ISSUED)
    if open_out.exists():
        raise ValidationError({"person": f"{person.name}已有未办结的转出介绍信"})
    if issued_on > clock.today():
        raise ValidationError({"issued_on": "开具日期不能晚于今天"})
    t = Transfer(
        org=person.org,
        direction=TransferDirection.OUT,
        person=person,
        name=person.name,
        letter_no=letter_no.strip(),
        other_org=other_org.strip(),
        issued_on=issued_on,
        valid_days=valid_days,
        note=note,
        created_by=actor,
    )
    t.full_clean()
    t.save()
    TransferLog.objects.create(transfer=t, status=TransferStatus.ISSUED, on=issued_on, actor=actor, note=note)
    audit.record(
        actor=actor,
        org=t.org,
        kind="relations.transfer_out",
        subject=t,
        data={"person": person.pk, "letter_no": t.letter_no, "to": t.other_org, "valid_days": valid_days},
    )
    return t


def receive_in(
    *,
    actor,
    org,
    name: str,
    letter_no: str,
    other_org: str,
    issued_on: datetime.date,
    valid_days: int = 30,
    person: Person | None = None,
    note: str = "",
) -> Transfer:
    """Write an incoming letter (the caller has checked the actor's scope, or is the sending branch of a
    transfer inside this system)."""
    t = Transfer(
        org=org,
        direction=TransferDirection.IN,
        person=person,
        name=name.strip(),
        letter_no=letter_no.strip(),
        other_org=other_org.strip(),
        issued_on=issued_on,
        valid_days=valid_days,
        note=note,
        created_by=actor,
    )
    t.full_clean()
    t.save()
    TransferLog.objects.create(transfer=t, status=TransferStatus.ISSUED, on=issued_on, actor=actor, note=note)
    audit.record(
        actor=actor,
        org=org,
        kind="relations.transfer_in",
        subject=t,
        data={"name": t.name, "letter_no": t.letter_no, "from": t.other_org},
    )
    return t

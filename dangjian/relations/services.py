"""Writes for 组织关系: transfer letters (one status transition), whereabouts, lost contact, the 排查 ledger.

Person changes go through members.services so the person's history is kept.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, workflow
from dangjian.lib import clock
from dangjian.members.models import LeaveReason, Person
from dangjian.members.services import person_leave, person_update

from . import (
    internal,
    letters,
    workflows,  # noqa: F401  (registers the transfer-letter workflow)
)
from .letters import require_manage
from .models import MobileRecord, SurveyLedger, Transfer


@transaction.atomic
def transfer_issue(
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
    """Issue a transfer-out letter (介绍信). The member stays on the roll until the receipt comes back
    (MGMT-04: the old organisation stays responsible until the new one accepts)."""
    require_manage(actor, org)
    return letters.issue_out(
        actor=actor,
        org=org,
        person=person,
        letter_no=letter_no,
        other_org=other_org,
        issued_on=issued_on,
        valid_days=valid_days,
        note=note,
    )


@transaction.atomic
def transfer_receive(
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
    """Record an incoming letter (转入). Registering it later links the person added to the roll."""
    require_manage(actor, org)
    return letters.receive_in(
        actor=actor,
        org=org,
        name=name,
        letter_no=letter_no,
        other_org=other_org,
        issued_on=issued_on,
        valid_days=valid_days,
        person=person,
        note=note,
    )


@transaction.atomic
def transfer_set_status(
    *, actor, transfer: Transfer, to: str, on: datetime.date | None = None, note: str = "", person: Person | None = None
) -> Transfer:
    """issued → registered (回执 received / member reported) | returned | revoked (relations/workflows.py).
    A registered transfer OUT takes the member off the roll (person_leave, reason transfer_out)."""
    require_manage(actor, transfer.org)
    t = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if hasattr(t, "internal_out") or hasattr(t, "internal_in"):
        # a letter of a transfer inside this system: one person record moves (relations.internal)
        internal.set_status_by_letter(actor=actor, t=t, to=to, on=on, note=note)
        t.refresh_from_db()
        return t
    return workflow.set_status(actor=actor, obj=t, to=to, note=note, on=on, person=person)


@transaction.atomic
def mobile_start(
    *,
    actor,
    person: Person,
    whereabouts: str,
    contact: str,
    since: datetime.date,
    certificate_no: str = "",
    expected_return: datetime.date | None = None,
    note: str = "",
) -> MobileRecord:
    """Register a 流动党员 (MGMT-05): the member stays under the branch; where, contact, 活动证, return.

    Person.is_mobile is the one answer to "is this member 流动?"; the record holds the details. A member already
    flagged without a record (e.g. set on the roster) gets the record now."""
    require_manage(actor, person.org)
    stale = MobileRecord.objects.filter(person=person, returned_on__isnull=True).first()
    if stale is not None and person.is_mobile:
        raise ValidationError({"person": f"{person.name}已登记为流动党员"})
    if stale is not None:  # the flag was cleared elsewhere (roster edit): that spell is over
        stale.returned_on = max(stale.since, since)
        stale.save(update_fields=["returned_on"])
    if expected_return and expected_return < since:
        raise ValidationError({"expected_return": "预计返回日期不能早于外出日期"})
    rec = MobileRecord(
        person=person,
        org=person.org,
        whereabouts=whereabouts,
        contact=contact,
        certificate_no=certificate_no,
        since=since,
        expected_return=expected_return,
        note=note,
        created_by=actor,
    )
    rec.full_clean()
    rec.save()
    person_update(actor=actor, person=person, kind="person.mobile", is_mobile=True, mobile_since=since)
    return rec


@transaction.atomic
def mobile_end(*, actor, record: MobileRecord, on: datetime.date) -> MobileRecord:
    require_manage(actor, record.org)
    if record.returned_on:
        raise ValidationError("该流动党员已返回")
    if on < record.since:
        raise ValidationError({"returned_on": "返回日期不能早于外出日期"})
    record.returned_on = on
    record.save(update_fields=["returned_on"])
    person_update(actor=actor, person=record.person, kind="person.mobile_end", is_mobile=False, mobile_since=None)
    return record


@transaction.atomic
def mobile_clear(*, actor, person: Person, on: datetime.date) -> Person:
    """The member is back: close the open whereabouts record if there is one, and clear the flag either way."""
    require_manage(actor, person.org)
    record = MobileRecord.objects.filter(person=person, returned_on__isnull=True).first()
    if record is not None:
        return mobile_end(actor=actor, record=record, on=on).person
    if not person.is_mobile:
        raise ValidationError(f"{person.name}不是流动党员")
    if person.mobile_since and on < person.mobile_since:
        raise ValidationError({"returned_on": "返回日期不能早于外出日期"})
    return person_update(actor=actor, person=person, kind="person.mobile_end", is_mobile=False, mobile_since=None)


def lost_contact_mark(*, actor, person: Person, since: datetime.date, note: str = "") -> Person:
    """MGMT-03: mark a member as lost contact since the last contact date."""
    require_manage(actor, person.org)
    if since > clock.today():
        raise ValidationError({"lost_contact_since": "失联日期不能晚于今天"})
    return person_update(
        actor=actor, person=person, kind="person.lost_contact", is_lost_contact=True, lost_contact_since=since
    )


def lost_contact_clear(*, actor, person: Person) -> Person:
    require_manage(actor, person.org)
    return person_update(
        actor=actor, person=person, kind="person.found", is_lost_contact=False, lost_contact_since=None
    )


def member_suspend(*, actor, person: Person, on: datetime.date, note: str = "") -> Person:
    """停止党籍 after the MGMT-03 review (6 months lost); the 2-year removal clock starts on ``on``."""
    require_manage(actor, person.org)
    return person_leave(actor=actor, person=person, reason=LeaveReason.SUSPENDED, on=on, note=note or "失联超过六个月")


@transaction.atomic
def survey_save(*, actor, org, on: datetime.date) -> SurveyLedger:
    """Freeze this year's 组织关系集中排查 for the org's subtree into the ledger."""
    require_manage(actor, org)
    from .selectors import relations_survey

    data = relations_survey(org, on)
    ledger = SurveyLedger.objects.create(org=org, year=on.year, taken_on=on, data=data, created_by=actor)
    audit.record(
        actor=actor, org=org, kind="relations.survey", subject=ledger, data={k: v for k, v in data["counts"].items()}
    )
    return ledger

"""Every write to a person's record; each change is kept in the audit history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, versioning
from dangjian.lib import fieldcrypt
from dangjian.lib.pinyin import name_pinyin
from dangjian.lib.strokes import stroke_key

from . import roll
from .models import Person
from .validation import check_person, normalize_phone

PERSON_FIELDS = [
    "org",
    "group",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "degree",
    "professional_title",
    "post",
    "subject",
    "phone",
    "status",
    "join_date",
    "confirmation_date",
    "category",
    "is_mobile",
    "mobile_since",
    "is_lost_contact",
    "lost_contact_since",
    "on_roll",
    "left_reason",
    "left_on",
    "left_note",
]


def _validate(person: Person) -> None:
    values = {f: getattr(person, f) for f in PERSON_FIELDS if f not in ("org", "group")}
    problems = check_person(values)
    if problems:
        errors: dict[str, list[str]] = {}
        for field, reason in problems:
            errors.setdefault(field, []).append(reason)
        raise ValidationError(errors)
    if person.group_id and person.group.parent_id != person.org_id:
        raise ValidationError({"group": "党小组必须属于所在支部"})
    if person.id_number:
        dup = (
            Person.objects.filter(id_number_hash=fieldcrypt.lookup_hash(person.id_number)).exclude(pk=person.pk).first()
        )
        if dup:
            raise ValidationError({"id_number": f"公民身份号码与{dup.org.name}的{dup.name}重复"})


def _prepare(person: Person) -> None:
    person.id_number = (person.id_number or "").strip().upper()
    person.name = person.name.strip()
    person.phone = normalize_phone(person.phone)
    person.stroke_key = stroke_key(person.name)
    person.pinyin = name_pinyin(person.name)
    person.bureau_id = person.org.bureau_id


@transaction.atomic
def person_create(*, actor, since: datetime.date | None = None, **fields) -> Person:
    """`since`: the day the person came onto this org's roll (e.g. a transfer in); None when unknown
    (on the roll since before the records began)."""
    person = Person(**fields)
    _prepare(person)
    person.full_clean(exclude=["bureau"])
    _validate(person)
    person.save()
    roll.sync_spans(person, None, effective=since)
    audit.record(
        actor=actor,
        org=person.org,
        kind="person.create",
        subject=person,
        data={
            "changes": {
                k: [None, v] for k, v in audit.snapshot(person, PERSON_FIELDS).items() if v not in (None, "", False)
            }
        },
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    kind: str = "person.update",
    effective: datetime.date | None = None,
    version: int | None = None,
    **fields,
) -> Person:
    """`effective`: the day a move to another org, 党小组 or category took effect (default today).
    `version`: the version the editor loaded (form hidden field, API If-Match); a stale one raises
    versioning.StaleEdit and changes nothing. The given fields are applied to the row as it is now."""
    versioning.claim(person, version)
    before = audit.snapshot(person, PERSON_FIELDS)
    for k, v in fields.items():
        setattr(person, k, v)
    _prepare(person)
    person.full_clean(exclude=["bureau"])
    _validate(person)
    person.save()
    roll.sync_spans(person, before, effective=effective)
    changes = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
    if changes:
        audit.record(actor=actor, org=person.org, kind=kind, subject=person, data={"changes": changes})
    return person


def person_leave(*, actor, person: Person, reason: str, on: datetime.date, note: str = "") -> Person:
    """Take a person off the roll (转出/去世/出党/停止党籍); the record stays and can be restored."""
    if not person.on_roll:
        raise ValidationError("该人员已不在册")
    return person_update(
        actor=actor, person=person, kind="person.leave", on_roll=False, left_reason=reason, left_on=on, left_note=note
    )


def person_restore(*, actor, person: Person, note: str = "") -> Person:
    if person.on_roll:
        raise ValidationError("该人员已在册")
    return person_update(
        actor=actor, person=person, kind="person.restore", on_roll=True, left_reason="", left_on=None, left_note=note
    )

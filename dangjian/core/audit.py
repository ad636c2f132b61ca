"""Helpers for recording changes: a field-level diff and the AuditEvent writer."""
import datetime
from decimal import Decimal

from .models import AuditEvent


def jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(instance, fields) -> dict:
    """Field values of a model instance keyed by field name (FKs by their id)."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attr = field.attname
        out[name] = jsonable(getattr(instance, attr))
    return out


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(*, actor, org, kind: str, subject, data: dict | None = None) -> AuditEvent:
    """Write one audit row; call inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        org=org,
        kind=kind,
        subject_type=subject._meta.model_name,
        subject_id=subject.pk,
        data=data or {},
    )


def history(subject):
    return AuditEvent.objects.filter(subject_type=subject._meta.model_name, subject_id=subject.pk).select_related("actor")

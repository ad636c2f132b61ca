"""One status mechanism for every workflow (the shape of django-oscar's order pipeline).

A ``Workflow`` names a model's status field, its transition table and what a change writes. The one mover,
``set_status(*, actor, obj, to, note)``, locks the row, checks the table and the workflow's guard, applies
the workflow's effects, saves, writes one status-change row and one AuditEvent — all in one transaction.
``available_statuses(obj)`` lists the statuses the table allows next, for the pages and the API.

Apps declare their workflow in ``<app>/workflows.py`` (imported by the app's services) with ``register``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from dangjian.lib import clock

from . import audit
from .models import StatusChange


@dataclasses.dataclass
class Change:
    """One requested change, handed to a workflow's hooks; hooks may add to ``audit`` and ``saved``."""

    obj: models.Model
    before: str
    to: str
    actor: Any
    note: str
    on: Any  # the date the change takes effect (today unless the caller names one)
    extra: dict  # caller's workflow-specific arguments (e.g. the member a letter registers)
    audit: dict = dataclasses.field(default_factory=dict)  # added to the AuditEvent's data
    saved: set = dataclasses.field(default_factory=set)  # other fields of obj the hooks changed


@dataclasses.dataclass(frozen=True)
class Workflow:
    model: type[models.Model]
    table: Mapping[str, Collection[str]]
    audit_kind: str | Callable[[Change], str]  # a callable names the kind per change (e.g. submit vs finish)
    choices: type[models.TextChoices]
    field: str = "status"
    # Raise ValidationError to refuse (nothing is written); runs after the table check, under the row lock.
    guard: Callable[[Change], None] | None = None
    # Change obj's other fields (list them in change.saved) or write elsewhere before the status is saved.
    effects: Callable[[Change], None] | None = None
    # Runs after the status is saved and logged (e.g. propose a notice about the result).
    after: Callable[[Change], None] | None = None
    # Writes the status-change row; None = the shared core.StatusChange.
    log: Callable[[Change], Any] | None = None
    org_of: Callable[[models.Model], Any] = lambda obj: obj.org
    error_key: str | None = None  # form field the "cannot move" error is attached to
    # The "cannot move" message; {before} and {to} are the Chinese labels (apps keep their own wording).
    refused: str = "当前状态“{before}”不能变为“{to}”"

    def label(self, value: str) -> str:
        return self.choices(value).label if value in self.choices.values else str(value)

    def allowed(self, current: str) -> list[str]:
        return list(self.table.get(current, ()))


_REGISTRY: dict[tuple[type, str], Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _REGISTRY[(workflow.model, workflow.field)] = workflow
    return workflow


def registered() -> list[Workflow]:
    return list(_REGISTRY.values())


def workflow_of(obj_or_model, field: str = "status") -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    model = model._meta.concrete_model
    try:
        return _REGISTRY[(model, field)]
    except KeyError:
        raise LookupError(f"no workflow registered for {model._meta.label}.{field}") from None


def available_statuses(obj, field: str = "status") -> list:
    """The statuses ``obj`` may move to now, as the workflow's choices (value and Chinese label)."""
    wf = workflow_of(obj, field)
    return [wf.choices(s) for s in wf.allowed(getattr(obj, wf.field))]


def _refuse(wf: Workflow, message: str):
    raise ValidationError({wf.error_key: message} if wf.error_key else message)


def set_status(*, actor, obj, to: str, note: str = "", field: str = "status", on=None, **extra):
    """Move ``obj`` to status ``to``; the one way any workflow's status changes. Returns the saved row."""
    wf = workflow_of(obj, field)
    note = (note or "").strip()
    with transaction.atomic():
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        before = getattr(obj, wf.field)
        if to not in wf.table.get(before, ()):
            _refuse(wf, wf.refused.format(before=wf.label(before), to=wf.label(to)))
        change = Change(obj=obj, before=before, to=to, actor=actor, note=note, on=on or clock.today(), extra=extra)
        if wf.guard:
            wf.guard(change)
        if wf.effects:
            wf.effects(change)
        setattr(obj, wf.field, to)
        obj.save(update_fields=[wf.field, *sorted(change.saved)])
        if wf.log:
            wf.log(change)
        else:
            StatusChange.objects.create(
                subject_type=obj._meta.label_lower,
                subject_id=obj.pk,
                field=wf.field,
                from_status=before,
                to_status=to,
                note=note[:300],
                actor=actor if getattr(actor, "pk", None) else None,
            )
        audit.record(
            actor=actor,
            org=wf.org_of(obj),
            kind=wf.audit_kind(change) if callable(wf.audit_kind) else wf.audit_kind,
            subject=obj,
            data={"from": before, "to": to, "note": note, **change.audit},
        )
        if wf.after:
            wf.after(change)
    return obj


def history(obj, field: str = "status"):
    """The shared status-change rows of ``obj`` (workflows without a log model of their own)."""
    return StatusChange.objects.filter(subject_type=obj._meta.label_lower, subject_id=obj.pk, field=field)

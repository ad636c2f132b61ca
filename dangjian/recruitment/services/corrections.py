"""Correcting a development case: a wrong step voided, or replaced by a corrected one; the roster follows."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, versioning
from dangjian.lib import clock

from .. import engine
from ..models import CaseStep, DevelopmentCase
from ..stepfields import VOTE_KEYS
from ._common import sync_roster
from .cases import case_step_record


@transaction.atomic
def case_step_void(*, actor, step: CaseStep, reason: str, version: int | None = None) -> CaseStep:
    """Take a wrongly recorded step out of the case by a new ``void`` entry; the roster follows.
    `version` as in case_step_record."""
    case = DevelopmentCase.objects.select_for_update().get(pk=step.case_id)
    versioning.claim(case, version)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明作废原因"})
    if step.code in ("void", "application") or CaseStep.objects.filter(voids=step).exists():
        raise ValidationError("该记录不能作废（入党申请和已作废的记录除外）")
    void = CaseStep.objects.create(
        case=case, code="void", date=clock.today(), actor=actor, voids=step, note=reason.strip()
    )
    events = engine.case_events(case)
    case.closed = False if case.result != "revoked" else case.closed
    sync_roster(actor=actor, case=case, events=events, allow_down=True)
    case.save(update_fields=["stage", "closed", "result"])
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.void",
        subject=case,
        data={"step": step.pk, "code": step.code, "reason": reason.strip()},
    )
    return void


def _step_values(step: CaseStep) -> dict:
    return {
        "date": step.date.isoformat(),
        "data": step.data,
        "opinions": step.opinions,
        "documents": step.documents,
        "votes": {k: getattr(step, col) for k, col in VOTE_KEYS.items() if getattr(step, col) is not None},
    }


@transaction.atomic
def step_correct(
    *,
    actor,
    step: CaseStep,
    date: datetime.date,
    data: dict | None = None,
    reason: str,
    override_reason: str = "",
    version: int | None = None,
) -> CaseStep:
    """更正 a recorded step in one go: the old record is voided (kept, struck through) and the step is
    recorded again with the corrected date and data, under the same rule checks as a new step (order,
    repeats, deadlines). ``data`` None keeps the old record's data. The case history (audit) holds the
    old and the new values. Any refusal leaves the case as it was."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明更正原因"})
    old = CaseStep.objects.select_related("case").get(pk=step.pk)
    if old.code in ("void", "application") or CaseStep.objects.filter(voids=old).exists():
        raise ValidationError("该记录不能更正（入党申请和已作废的记录除外）")
    if old.case.closed:
        raise ValidationError("该发展党员档案已结案，不能更正")
    if data is None:
        data = {**old.data, **_step_votes(old)}
        if old.opinions:
            data["opinions"] = old.opinions
        if old.documents:
            data["documents"] = old.documents
    data = {k: v for k, v in data.items() if k not in ("overridden", "conversion_date")}
    case_step_void(actor=actor, step=old, reason=f"更正：{reason}", version=version)
    new = case_step_record(
        actor=actor, case=old.case, code=old.code, date=date, data=data, override_reason=override_reason, note=old.note
    )
    audit.record(
        actor=actor,
        org=old.case.org,
        kind="recruitment.correct",
        subject=old.case,
        data={
            "code": old.code,
            "step": old.pk,
            "new_step": new.pk,
            "reason": reason,
            "old": _step_values(old),
            "new": _step_values(new),
        },
    )
    return new


def _step_votes(step: CaseStep) -> dict:
    return {k: getattr(step, col) for k, col in VOTE_KEYS.items() if getattr(step, col) is not None}

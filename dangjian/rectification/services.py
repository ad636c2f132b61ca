"""Every write of rectification items. Each service checks scope (404 when out of it), validates, writes a
RectificationLog row and an AuditEvent in the same transaction.

The services use plain `transaction.atomic` (not durable) so other apps (the assessment) may raise items from
inside their own transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.lib import clock, uploads

from . import workflows  # noqa: F401  (registers the 整改 workflow)
from .models import LIVE, Rectification, RectificationLog, RectificationSource, RectificationStatus
from .selectors import can_accept


def _require_manage(actor, org):
    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def _check_owner(org, owner):
    if owner is not None and not (owner.org.path.startswith(org.path) and owner.on_roll):
        raise ValidationError({"owner": f"责任人{owner.name}不是{org.name}的在册人员"})


def _log(item, actor, from_status, note="", on=None):
    RectificationLog.objects.create(
        rectification=item,
        actor=actor if getattr(actor, "pk", None) else None,
        on=on or clock.today(),
        from_status=from_status,
        to_status=item.status,
        note=note,
    )


def _save(item):
    item.full_clean(validate_constraints=False)
    item.save()
    return item


@transaction.atomic
def rectification_raise(
    *,
    actor,
    org,
    source,
    source_ref,
    rule_id="",
    problem,
    owner=None,
    due_date=None,
    measure="",
    year=None,
    raised_on=None,
) -> Rectification:
    """Raise an item; idempotent on (org, source, source_ref) while an item for that key is open or done
    (returns the existing one unchanged). actor=None means the system (no scope check)."""
    _require_manage(actor, org)
    source_ref = (source_ref or "").strip()
    if source_ref:
        existing = (
            Rectification.objects.select_for_update()
            .filter(org=org, source=source, source_ref=source_ref, status__in=LIVE)
            .first()
        )
        if existing:
            return existing
    raised_on = raised_on or clock.today()
    errors = {}
    if source not in RectificationSource.values:
        errors["source"] = "问题来源不正确"
    if not (problem or "").strip():
        errors["problem"] = "请填写“问题”"
    if due_date is not None and due_date < raised_on:
        errors["due_date"] = f"整改时限（{due_date}）不能早于提出日期（{raised_on}）"
    try:
        _check_owner(org, owner)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    item = Rectification(
        org=org,
        year=year or raised_on.year,
        source=source,
        source_ref=source_ref,
        rule_id=(rule_id or "")[:20],
        problem=problem.strip(),
        measure=(measure or "").strip(),
        owner=owner,
        due_date=due_date,
        raised_by=actor if getattr(actor, "pk", None) else None,
        raised_on=raised_on,
    )
    try:
        with transaction.atomic():  # a concurrent raise of the same key loses on the partial unique index
            _save(item)
    except IntegrityError:
        return Rectification.objects.get(org=org, source=source, source_ref=source_ref, status__in=LIVE)
    _log(item, actor, "", on=raised_on)
    record(
        actor=actor,
        org=org,
        kind="rectification.raise",
        subject=item,
        data={
            "source": source,
            "source_ref": source_ref,
            "rule_id": item.rule_id,
            "due_date": str(due_date) if due_date else None,
            "owner": owner.pk if owner else None,
        },
    )
    return item


@transaction.atomic
def rectification_update(*, actor, item, measure, owner, due_date) -> Rectification:
    """Change the measure, owner or due date of an item still being worked on (整改中)."""
    _require_manage(actor, item.org)
    item = Rectification.objects.select_for_update().get(pk=item.pk)
    if item.status != RectificationStatus.OPEN:
        raise ValidationError(f"“{item.get_status_display()}”的整改事项不能修改")
    if due_date is None:
        raise ValidationError({"due_date": "请填写“整改时限”"})
    if due_date < item.raised_on:
        raise ValidationError({"due_date": f"整改时限（{due_date}）不能早于提出日期（{item.raised_on}）"})
    _check_owner(item.org, owner)
    before = {"measure": item.measure, "owner": item.owner_id, "due_date": str(item.due_date)}
    item.measure, item.owner, item.due_date = (measure or "").strip(), owner, due_date
    _save(item)
    after = {"measure": item.measure, "owner": item.owner_id, "due_date": str(item.due_date)}
    record(
        actor=actor,
        org=item.org,
        kind="rectification.update",
        subject=item,
        data={"changes": {k: [before[k], after[k]] for k in after if before[k] != after[k]}},
    )
    return item


@transaction.atomic
def rectification_report_done(*, actor, item, closure_note, files=(), reported_on=None) -> Rectification:
    """The branch reports the rectification done: 整改情况 text and evidence files -> 已整改待验收."""
    _require_manage(actor, item.org)
    if not (closure_note or "").strip():
        raise ValidationError({"closure_note": "请填写“整改情况”"})
    reported_on = reported_on or clock.today()
    if reported_on < item.raised_on:
        raise ValidationError({"reported_on": f"完成日期（{reported_on}）不能早于提出日期（{item.raised_on}）"})
    files = uploads.accept_all(files, field="files")  # by content and size, before anything is written
    return workflow.set_status(
        actor=actor, obj=item, to=RectificationStatus.DONE, note=closure_note, on=reported_on, files=files
    )


def _require_accept(actor, item):
    _require_manage(actor, item.org)
    if actor is not None and not can_accept(actor, item):
        raise ValidationError("只有上级党组织才能验收或退回本组织的整改事项")


@transaction.atomic
def rectification_accept(*, actor, item, note="", closed_on=None) -> Rectification:
    """The superior accepts the rectification (销号). A linked supervision-visit problem is marked resolved."""
    _require_accept(actor, item)
    return workflow.set_status(actor=actor, obj=item, to=RectificationStatus.CLOSED, note=note, on=closed_on)


@transaction.atomic
def rectification_return(*, actor, item, reason) -> Rectification:
    """The superior returns a reported item for more work (退回), with a reason."""
    _require_accept(actor, item)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写退回原因"})
    return workflow.set_status(actor=actor, obj=item, to=RectificationStatus.OPEN, note=reason)


@transaction.atomic
def rectification_cancel(*, actor, item, reason) -> Rectification:
    """Cancel a mistaken item (撤销): by the superior or whoever raised it. The item stays, struck out."""
    _require_manage(actor, item.org)
    if actor is not None and not (can_accept(actor, item) or item.raised_by_id == actor.pk):
        raise ValidationError("只有提出人或上级党组织才能撤销整改事项")
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写撤销原因"})
    return workflow.set_status(actor=actor, obj=item, to=RectificationStatus.CANCELLED, note=reason)


def default_due(today: datetime.date) -> datetime.date:
    """A suggested due date for the raise form: one month on."""
    return today + datetime.timedelta(days=30)

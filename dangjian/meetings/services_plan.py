"""Writes of the yearly meeting plan (年度计划): items added, changed and cancelled, each audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.orgs.models import OrgKind

from .models import MeetingPlanItem

PLAN_FIELDS = ["org", "year", "month", "kind", "topic", "note", "voided", "void_reason"]


def _check_plan(item: MeetingPlanItem) -> None:
    if item.org.kind == OrgKind.GROUP:
        raise ValidationError({"org": "计划请在支部下制定"})
    if not 1 <= int(item.month or 0) <= 12:
        raise ValidationError({"month": "月份应为1—12"})
    if not 2000 <= int(item.year or 0) <= 2100:
        raise ValidationError({"year": "年度不正确"})


@transaction.atomic
def plan_item_create(*, actor, org, year: int, month: int, kind: str, topic: str, note: str = "") -> MeetingPlanItem:
    item = MeetingPlanItem(
        org=org, year=year, month=month, kind=kind, topic=topic.strip(), note=note.strip(), created_by=actor
    )
    item.full_clean(exclude=["created_by"])
    _check_plan(item)
    item.save()
    audit.record(
        actor=actor,
        org=org,
        kind="meeting_plan.create",
        subject=item,
        data={"changes": {k: [None, v] for k, v in audit.snapshot(item, PLAN_FIELDS).items() if v}},
    )
    return item


@transaction.atomic
def plan_item_update(*, actor, item: MeetingPlanItem, kind: str = "meeting_plan.update", **fields) -> MeetingPlanItem:
    before = audit.snapshot(item, PLAN_FIELDS)
    for k, v in fields.items():
        setattr(item, k, v)
    item.full_clean(exclude=["created_by"])
    _check_plan(item)
    item.save()
    changes = audit.diff(before, audit.snapshot(item, PLAN_FIELDS))
    if changes:
        audit.record(actor=actor, org=item.org, kind=kind, subject=item, data={"changes": changes})
    return item


def plan_item_void(*, actor, item: MeetingPlanItem, reason: str) -> MeetingPlanItem:
    if not (reason or "").strip():
        raise ValidationError({"void_reason": "请填写取消计划的原因"})
    return plan_item_update(actor=actor, item=item, kind="meeting_plan.void", voided=True, void_reason=reason.strip())

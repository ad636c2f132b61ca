"""The yearly development plan (发展计划) of an organization."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit

from ..models import DevelopmentPlan


@transaction.atomic
def plan_set(*, actor, org, year: int, planned_count: int, note: str = "") -> DevelopmentPlan:
    if not org.is_branch and org.kind not in ("committee", "general_branch"):
        raise ValidationError("发展计划只能按党组织制定")
    plan = DevelopmentPlan.objects.filter(org=org, year=year).first() or DevelopmentPlan(
        org=org, year=year, planned_count=0
    )
    before = plan.planned_count
    plan.planned_count, plan.note = planned_count, note
    plan.full_clean()
    plan.save()
    audit.record(
        actor=actor,
        org=org,
        kind="recruitment.plan",
        subject=plan,
        data={"changes": {"planned_count": [before, planned_count]}},
    )
    return plan

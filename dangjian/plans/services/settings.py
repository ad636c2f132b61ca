"""The bureau's plans settings (the visits-per-leader minimum); bureau officers of that bureau and admins."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dangjian.accounts.scope import can_manage
from dangjian.core.audit import record

from ..models.settings import BureauPlanSetting


@transaction.atomic
def visits_minimum_set(*, actor, bureau, visits_per_leader: int) -> BureauPlanSetting:
    if bureau.parent_id is not None:
        raise ValidationError({"bureau": "此项设置只能设在最上级党组织（教育局党委）"})
    if not can_manage(actor, bureau):
        raise PermissionDenied("只有教育局党委工作人员可以修改本单位的设置")
    if not 0 <= int(visits_per_leader) <= 52:
        raise ValidationError({"visits_per_leader": "次数应在 0 至 52 之间"})
    row, _ = BureauPlanSetting.objects.select_for_update().get_or_create(bureau=bureau)
    before = row.visits_per_leader
    row.visits_per_leader, row.updated_by = int(visits_per_leader), actor
    row.full_clean()
    row.save()
    if before != row.visits_per_leader:
        record(
            actor=actor,
            org=bureau,
            kind="plans.visits_minimum",
            subject=row,
            data={"changes": {"visits_per_leader": [before, row.visits_per_leader]}},
        )
    return row

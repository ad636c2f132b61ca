"""Every write of the rulebook app: keyword-only, atomic, audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.orgs.models import Org

from . import local
from .models import BureauSetting, HolidayDay, HolidayYear
from .selectors import local_settings_for


@transaction.atomic
def bureau_settings_update(*, actor, bureau: Org, values: dict) -> BureauSetting:
    """Set the bureau's LocalSettings fields given in ``values`` (typed or JSON form).

    Bad values raise ValidationError naming the field; nothing is saved then.
    """
    if bureau.parent_id is not None:
        raise ValidationError("本地规则设置只能设在最上级党组织（局党委）")
    unknown = sorted(set(values) - set(local.NAMES))
    if unknown:
        raise ValidationError({unknown[0]: f"没有名为 {unknown[0]} 的设置项"})
    current = local_settings_for(bureau)
    merged = {**local.encode(current), **{k: local.jsonable(v) for k, v in values.items()}}
    errors = {}
    for name in values:
        try:
            local.build({name: merged[name]})
        except (ValueError, TypeError, ArithmeticError) as exc:
            errors[name] = f"{local.label(name)}：取值「{merged[name]}」无效（{exc}）"
    if errors:
        raise ValidationError(errors)
    try:
        new = local.build(merged)
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise ValidationError(f"设置组合无效：{exc}") from exc
    row, _ = BureauSetting.objects.select_for_update().get_or_create(bureau=bureau)
    row.values = local.encode(new)
    row.full_clean()
    row.save()
    changes = {
        n: [local.jsonable(getattr(current, n)), local.jsonable(getattr(new, n))]
        for n in local.NAMES
        if getattr(current, n) != getattr(new, n)
    }
    if changes:
        audit.record(actor=actor, org=bureau, kind="rule_settings.update", subject=row, data={"changes": changes})
    return row


HOLIDAY_ADMIN_ONLY = "全国法定节假日表由系统管理员统一维护，您没有修改权限"


def _holiday_admin_only(actor) -> None:
    # None: a command run by the operator on the server.
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(HOLIDAY_ADMIN_ONLY)


@transaction.atomic
def holiday_days_enter(*, actor, rows: list[tuple[date, bool, str]]) -> list[HolidayDay]:
    """Enter or correct days of the holiday table; each change is audited."""
    _holiday_admin_only(actor)
    out = []
    for day, is_workday, note in rows:
        existing = HolidayDay.objects.filter(date=day).first()
        before = audit.snapshot(existing, ["is_workday", "note"]) if existing else None
        obj = existing or HolidayDay(date=day)
        obj.is_workday, obj.note = bool(is_workday), (note or "")[:100]
        obj.entered_by = actor if getattr(actor, "is_authenticated", False) else None
        obj.full_clean(validate_unique=existing is None)
        obj.save()
        after = audit.snapshot(obj, ["date", "is_workday", "note"])
        if before is None:
            audit.record(actor=actor, org=None, kind="holiday.create", subject=obj, data=after)
        elif audit.diff(before, after):
            audit.record(
                actor=actor,
                org=None,
                kind="holiday.update",
                subject=obj,
                data={"changes": audit.diff(before, {k: after[k] for k in before})},
            )
        out.append(obj)
    return out


@transaction.atomic
def holiday_day_remove(*, actor, day: date) -> None:
    """Remove one entered day (the package or weekend rule applies again); the row is kept in the audit."""
    _holiday_admin_only(actor)
    obj = HolidayDay.objects.filter(date=day).first()
    if obj is None:
        raise ValidationError({"date": f"{day.isoformat()} 没有录入记录"})
    audit.record(
        actor=actor,
        org=None,
        kind="holiday.remove",
        subject=obj,
        data=audit.snapshot(obj, ["date", "is_workday", "note"]),
    )
    obj.delete()


@transaction.atomic
def holiday_year_mark(*, actor, year: int, complete: bool) -> HolidayYear:
    """Mark a year's arrangement as completely entered (results stop being provisional) or not."""
    _holiday_admin_only(actor)
    if not 1949 <= year <= 2200:
        raise ValidationError({"year": f"年度 {year} 超出范围"})
    obj, created = HolidayYear.objects.select_for_update().get_or_create(year=year)
    if created or obj.complete != complete:
        obj.complete = complete
        obj.full_clean()
        obj.save()
        audit.record(actor=actor, org=None, kind="holiday_year.mark", subject=obj, data={"complete": complete})
    return obj

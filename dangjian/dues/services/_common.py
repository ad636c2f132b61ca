"""Helpers shared by the dues services."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from dangjian.members.models import MEMBER_STATUSES
from dangjian.rules.periods import month_label, month_start  # noqa: F401

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def settings_for(org):
    """The bureau's LocalSettings (dangjian.rulebook), the engine defaults when none are stored."""
    from dangjian.rulebook.selectors import local_settings_for

    return local_settings_for(org)


def money(value, field: str, label: str, *, allow_negative: bool = False) -> Decimal:
    """A Decimal to the cent, or a ValidationError naming the field in Chinese."""
    if value is None or value == "":
        return ZERO
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"{label}应为数字（元），如 1234.56"})
    if not amount.is_finite():
        raise ValidationError({field: f"{label}应为数字（元）"})
    if amount < 0 and not allow_negative:
        raise ValidationError({field: f"{label}不能为负数"})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: f"{label}最多保留两位小数（分）"})
    if abs(amount) >= Decimal("10000000000"):
        raise ValidationError({field: f"{label}数额过大"})
    return amount.quantize(CENT)


def require_manage(actor, org) -> None:
    """Every dues write checks scope itself, not only the view: out of scope is 404, never 403.
    ``actor=None`` is the system (demo data, migrations), which has no scope to check."""
    from django.http import Http404

    from dangjian.accounts.scope import can_manage

    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def require_member(person) -> None:
    if person.status not in MEMBER_STATUSES:
        raise ValidationError({"person": f"{person.name}不是党员（预备党员或正式党员），不交纳党费"})

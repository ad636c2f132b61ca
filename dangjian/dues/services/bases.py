"""党费基数: a new DuesBase row per change (FEE-01/03/04/05/06/09/13)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.rules import dues as rules
from dangjian.rules.settings import LocalSettings

from ..models import DuesBase, DuesCategory, Reduction
from ._common import ZERO, money, month_start, require_manage, require_member, settings_for


def compute_amounts(*, category: str, base: Decimal, settings: LocalSettings) -> dict:
    """Exact and rounded monthly dues for a base (FEE-02/04/05, FEE-13 rounding from the settings)."""
    return {
        "exact": rules.exact_dues(base, category, settings),
        "standard": rules.monthly_dues(base, category, settings),
    }


def _components(raw) -> dict:
    out = {}
    for name, value in (raw or {}).items():
        name = str(name).strip()
        if not name:
            continue
        out[name] = str(money(value, "components", f"工资项目“{name}”"))
    return out


def base_set(
    *,
    actor,
    person,
    effective_month,
    category: str = DuesCategory.EMPLOYED,
    components=None,
    income_tax=0,
    social_insurance=0,
    base=None,
    reduction: str = Reduction.NONE,
    reduced_amount=None,
    approved_by: str = "",
    approved_on: datetime.date | None = None,
    approval_doc: str = "",
    note: str = "",
    _atomic: bool = True,
) -> DuesBase:
    """Record a member's base from ``effective_month`` on. With wage ``components`` the base is
    computed (FEE-01: items such as 住房公积金 are left out; income tax deducted; social insurance
    too when the bureau's setting says so); otherwise ``base`` is taken as given (pension, FEE-03 average).

    A reduction or exemption needs the approval record (FEE-06): approving org, date and document number.
    """
    require_manage(actor, person.org)
    require_member(person)
    if category not in DuesCategory.values:
        raise ValidationError({"category": f"交纳类别“{category}”无效"})
    if reduction not in Reduction.values:
        raise ValidationError({"reduction": f"减免类型“{reduction}”无效"})
    try:
        effective_month = month_start(effective_month)
    except (TypeError, ValueError):
        raise ValidationError({"effective_month": "起始月份格式应为 YYYY-MM"})
    settings = settings_for(person.org)
    comps = _components(components)
    tax = money(income_tax, "income_tax", "个人所得税")
    social = money(social_insurance, "social_insurance", "社会保险")
    if comps:
        value = rules.dues_base(comps, tax, social, settings.deduct_social_insurance)
    elif category in rules.FIXED_CATEGORIES:
        value = money(base, "base", "党费基数")
    elif base is None or base == "":
        raise ValidationError({"base": "请填写工资项目或党费基数"})
    else:
        value = money(base, "base", "党费基数")
    amounts = compute_amounts(category=category, base=value, settings=settings)
    standard, amount = amounts["standard"], amounts["standard"]
    if reduction != Reduction.NONE:
        missing = [
            label
            for label, v in (("批准组织", approved_by), ("批准日期", approved_on), ("批准文号", approval_doc))
            if not v
        ]
        if missing:
            finding = rules.reduction_findings(standard, ZERO, approved=False, subject=person.name)[0]
            raise ValidationError({"approval_doc": f"{finding.message_zh}。请填写：{'、'.join(missing)}"})
        if reduction == Reduction.EXEMPT:
            amount = ZERO
        else:
            amount = money(reduced_amount, "reduced_amount", "减交后每月金额")
            if not ZERO < amount < standard:
                raise ValidationError({"reduced_amount": f"减交后每月金额应大于0且少于按规定应交的{standard}元"})
    row = DuesBase(
        person=person,
        org_id=person.org_id,
        bureau_id=person.bureau_id,
        effective_month=effective_month,
        category=category,
        components=comps,
        income_tax=tax,
        social_insurance=social,
        base=value,
        exact_amount=amounts["exact"],
        standard_amount=standard,
        amount=amount,
        mode=settings.dues_base_mode,
        reduction=reduction,
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        approval_doc=approval_doc.strip(),
        note=note.strip(),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    row.full_clean(exclude=["person", "org", "bureau", "entered_by"])
    if not _atomic:
        return _save(actor, row)
    with transaction.atomic():
        return _save(actor, row)


def _save(actor, row: DuesBase) -> DuesBase:
    row.save()
    audit.record(
        actor=actor,
        org=row.person.org,
        kind="dues.base",
        subject=row.person,
        data={
            "effective_month": row.effective_month.isoformat(),
            "base": str(row.base),
            "amount": str(row.amount),
            "category": row.category,
            "reduction": row.reduction,
            "approval_doc": row.approval_doc,
        },
    )
    return row

"""党费 (FEE) — 《关于中国共产党党费收缴、使用和管理的规定》 (中组发〔2008〕3号).

Amounts are ``Decimal``. Brackets apply to the whole base (全额累进: 5100 → 76.50, 4900 → 49.00).
Rounding (FEE-13) is ROUND_HALF_UP to 0.01 yuan by default, configurable in LocalSettings.
Arrears and catch-up rules (FEE-11, FEE-12) live in ``dues_arrears`` and are re-exported here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable, Mapping

from .periods import month_start
from .settings import DEFAULTS, LocalSettings

CATEGORIES: dict[str, str] = {
    "employed": "在职党员",
    "retired": "离退休党员",
    "student": "学生党员",
    "unemployed": "下岗失业党员",
    "low_income": "依靠抚恤、救济或领取最低生活保障金的党员",
    "farmer": "农民党员",
}
FIXED_CATEGORIES = ("student", "unemployed", "low_income", "farmer")
FIXED_MONTHLY = Decimal("0.20")  # FEE-05
CENTRAL_THRESHOLD = Decimal("1000")  # FEE-10: 1000元以上 (inclusive, GEN-01)

# FEE-02: (upper bound inclusive, rate); None = no upper bound.
EMPLOYED_BRACKETS = (
    (Decimal("3000"), Decimal("0.005")),
    (Decimal("5000"), Decimal("0.01")),
    (Decimal("10000"), Decimal("0.015")),
    (None, Decimal("0.02")),
)
# FEE-04
RETIRED_BRACKETS = ((Decimal("5000"), Decimal("0.005")), (None, Decimal("0.01")))

# FEE-01: wage items never in the base (改革性补贴, region/post allowances, social-insurance items).
EXCLUDED_COMPONENT_MARKERS = (
    "公积金",
    "提租",
    "通讯",
    "交通",
    "护理",
    "抚恤",
    "社会保险",
    "社保",
    "艰苦边远",
    "办案",
    "专家",
)
EXCLUDED_COMPONENT_CODES = frozenset(
    {
        "housing_fund",
        "rent_subsidy",
        "communication",
        "transport",
        "nursing",
        "disability_pension",
        "social_insurance_subsidy",
        "remote_area",
        "case_handling",
        "expert_allowance",
    }
)


def to_decimal(value) -> Decimal:
    """Decimal from int/str/Decimal/float (floats via str so 0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def is_excluded_component(name: str) -> bool:
    """FEE-01: is a named wage item outside the dues base (e.g. 住房公积金, 通讯补贴)?"""
    return name in EXCLUDED_COMPONENT_CODES or any(m in name for m in EXCLUDED_COMPONENT_MARKERS)


def split_components(components: Mapping[str, object] | Iterable) -> tuple[dict, dict]:
    """(included, excluded) items; an iterable of plain amounts is all included."""
    if not isinstance(components, Mapping):
        return {str(i): to_decimal(v) for i, v in enumerate(components)}, {}
    included, excluded = {}, {}
    for name, amount in components.items():
        (excluded if is_excluded_component(str(name)) else included)[name] = to_decimal(amount)
    return included, excluded


def dues_base(components, income_tax, social_insurance=0, deduct_social_insurance: bool = False) -> Decimal:
    """FEE-01: monthly base = included wage items − individual income tax
    (− the employee's 五险一金 when ``deduct_social_insurance``; default off per the 中组部 Q&A).

    ``components`` is a mapping ``{item name: amount}`` — items such as 住房公积金 or 通讯补贴
    are left out automatically — or an iterable of amounts that are all included.
    Never negative; kept to 0.01 yuan.
    """
    included, _ = split_components(components)
    base = sum(included.values(), Decimal("0")) - to_decimal(income_tax)
    if deduct_social_insurance:
        base -= to_decimal(social_insurance)
    return max(base, Decimal("0")).quantize(Decimal("0.01"))


def _bracket_rate(base: Decimal, brackets) -> Decimal:
    for upper, rate in brackets:
        if upper is None or base <= upper:
            return rate
    raise AssertionError("unreachable")  # pragma: no cover


def dues_rate(base, category: str = "employed") -> Decimal:
    """FEE-02 / FEE-04: the rate for the whole base (全额累进).

    Fixed-amount categories (FEE-05: student, unemployed, low_income, farmer) have no rate: 0.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown dues category {category!r}")
    b = to_decimal(base)
    if b < 0:
        raise ValueError("base cannot be negative")
    if category == "employed":
        return _bracket_rate(b, EMPLOYED_BRACKETS)
    if category == "retired":
        return _bracket_rate(b, RETIRED_BRACKETS)
    return Decimal("0")


def fixed_monthly_dues(category: str, settings: LocalSettings = DEFAULTS) -> Decimal | None:
    """FEE-05: 0.20 yuan (farmers: the branch's amount within 0.20–1.00), None for rate categories."""
    if category == "farmer":
        return to_decimal(settings.farmer_monthly_dues)
    if category in FIXED_CATEGORIES:
        return FIXED_MONTHLY
    return None


def exact_dues(base, category: str = "employed", settings: LocalSettings = DEFAULTS) -> Decimal:
    """Unrounded monthly dues (FEE-13 keeps the exact value beside the rounded one)."""
    fixed = fixed_monthly_dues(category, settings)
    if fixed is not None:
        dues_rate(base, category)  # validates the category
        return fixed
    return to_decimal(base) * dues_rate(base, category)


def monthly_dues(base, category: str = "employed", settings: LocalSettings = DEFAULTS) -> Decimal:
    """FEE-02/04/05 with FEE-13 rounding: e.g. 5100 → 76.50, 3000.01 → 30.00, student → 0.20."""
    exact = exact_dues(base, category, settings)
    return exact.quantize(to_decimal(settings.dues_quantum), rounding=settings.dues_rounding)


def dues_breakdown(
    components, income_tax, category: str = "employed", social_insurance=0, settings: LocalSettings = DEFAULTS
) -> dict:
    """Every step of the 党费计算器 with the rule that governs it."""
    included, excluded = split_components(components)
    base = dues_base(components, income_tax, social_insurance, settings.deduct_social_insurance)
    return {
        "included": included,
        "excluded": excluded,
        "base": base,
        "rate": dues_rate(base, category),
        "exact": exact_dues(base, category, settings),
        "amount": monthly_dues(base, category, settings),
        "rules": {
            "base": "FEE-01",
            "rate": "FEE-04" if category == "retired" else ("FEE-05" if category in FIXED_CATEGORIES else "FEE-02"),
            "rounding": "FEE-13",
        },
    }


def quarter_average_base(monthly_incomes: Iterable) -> Decimal:
    """FEE-03: members without fixed pay use the previous quarter's average monthly net income."""
    values = [to_decimal(v) for v in monthly_incomes]
    if not values:
        raise ValueError("need the previous quarter's incomes")
    return (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.01"))


def base_for_month(bases: Iterable[tuple], month, settings: LocalSettings = DEFAULTS) -> Decimal | None:
    """FEE-09: the base that applies to ``month`` from (effective month, base) pairs.

    ``per_month`` (default): the latest base effective on or before the month (a raise paid
    from 2026-07 applies to July). ``annual``: the base in force in January of that year.
    """
    target = month_start(month)
    if settings.dues_base_mode == "annual":
        target = date(target.year, 1, 1)
    best = None
    for effective, base in sorted(((month_start(m), to_decimal(b)) for m, b in bases), key=lambda p: p[0]):
        if effective <= target:
            best = base
    return best


def first_dues_month(resolution_date: date) -> date:
    """FEE-07 / DEV-24: a 预备党员 owes dues from the month of the 支部大会 resolution."""
    return month_start(resolution_date)


def payee_valid(
    paid_to: str, relation_org: str, *, staying_org: str | None = None, has_mobile_card: bool = False
) -> bool:
    """FEE-08 / MGMT-05: dues go to the branch holding the formal relationship, or, for holders
    of a 流动党员活动证, to the branch where the member is staying."""
    return paid_to == relation_org or (has_mobile_card and staying_org is not None and paid_to == staying_org)


def reduction_findings(standard, charged, *, approved: bool, subject: str | None = None) -> list:
    """FEE-06: a reduced or waived amount needs the next-higher 党委's approval."""
    from .findings import make

    if to_decimal(charged) < to_decimal(standard) and not approved:
        return [
            make(
                "FEE-06",
                "error",
                "少交或免交党费须经党支部研究并报上一级党委批准，未见批准记录",
                subject=subject,
                code="REDUCTION_NOT_APPROVED",
            )
        ]
    return []


def voluntary_to_central(amount) -> bool:
    """FEE-10: a single voluntary extra payment of 1000 yuan or more goes wholly to the Centre."""
    return to_decimal(amount) >= CENTRAL_THRESHOLD


from .dues_arrears import arrears_finding, catch_up_findings, unpaid_months, unpaid_run  # noqa: E402,F401

"""FEE — 党费: base, brackets, categories, rounding, arrears and catch-up."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from dangjian.rules import dues
from dangjian.rules.settings import LocalSettings

D = Decimal


def test_fee01_base_worked_case():
    """FEE-01: base worked case."""
    components = {
        "岗位工资": 3000,
        "薪级工资": 1500,
        "绩效工资": 2500,
        "规范津贴补贴": 800,
        "住房公积金": 900,
        "通讯补贴": 200,
    }
    assert dues.dues_base(components, income_tax=150) == D("7650.00")


def test_fee01_iterable_and_social_insurance_option():
    """FEE-01: iterable and social insurance option."""
    assert dues.dues_base([3000, 1500, "2500.50"], income_tax=150) == D("6850.50")
    assert dues.dues_base([5000], 100, social_insurance=800) == D("4900.00")
    assert dues.dues_base([5000], 100, social_insurance=800, deduct_social_insurance=True) == D("4100.00")
    assert dues.dues_base([100], 200) == D("0.00")


def test_fee01_breakdown_uses_the_setting():
    """FEE-01: breakdown uses the setting."""
    b = dues.dues_breakdown(
        {"岗位工资": 5000, "交通补贴": 300},
        100,
        social_insurance=800,
        settings=LocalSettings(deduct_social_insurance=True),
    )
    assert b["base"] == D("4100.00") and "交通补贴" in b["excluded"]
    assert b["rate"] == D("0.01") and b["amount"] == D("41.00") and b["rules"]["rate"] == "FEE-02"


@pytest.mark.parametrize(
    "base,rate,amount",
    [
        pytest.param("3000.00", "0.005", "15.00", id="FEE-02-3000"),
        pytest.param("3000.01", "0.01", "30.00", id="FEE-02-3000.01"),
        pytest.param("4900.00", "0.01", "49.00", id="FEE-02-4900-official"),
        pytest.param("5000.00", "0.01", "50.00", id="FEE-02-5000"),
        pytest.param("5000.01", "0.015", "75.00", id="FEE-02-5000.01"),
        pytest.param("5100.00", "0.015", "76.50", id="FEE-02-5100-official"),
        pytest.param("10000.00", "0.015", "150.00", id="FEE-02-10000"),
        pytest.param("10000.01", "0.02", "200.00", id="FEE-02-10000.01"),
    ],
)
def test_fee02_whole_amount_brackets(base, rate, amount):
    """FEE-02: whole amount brackets."""
    assert dues.dues_rate(D(base), "employed") == D(rate)
    assert dues.monthly_dues(D(base), "employed") == D(amount)


def test_fee02_exact_value_is_kept():
    """FEE-02: exact value is kept."""
    assert dues.exact_dues(D("3000.01")) == D("30.0001")


def test_fee03_previous_quarter_average():
    """FEE-03: previous quarter average."""
    base = dues.quarter_average_base([9000, 12000, 6000])
    assert base == D("9000.00") and dues.monthly_dues(base) == D("135.00")


@pytest.mark.parametrize(
    "base,amount",
    [
        pytest.param("5000.00", "25.00", id="FEE-04-5000"),
        pytest.param("5000.01", "50.00", id="FEE-04-5000.01"),
        pytest.param("3200", "16.00", id="FEE-04-3200"),
    ],
)
def test_fee04_retired(base, amount):
    """FEE-04: retired."""
    assert dues.monthly_dues(D(base), "retired") == D(amount)


@pytest.mark.parametrize("category", ["student", "unemployed", "low_income"])
def test_fee05_fixed_amount(category):
    """FEE-05: fixed amount."""
    assert dues.monthly_dues(0, category) == D("0.20")
    assert dues.dues_rate(0, category) == 0


def test_fee05_student_year_and_farmer_setting():
    """FEE-05: student year and farmer setting."""
    assert dues.monthly_dues(0, "student") * 12 == D("2.40")
    assert dues.monthly_dues(0, "farmer") == D("0.20")
    assert dues.monthly_dues(0, "farmer", LocalSettings(farmer_monthly_dues=D("0.50"))) == D("0.50")
    with pytest.raises(ValueError):
        LocalSettings(farmer_monthly_dues=D("2"))
    with pytest.raises(ValueError):
        dues.monthly_dues(1000, "contractor")


def test_fee06_reduction_needs_approval():
    """FEE-06: reduction needs approval."""
    found = dues.reduction_findings(D("50"), D("10"), approved=False)
    assert [(f.code, f.level) for f in found] == [("REDUCTION_NOT_APPROVED", "error")]
    assert dues.reduction_findings(D("50"), D("0"), approved=True) == []
    assert dues.reduction_findings(D("50"), D("50"), approved=False) == []


def test_fee07_probationary_starts_the_month_of_the_resolution():
    """FEE-07: probationary starts the month of the resolution."""
    assert dues.first_dues_month(date(2026, 3, 15)) == date(2026, 3, 1)


def test_fee08_where_dues_are_paid():
    """FEE-08: where dues are paid."""
    assert dues.payee_valid("A支部", "A支部")
    assert not dues.payee_valid("B支部", "A支部", staying_org="B支部")
    assert dues.payee_valid("B支部", "A支部", staying_org="B支部", has_mobile_card=True)


def test_fee09_base_change_per_month_or_annual():
    """FEE-09: base change per month or annual."""
    bases = [("2026-01", 6000), ("2026-07", 8000)]
    assert dues.base_for_month(bases, "2026-07") == D("8000")
    assert dues.base_for_month(bases, "2026-06") == D("6000")
    annual = LocalSettings(dues_base_mode="annual")
    assert dues.base_for_month(bases, "2026-07", annual) == D("6000")
    assert dues.base_for_month(bases, "2027-03", annual) == D("8000")
    assert dues.base_for_month(bases, "2025-12") is None


@pytest.mark.parametrize(
    "amount,central",
    [
        pytest.param("999.99", False, id="FEE-10-below"),
        pytest.param("1000", True, id="FEE-10-1000-inclusive"),
    ],
)
def test_fee10_routing(amount, central):
    """FEE-10: routing."""
    assert dues.voluntary_to_central(D(amount)) is central


def test_fee11_catch_up_over_six_months():
    """FEE-11: catch up over six months."""
    months = [f"2026-{m:02d}" for m in range(2, 9)]
    found = dues.catch_up_findings(months, date(2026, 9, 10))
    assert [(f.code, f.level) for f in found] == [("CATCH_UP_OVER_6M", "warning")]
    assert dues.catch_up_findings(months[1:], date(2026, 9, 10)) == []


@pytest.mark.parametrize(
    "today,exempt,run,code,level",
    [
        pytest.param(date(2026, 8, 1), (), 6, "LAPSE_REVIEW", "error", id="FEE-12-six-months"),
        pytest.param(date(2026, 7, 15), (), 5, "ARREARS_5M", "warning", id="FEE-12-five-months"),
        pytest.param(date(2026, 8, 1), ("2026-04",), 3, "ARREARS", "info", id="FEE-12-exemption-breaks-run"),
    ],
)
def test_fee12_arrears(today, exempt, run, code, level):
    """FEE-12: arrears."""
    paid = ["2025-11", "2025-12", "2026-01"]
    assert dues.unpaid_run(paid, today, exempt) == run
    f = dues.arrears_finding(paid, today, exempt, subject="张三")
    assert (f.code, f.level, f.subject) == (code, level, "张三")


def test_fee12_lapse_lists_months_and_never_removes():
    """FEE-12: lapse lists months and never removes."""
    f = dues.arrears_finding(["2026-01"], date(2026, 8, 1))
    assert "2026年2月" in f.message_zh and "2026年7月" in f.message_zh and "不会自动除名" in f.message_zh


def test_fee12_paid_up_member_has_no_finding_and_since_bounds_the_run():
    """FEE-12: paid up member has no finding and since bounds the run."""
    assert dues.arrears_finding(["2026-07"], date(2026, 8, 1)) is None
    assert dues.unpaid_run([], date(2026, 8, 1), since=date(2026, 3, 15)) == 5


@pytest.mark.parametrize(
    "quantum,amount",
    [
        pytest.param("0.01", "76.50", id="FEE-13-cent"),
        pytest.param("0.1", "76.5", id="FEE-13-jiao"),
        pytest.param("1", "77", id="FEE-13-yuan"),
    ],
)
def test_fee13_rounding_is_configurable(quantum, amount):
    """FEE-13: rounding is configurable."""
    s = LocalSettings(dues_quantum=D(quantum), dues_rounding=ROUND_HALF_UP)
    assert dues.monthly_dues(D("5100"), "employed", s) == D(amount)


def test_fee13_half_up_default():
    """FEE-13: half up default."""
    # 3333.33 × 1% = 33.3333 → 33.33; 4150.50 × 1% = 41.505 → 41.51 (half-up)
    assert dues.monthly_dues(D("3333.33")) == D("33.33")
    assert dues.monthly_dues(D("4150.50")) == D("41.51")

"""The two calculators, shared by the pages and the API. Pure computation over the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dangjian.rules import dues as fee
from dangjian.rules.catalog import get_rule
from dangjian.rules.recruitment import deadlines, regulation_version
from dangjian.rules.settings import LocalSettings
from dangjian.rules.workdays import HolidayTable, unknown_years

from . import holidays
from .local import value_zh

CATEGORY_CHOICES = list(fee.CATEGORIES.items())
DEFAULT_COMPONENTS = ["岗位工资", "薪级工资", "绩效工资", "津贴补贴", "住房公积金"]
RETIRED_COMPONENTS = ["基本退休费（养老金）", "规范的离退休补贴"]


def _money(v: Decimal) -> str:
    return f"{v.quantize(Decimal('0.01')):,.2f}".replace(",", "")


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _bracket_text(base: Decimal, category: str) -> str:
    brackets = fee.RETIRED_BRACKETS if category == "retired" else fee.EMPLOYED_BRACKETS
    lower = None
    for upper, _ in brackets:
        if upper is None or base <= upper:
            if upper is None:
                return f"{lower}元以上"
            if lower is None:
                return f"{upper}元以下（含{upper}元）"
            return f"{lower}元以上至{upper}元（含{upper}元）"
        lower = upper
    return ""  # pragma: no cover


def _step(rule_id: str, label: str, value: str, detail: str = "") -> dict:
    return {
        "rule_id": rule_id,
        "rule_title": get_rule(rule_id).title_zh,
        "label": label,
        "value": value,
        "detail": detail,
    }


def _base_steps(components, income_tax, social_insurance, settings) -> tuple[Decimal, list[dict]]:
    """FEE-01: wage items → base, one step per deduction."""
    named: dict[str, Decimal] = {}
    for i, (name, amount) in enumerate(components, 1):
        key = name.strip() or f"第{i}项"
        while key in named:
            key += "·"
        named[key] = amount
    included, excluded = fee.split_components(named)
    gross = sum(included.values(), Decimal("0"))
    base = fee.dues_base(named, income_tax, social_insurance, settings.deduct_social_insurance)
    steps = [
        _step(
            "FEE-01",
            "计入基数的工资项目",
            _money(gross),
            " + ".join(f"{k} {_money(v)}" for k, v in included.items()) or "（无）",
        )
    ]
    if excluded:
        steps.append(
            _step(
                "FEE-01",
                "不计入基数的项目",
                _money(sum(excluded.values(), Decimal("0"))),
                "、".join(f"{k} {_money(v)}" for k, v in excluded.items())
                + "（住房公积金、改革性补贴、特定岗位津贴等不计入）",
            )
        )
    steps.append(_step("FEE-01", "减：个人所得税", _money(income_tax)))
    if settings.deduct_social_insurance:
        steps.append(
            _step(
                "FEE-01",
                "减：个人缴纳的社会保险和住房公积金",
                _money(social_insurance),
                "本单位规则设置：党费基数扣除五险一金",
            )
        )
    elif social_insurance:
        steps.append(
            _step(
                "FEE-01",
                "个人缴纳的社会保险和住房公积金（不扣除）",
                _money(social_insurance),
                "按中组部问答，“税后”只扣个人所得税；本单位未设置扣除五险一金",
            )
        )
    steps.append(
        _step(
            "FEE-01",
            "党费基数",
            _money(base),
            "计入项目合计 − 个人所得税" + (" − 五险一金" if settings.deduct_social_insurance else ""),
        )
    )
    return base, steps


def dues_calc(
    components: list[tuple[str, Decimal]],
    income_tax: Decimal,
    category: str,
    settings: LocalSettings,
    social_insurance: Decimal = Decimal("0"),
    quarter_incomes: list[Decimal] | None = None,
) -> dict:
    """Every step from wage items to the monthly amount, each with its rule ID (FEE-01/02/04/05/13).

    With ``quarter_incomes`` (members without fixed monthly pay, FEE-03) the base is the previous
    quarter's average monthly net income instead of the wage items.
    """
    if quarter_incomes:
        base = fee.quarter_average_base(quarter_incomes)
        steps = [
            _step(
                "FEE-03",
                "党费基数（上一季度月平均纯收入）",
                _money(base),
                "（" + " + ".join(_money(v) for v in quarter_incomes) + f"）÷ {len(quarter_incomes)}",
            )
        ]
    else:
        base, steps = _base_steps(components, income_tax, social_insurance, settings)
    fixed = fee.fixed_monthly_dues(category, settings)
    rate = fee.dues_rate(base, category)
    exact = fee.exact_dues(base, category, settings)
    amount = fee.monthly_dues(base, category, settings)
    if fixed is not None:
        steps.append(_step("FEE-05", "固定金额", _money(fixed), f"{fee.CATEGORIES[category]}每月交纳固定金额"))
    else:
        rule_id = "FEE-04" if category == "retired" else "FEE-02"
        steps.append(
            _step(
                rule_id,
                "交纳比例",
                _pct(rate),
                f"{fee.CATEGORIES[category]}，基数{_bracket_text(base, category)}，按全额累进",
            )
        )
        steps.append(_step(rule_id, "计算", f"{exact.normalize():f}", f"{_money(base)} × {_pct(rate)}"))
    steps.append(
        _step(
            "FEE-13",
            "每月应交党费",
            _money(amount),
            f"保留到{value_zh('dues_quantum', settings.dues_quantum)}，{value_zh('dues_rounding', settings.dues_rounding)}",
        )
    )
    return {
        "steps": steps,
        "base": base,
        "rate": rate,
        "exact": exact,
        "amount": amount,
        "category": category,
        "category_zh": fee.CATEGORIES[category],
        "yearly": (amount * 12).quantize(Decimal("0.01")),
    }


# The dates the 时间节点计算器 asks for: (field, step code, Chinese label).
TIMELINE_FIELDS = [
    ("application", "application", "收到入党申请书"),
    ("application_talk", "application_talk", "派人谈话"),
    ("activist_selected", "activist_selected", "确定为入党积极分子"),
    ("activist_review", "activist_review", "最近一次培养考察"),
    ("upper_consent", "upper_consent", "上级党委同意（发展对象，2026年起）"),
    ("publicity", "publicity", "发展对象公示开始"),
    ("candidate_selected", "candidate_selected", "确定为发展对象"),
    ("pre_review", "pre_review", "上级党委预审合格"),
    ("branch_meeting", "branch_meeting", "支部党员大会通过（接收预备党员）"),
    ("submitted", None, "报上级党委审批"),
    ("approval", "approval", "上级党委审批"),
    ("oath", "oath", "入党宣誓"),
    ("conversion_meeting", "conversion_meeting", "支部党员大会通过转正"),
]
# Which entered date a line follows from (its regulation version is that date's).
LINE_SOURCE = {
    "talk_deadline": "application",
    "earliest_candidate": "activist_selected",
    "next_review": "activist_selected",
    "publicity_end": "publicity",
    "earliest_listing": "publicity",
    "branch_meeting_deadline": "pre_review",
    "approval_deadline": "branch_meeting",
    "approval_hard_limit": "branch_meeting",
    "first_dues_month": "branch_meeting",
    "oath_deadline": "approval",
    "probation_end": "branch_meeting",
    "transferred_discussion": "branch_meeting",
    "conversion_approval_deadline": "conversion_meeting",
}
KIND_ZH = {"deadline": "截止", "earliest": "最早", "date": "日期"}


def timeline(dates: dict[str, date], settings: LocalSettings, table: HolidayTable | None = None) -> dict:
    """Every later deadline and earliest date that follows from the dates entered so far."""
    table = table or holidays.table()
    events = []
    for field, step, _ in TIMELINE_FIELDS:
        if step and dates.get(field):
            data = {}
            if step == "branch_meeting" and dates.get("submitted"):
                data["submitted"] = dates["submitted"]
            if step == "conversion_meeting":
                data["outcome"] = "convert"
            events.append({"step": step, "date": dates[field], "data": data})
    entered_by_step = {step: dates[field] for field, step, _ in TIMELINE_FIELDS if step and dates.get(field)}
    lines = []
    for line in deadlines(events, settings, table):
        source = dates.get(LINE_SOURCE.get(line.code, ""), None)
        version = regulation_version(source or line.date)
        years = unknown_years(source or line.date, line.date, table) if line.provisional else []
        actual = entered_by_step.get(line.step)
        status = ""
        if actual and line.kind == "deadline" and actual > line.date:
            status = "已超期"
        elif actual and line.kind == "earliest" and actual < line.date:
            status = "早于最早日期"
        lines.append(
            {
                "code": line.code,
                "label": line.label_zh,
                "date": line.date,
                "date_zh": f"{line.date.year}年{line.date.month}月"
                if line.code == "first_dues_month"
                else f"{line.date.year}年{line.date.month}月{line.date.day}日",
                "kind": line.kind,
                "kind_zh": KIND_ZH.get(line.kind, line.kind),
                "rule_id": line.rule_id,
                "rule_title": get_rule(line.rule_id).title_zh,
                "version": version,
                "provisional": line.provisional,
                "unknown_years": years,
                "workdays": line.code == "publicity_end",
                "done": line.done,
                "actual": actual,
                "status": status,
            }
        )
    missing = sorted({y for line in lines for y in line["unknown_years"]})
    return {
        "lines": lines,
        "unknown_years": missing,
        "provisional": any(line["provisional"] for line in lines),
        "notes": _version_notes(dates, settings),
    }


def _version_notes(dates: dict[str, date], settings: LocalSettings) -> list[dict]:
    """Where the 2014 text applies and the 2026 rule does not (DEV-08, DEV-13)."""
    notes = []
    pre = dates.get("pre_review")
    if pre and regulation_version(pre) == "2014":
        notes.append(
            {
                "rule_id": "DEV-13",
                "text": "预审在2026年5月11日之前，适用2014年细则：未规定预审后一个月内召开支部党员大会的时限",
            }
        )
    listed = dates.get("candidate_selected") or dates.get("publicity")
    if listed and regulation_version(listed) == "2014":
        extra = "本单位设置要求公示" if settings.require_publicity_2014 else "2014年细则未要求公示，改为报上级党委备案"
        notes.append({"rule_id": "DEV-08", "text": f"确定发展对象在2026年5月11日之前，适用2014年细则：{extra}"})
    return notes

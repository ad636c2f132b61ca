"""Local settings: every knob where regulations.md says practice varies.

Each field carries, in its metadata, the rule ID it bends and a Chinese label, so the
per-bureau settings page can list them (``describe_settings()``). Defaults are the
defaults of regulations.md. Rule functions take ``settings: LocalSettings = DEFAULTS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_HALF_UP, Decimal


def _knob(default, rule_id: str, label_zh: str, choices: tuple = ()):
    return field(default=default, metadata={"rule_id": rule_id, "label_zh": label_zh, "choices": choices})


@dataclass(frozen=True)
class LocalSettings:
    # GEN-02: move a deadline that ends on a holiday to the next working day (民法典第203条).
    shift_deadlines_off_holidays: bool = _knob(False, "GEN-02", "期限末日遇法定节假日顺延至节假日后第一个工作日")
    # GEN-05: a person born on 29 Feb turns 18 on 1 Mar ("mar1") or 28 Feb ("feb28") in common years.
    leap_birthday: str = _knob("mar1", "GEN-05", "2月29日出生者在平年满周岁之日", ("mar1", "feb28"))
    # GEN-05: count age from the day after the birthday (criminal-law practice).
    age_from_day_after_birthday: bool = _knob(False, "GEN-05", "年满十八岁自生日次日起算")
    # DEV-08: may the 发展对象 be listed on the last day of the 公示?
    list_on_last_publicity_day: bool = _knob(True, "DEV-08", "公示期最后一日可确定为发展对象")
    # DEV-08: require a 公示 also for cases under the 2014 细则 (many local rules did).
    require_publicity_2014: bool = _knob(False, "DEV-08", "2014年细则适用期间也要求发展对象公示")
    # LIFE-02: how "半数以上" reads — strict (more than half: 2 of 4 fails) or inclusive (2 of 4 passes).
    half_or_more_inclusive: bool = _knob(False, "LIFE-02", "“半数以上委员到会”含半数（4人中2人到会有效）")
    # LIFE-05: branch-level 党课 frequency.
    lecture_frequency: str = _knob(
        "quarterly", "LIFE-05", "支部党课频次", ("quarterly", "twice_per_half_year", "yearly", "none")
    )
    # BR-07: denominator for electing a candidate: voters present (实到会) or expected (应到会).
    election_majority_base: str = _knob("present", "BR-07", "当选票数“超过半数”的基数", ("present", "expected"))
    # FEE-01: also deduct the employee's social insurance and housing fund (五险一金) from the base.
    deduct_social_insurance: bool = _knob(False, "FEE-01", "党费基数扣除个人缴纳的社会保险和住房公积金")
    # FEE-09: base changes with each month's pay ("per_month") or is fixed at the start of the year.
    dues_base_mode: str = _knob("per_month", "FEE-09", "党费基数核定方式（按月/年初核定）", ("per_month", "annual"))
    # FEE-05: monthly dues of 农民党员, set by the branch within 0.20–1.00 yuan.
    farmer_monthly_dues: Decimal = _knob(Decimal("0.20"), "FEE-05", "农民党员每月党费（0.2—1元）")
    # FEE-13: rounding quantum and mode of monthly dues.
    dues_quantum: Decimal = _knob(
        Decimal("0.01"), "FEE-13", "党费金额保留精度（元）", (Decimal("0.01"), Decimal("0.1"), Decimal("1"))
    )
    dues_rounding: str = _knob(ROUND_HALF_UP, "FEE-13", "党费金额舍入方式")
    # FEE-11: dues are paid monthly; the month's dues count as unpaid late (欠交) only after this day of the month.
    # No regulation fixes the day: branches set their own (often payday); 25 leaves room after most paydays.
    dues_due_day: int = _knob(25, "FEE-11", "每月交纳党费截止日（当月此日之后未交才算欠交）")
    # EDU-01/02: yearly study hours (to be checked against the 2024—2028 规划).
    member_study_hours: int = _knob(32, "EDU-01", "党员每年集中学习培训学时")
    cadre_study_hours: int = _knob(56, "EDU-02", "基层党组织书记和班子成员每年学时")
    # MGMT-06: length of the 限期改正 period in months (local rules: 3–6).
    correction_months: int = _knob(3, "MGMT-06", "限期改正期限（月）")
    # EVAL-01: 4 grades (优秀/合格/基本合格/不合格) or 3 (no 基本合格).
    appraisal_grades: int = _knob(4, "EVAL-01", "民主评议等次数量", (3, 4))
    # EVAL-01: months after an 不合格 grade within which a follow-up record is expected.
    unqualified_followup_months: int = _knob(1, "EVAL-01", "评为不合格后作出组织处置的期限（月）")
    # STAT-01: which date decides whether a new member is counted in a year: approval or meeting.
    stat_membership_basis: str = _knob("approval", "STAT-01", "党内统计计入年度的依据日期", ("approval", "meeting"))

    def __post_init__(self) -> None:
        for f in fields(self):
            choices = f.metadata.get("choices")
            value = getattr(self, f.name)
            if choices and f.name not in ("dues_quantum",) and value not in choices:
                raise ValueError(f"{f.name}: {value!r} not in {choices!r}")
        if not Decimal("0.20") <= Decimal(self.farmer_monthly_dues) <= Decimal("1.00"):
            raise ValueError("farmer_monthly_dues must be within 0.20–1.00 (FEE-05)")
        if not 1 <= self.dues_due_day <= 28:
            raise ValueError("dues_due_day is a day that every month has: 1–28 (FEE-11)")
        if not 3 <= self.correction_months <= 6:
            raise ValueError("correction_months is 3–6 in local rules (MGMT-06)")

    def with_changes(self, **changes) -> "LocalSettings":
        return replace(self, **changes)


DEFAULTS = LocalSettings()


def describe_settings(settings: LocalSettings = DEFAULTS) -> list[dict]:
    """One dict per knob: name, value, default, rule_id, label_zh, choices."""
    out = []
    for f in fields(LocalSettings):
        out.append(
            {
                "name": f.name,
                "value": getattr(settings, f.name),
                "default": f.default,
                "rule_id": f.metadata["rule_id"],
                "label_zh": f.metadata["label_zh"],
                "choices": f.metadata["choices"],
            }
        )
    return out


def settings_for_rule(rule_id: str) -> list[str]:
    """Names of the settings that bend ``rule_id``."""
    return [f.name for f in fields(LocalSettings) if f.metadata["rule_id"] == rule_id]

"""Forms of the rule pages. Bad input gets a Chinese error naming the row or field."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django import forms

from dangjian.core.forms import BootstrapMixin

from .calculators import CATEGORY_CHOICES, TIMELINE_FIELDS

MAX_ROWS = 30


def parse_amount(raw, what: str) -> Decimal:
    text = str(raw if raw is not None else "").strip().replace(",", "").replace("，", "").replace("元", "")
    if text == "":
        return Decimal("0")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(f"{what}：「{raw}」不是有效金额") from None
    if not value.is_finite() or value < 0:
        raise forms.ValidationError(f"{what}：金额不能为负数")
    if value > Decimal("100000000"):
        raise forms.ValidationError(f"{what}：金额过大")
    return value.quantize(Decimal("0.01"))


class DuesForm(BootstrapMixin, forms.Form):
    """Fixed fields; the free wage rows come as parallel lists item_name / item_amount."""

    category = forms.ChoiceField(label="党员类别", choices=CATEGORY_CHOICES, initial="employed")
    income_tax = forms.CharField(label="个人所得税（元/月）", required=False)
    social_insurance = forms.CharField(label="个人缴纳的五险一金（元/月）", required=False)
    quarter_1 = forms.CharField(label="上季度第1个月纯收入", required=False)
    quarter_2 = forms.CharField(label="上季度第2个月纯收入", required=False)
    quarter_3 = forms.CharField(label="上季度第3个月纯收入", required=False)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in ("income_tax", "social_insurance", "quarter_1", "quarter_2", "quarter_3"):
            self.fields[name].widget.attrs.update(inputmode="decimal", autocomplete="off")
        for i in (1, 2, 3):
            self.fields[f"quarter_{i}"].widget.attrs.update(
                placeholder=f"第{i}月", **{"aria-label": f"上季度第{i}个月纯收入"}
            )
        self.rows: list[dict] = []
        self.components: list[tuple[str, Decimal]] = []
        self.quarter_incomes: list[Decimal] = []
        if data is not None:
            names, amounts = data.getlist("item_name"), data.getlist("item_amount")
            self.rows = [{"name": n, "amount": a} for n, a in zip(names, amounts)][:MAX_ROWS]

    def clean_income_tax(self):
        return parse_amount(self.cleaned_data.get("income_tax"), "个人所得税")

    def clean_social_insurance(self):
        return parse_amount(self.cleaned_data.get("social_insurance"), "五险一金")

    def clean(self):
        cleaned = super().clean()
        errors = []
        for i, row in enumerate(self.rows, 1):
            name, raw = (row["name"] or "").strip(), (row["amount"] or "").strip()
            if not raw:
                continue
            label = f"第{i}行「{name or '未命名'}」"
            try:
                amount = parse_amount(raw, label)
            except forms.ValidationError as exc:
                errors.append(exc.messages[0])
                row["error"] = exc.messages[0]
                continue
            self.components.append((name, amount))
        quarter = [self.data.get(f"quarter_{i}", "").strip() for i in (1, 2, 3)]
        if any(quarter):
            if not all(quarter):
                errors.append("按上一季度月平均纯收入计算（FEE-03）须填写三个月的纯收入")
            elif cleaned.get("category") != "employed":
                errors.append("按上一季度月平均纯收入计算（FEE-03）只适用于在职（含无固定工资收入）党员")
            else:
                for i, raw in enumerate(quarter, 1):
                    try:
                        self.quarter_incomes.append(parse_amount(raw, f"上季度第{i}个月纯收入"))
                    except forms.ValidationError as exc:
                        errors.append(exc.messages[0])
        if errors:
            raise forms.ValidationError(errors)
        if not self.components and not self.quarter_incomes and cleaned.get("category") in ("employed", "retired"):
            raise forms.ValidationError("请至少填写一项工资（或离退休费）金额")
        return cleaned


class TimelineForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, _, label in TIMELINE_FIELDS:
            self.fields[field] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": f"「{label}」不是有效日期（格式：2026-06-01）"},
            )
        self.order_fields([f for f, _, _ in TIMELINE_FIELDS])
        for f in self.fields.values():
            f.widget.attrs["class"] = "form-control form-control-sm"

    def dates(self) -> dict[str, date]:
        return {k: v for k, v in self.cleaned_data.items() if v}


_LINE = re.compile(
    r"^\s*(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:~|～|至|--)\s*(\d{4}-\d{1,2}-\d{1,2}))?[\s,，]+(休|班|放假|上班)[\s,，]*(.*)$"
)


def _day(text: str, row: int) -> date:
    try:
        y, m, d = (int(x) for x in text.split("-"))
        return date(y, m, d)
    except ValueError:
        raise forms.ValidationError(f"第{row}行：日期「{text}」无效") from None


class HolidayEntryForm(forms.Form):
    """Lines like 「2031-10-01~2031-10-07 休 国庆节」 or 「2031-09-28 班 国庆节调休」."""

    lines = forms.CharField(
        label="节假日安排（每行一条）", widget=forms.Textarea(attrs={"rows": 8, "class": "form-control font-monospace"})
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["lines"].widget.attrs["placeholder"] = (
            f"{year}-10-01~{year}-10-07 休 国庆节\n{year}-09-27 班 国庆节调休上班"
        )

    def clean_lines(self):
        rows, errors = [], []
        for i, text in enumerate(self.cleaned_data["lines"].splitlines(), 1):
            if not text.strip():
                continue
            m = _LINE.match(text)
            if not m:
                errors.append(f"第{i}行：「{text.strip()}」格式不对，应为「日期 休/班 说明」")
                continue
            try:
                first = _day(m.group(1), i)
                last = _day(m.group(2), i) if m.group(2) else first
            except forms.ValidationError as exc:
                errors.append(exc.messages[0])
                continue
            if last < first or (last - first).days > 40:
                errors.append(f"第{i}行：日期区间不对")
                continue
            if first.year != self.year or last.year != self.year:
                errors.append(f"第{i}行：日期不在{self.year}年")
                continue
            works = m.group(3) in ("班", "上班")
            day = first
            while day <= last:
                rows.append((day, works, m.group(4).strip()))
                day += timedelta(days=1)
        if errors:
            raise forms.ValidationError(errors)
        if not rows:
            raise forms.ValidationError("没有填写任何日期")
        return rows


def settings_form_class(rows: list[dict]):
    """A form with one field per LocalSettings knob (from selectors.setting_rows)."""
    attrs = {}
    for row in rows:
        label = f"{row['label_zh']}（{row['rule_id']}）"
        default = row["default"]
        if isinstance(default, bool):
            field = forms.BooleanField(label=label, required=False)
        elif row["choices"]:
            field = forms.TypedChoiceField(label=label, choices=[(str(c), z) for c, z in row["choices"]], coerce=str)
        elif isinstance(default, int):
            field = forms.IntegerField(label=label)
        elif isinstance(default, Decimal):
            field = forms.DecimalField(label=label, decimal_places=2, max_digits=8)
        else:
            field = forms.CharField(label=label, max_length=40)
        field.initial = str(row["value"]) if row["choices"] else row["value"]
        attrs[row["name"]] = field
    return type("LocalSettingsForm", (BootstrapMixin, forms.Form), attrs)

"""Forms of the dues pages (parsing only; the services validate the rules)."""

import datetime

from django import forms

from dangjian.core.forms import BootstrapMixin
from dangjian.lib import clock

from .models import DuesCategory, Method, PayerKind, Reduction

WAGE_ITEMS = ("岗位工资", "薪级工资", "绩效工资", "津贴补贴")


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (an <input type=month>)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            year, month = str(value).split("-")[:2]
            day = datetime.date(int(year), int(month), 1)
        except ValueError:
            raise forms.ValidationError("月份格式应为 YYYY-MM，如 2026-03")
        MIN_YEAR = clock.MIN_YEAR  # the same bounds as the API's YearMonth
        if not MIN_YEAR <= day.year <= clock.today().year + 1:
            raise forms.ValidationError(f"月份应在 {MIN_YEAR} 年至 {clock.today().year + 1} 年之间")
        return day


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # <input type=date> needs ISO dates
        super().__init__(attrs, format=format)


class BaseForm(BootstrapMixin, forms.Form):
    person = forms.TypedChoiceField(label="党员", coerce=int)
    effective_month = MonthField(label="起始月份")
    category = forms.ChoiceField(label="交纳类别", choices=DuesCategory.choices)
    wage_1 = forms.DecimalField(label="岗位工资", required=False, min_value=0, decimal_places=2)
    wage_2 = forms.DecimalField(label="薪级工资", required=False, min_value=0, decimal_places=2)
    wage_3 = forms.DecimalField(label="绩效工资", required=False, min_value=0, decimal_places=2)
    wage_4 = forms.DecimalField(label="津贴补贴", required=False, min_value=0, decimal_places=2)
    income_tax = forms.DecimalField(label="个人所得税", required=False, min_value=0, decimal_places=2)
    social_insurance = forms.DecimalField(
        label="个人缴纳社保公积金（本单位设置扣除时用）", required=False, min_value=0, decimal_places=2
    )
    base = forms.DecimalField(
        label="党费基数（不填工资项目时直接填写，如离退休费）", required=False, min_value=0, decimal_places=2
    )
    reduction = forms.ChoiceField(label="减免（FEE-06）", choices=Reduction.choices, initial=Reduction.NONE)
    reduced_amount = forms.DecimalField(label="减交后每月金额", required=False, min_value=0, decimal_places=2)
    approved_by = forms.CharField(label="批准组织", required=False, max_length=100)
    approved_on = forms.DateField(label="批准日期", required=False, widget=DateInput)
    approval_doc = forms.CharField(label="批准文号", required=False, max_length=100)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "请选择")] + [(p.pk, p.name) for p in people]

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        comps = {label: d.pop(f"wage_{i}") for i, label in enumerate(WAGE_ITEMS, 1)}
        d["components"] = {k: v for k, v in comps.items() if v is not None}
        d.pop("person")
        return d


class ReverseForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="冲正原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "如：金额录错、录到了别人名下"})
    )


class RemittanceForm(BootstrapMixin, forms.Form):
    period_start = forms.DateField(label="所属期间起", widget=DateInput)
    period_end = forms.DateField(label="所属期间止", widget=DateInput)
    amount = forms.DecimalField(label="上缴金额（元）", min_value=0, decimal_places=2)
    remitted_on = forms.DateField(label="上缴日期", widget=DateInput)
    reference = forms.CharField(label="凭证号", required=False, max_length=100)


class ReconciliationForm(BootstrapMixin, forms.Form):
    period_end = forms.DateField(label="截至日期", widget=DateInput)
    stated_balance = forms.DecimalField(label="实存余额（元，经手人清点）", decimal_places=2)
    note = forms.CharField(label="说明", required=False, max_length=200)


class PaymentHeadForm(BootstrapMixin, forms.Form):
    """The shared part of the multi-row payment sheet."""

    paid_on = forms.DateField(label="交纳日期", widget=DateInput)
    method = forms.ChoiceField(label="交纳方式", choices=Method.choices)
    confirm_catch_up = forms.BooleanField(label="确认补交超过六个月（FEE-11，经支部同意）", required=False)


PAYER_CHOICES = PayerKind.choices

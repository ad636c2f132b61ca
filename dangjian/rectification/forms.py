"""Forms of the rectification app (labels in Chinese; the services do the real checks)."""

from django import forms

from dangjian.core.forms import BootstrapMixin
from dangjian.members.models import Person
from dangjian.orgs.models import Org

from .models import RectificationSource, RectificationStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the value a date input understands


class RaiseForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="整改单位（党组织）")
    problem = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="问题")
    rule_id = forms.CharField(max_length=20, required=False, label="依据条款（规则编号）")
    measure = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="整改措施")
    owner = forms.ModelChoiceField(
        Person.objects.none(), required=False, label="责任人", empty_label="（请选择责任人）"
    )
    due_date = forms.DateField(widget=DATE, label="整改时限")

    def __init__(self, *args, orgs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda p: f"{p.name}（{p.org.short_name or p.org.name}）"


class KeyForm(forms.Form):
    """Where the item comes from: rendered as hidden inputs on the raise form."""

    source = forms.ChoiceField(
        choices=RectificationSource.choices, initial=RectificationSource.MANUAL, widget=forms.HiddenInput
    )
    source_ref = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, widget=forms.HiddenInput)


class EditForm(BootstrapMixin, forms.Form):
    measure = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="整改措施")
    owner = forms.ModelChoiceField(
        Person.objects.none(), required=False, label="责任人", empty_label="（请选择责任人）"
    )
    due_date = forms.DateField(widget=DATE, label="整改时限")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(BootstrapMixin, forms.Form):
    closure_note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="整改情况")
    reported_on = forms.DateField(widget=DATE, required=False, label="完成日期（默认今天）")
    files = MultipleFileField(required=False, label="佐证材料（可多选：照片、会议记录扫描件等）")


class AcceptForm(BootstrapMixin, forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="验收意见")


class ReturnForm(BootstrapMixin, forms.Form):
    prefix = "ret"
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="退回原因")


class CancelForm(BootstrapMixin, forms.Form):
    prefix = "cancel"
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="撤销原因")


class FilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        choices=[("", "全部状态"), ("live", "未销号")] + RectificationStatus.choices, required=False
    )
    source = forms.ChoiceField(choices=[("", "全部来源")] + RectificationSource.choices, required=False)
    overdue = forms.BooleanField(required=False)

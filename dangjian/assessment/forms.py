from django import forms

from dangjian.core.forms import BootstrapMixin

from .indicators import CHOICES
from .models import RubricMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RubricForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(queryset=None, label="制定组织", empty_label=None)
    year = forms.IntegerField(label="考核年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="细则名称", max_length=200)
    total = forms.DecimalField(label="总分", max_digits=5, decimal_places=1, initial=100)
    self_due = forms.DateField(label="支部自评截止日期", required=False, widget=DATE)
    school_due = forms.DateField(label="学校审核截止日期", required=False, widget=DATE)
    bureau_due = forms.DateField(label="局党委考核截止日期", required=False, widget=DATE)
    show_ranking = forms.BooleanField(label="结果显示排名（默认不排名）", required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class ItemForm(BootstrapMixin, forms.Form):
    category = forms.CharField(label="类别", max_length=50, required=False)
    title = forms.CharField(label="考核项目", max_length=200, required=False)
    standard = forms.CharField(label="考核标准", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    weight = forms.DecimalField(label="分值", max_digits=5, decimal_places=1, required=False)
    mode = forms.ChoiceField(label="评分方式", choices=RubricMode.choices, initial=RubricMode.MANUAL)
    indicator = forms.ChoiceField(label="自动指标", choices=[("", "（人工评分不选）")] + CHOICES, required=False)
    evidence_required = forms.BooleanField(label="须佐证", required=False)

    def is_blank(self) -> bool:
        d = getattr(self, "cleaned_data", {}) or {}
        return not (d.get("category") or d.get("title") or d.get("standard") or d.get("weight") is not None)


class ThresholdForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="星级", max_length=20, required=False)
    min = forms.DecimalField(label="最低分", max_digits=5, decimal_places=1, required=False)


ItemFormSet = forms.formset_factory(ItemForm, extra=2, can_delete=True)
ThresholdFormSet = forms.formset_factory(ThresholdForm, extra=1)

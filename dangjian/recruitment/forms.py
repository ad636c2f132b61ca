"""Plain POST forms: opening a case, recording a step (fields per step), 公示, void, plan."""

from django import forms

from dangjian.core.forms import BootstrapMixin
from dangjian.lib import clock
from dangjian.members.models import Person

from .models import PublicityResult
from .stepfields import BOOL_DEFAULT_TRUE, fields_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpenCaseForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(label="人员", queryset=Person.objects.none())
    opened_on = forms.DateField(label="递交入党申请书日期", widget=DATE)
    plan_year = forms.IntegerField(label="计划发展年度（可不填）", required=False, min_value=2000, max_value=2100)
    is_mobile = forms.BooleanField(label="流动人员（公示须在流出地和流入地两处进行）", required=False)
    transferred_in = forms.BooleanField(label="转入的预备党员（从预备期开始建档）", required=False)
    join_date = forms.DateField(label="入党时间（转入的预备党员填写原支部大会通过日期）", required=False, widget=DATE)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: f"{p.name}（{p.get_status_display()}，{p.org.name}）"


def _person_label(p):
    return f"{p.name}（{p.get_status_display()}）"


class StepForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="日期", widget=DATE)
    # The case version the page showed: recording over a step someone else recorded meanwhile is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, code: str, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code
        self.initial["version"] = case.version
        for spec in fields_for(code):
            name, label, kind = spec[0], spec[1], spec[2]
            if name == "both_opinions" and not case.is_mobile:
                continue
            self.fields[name] = self._field(case, name, label, kind, spec[4] if len(spec) > 4 else None)
        if "approver_kind" in self.fields and case.org.parent_id:
            self.fields["approver_kind"].initial = case.org.parent.kind
        self.fields["note"] = forms.CharField(label="备注", required=False, max_length=500)
        self.fields["override_reason"] = forms.CharField(
            label="说明理由（仅在出现“提示”且确需办理时填写，将被保存）",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        for field in self.fields.values():  # fields added after BootstrapMixin ran
            w = field.widget
            kind = w.__class__.__name__
            if "class" not in w.attrs and kind != "CheckboxSelectMultiple":
                w.attrs["class"] = (
                    "form-check-input"
                    if kind == "CheckboxInput"
                    else "form-select"
                    if "Select" in kind
                    else "form-control"
                )

    @staticmethod
    def _field(case, name, label, kind, choices):
        if kind == "int":
            return forms.IntegerField(label=label, required=False, min_value=0)
        if kind == "date":
            return forms.DateField(label=label, required=False, widget=DATE)
        if kind == "bool":
            return forms.BooleanField(label=label, required=False, initial=name in BOOL_DEFAULT_TRUE)
        if kind == "choice":
            return forms.ChoiceField(label=label, choices=[("", "—")] + list(choices), required=False)
        if kind == "multi":
            return forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        if kind == "persons":
            qs = Person.objects.filter(
                org_id=case.org_id, on_roll=True, status__in=("probationary_member", "full_member")
            ).exclude(pk=case.person_id)
            f = forms.ModelMultipleChoiceField(
                label=label,
                queryset=qs.order_by("stroke_key", "id"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            f.label_from_instance = _person_label
            return f
        if kind == "textarea":
            return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))
        return forms.CharField(label=label, required=False, max_length=200)

    def flat(self) -> dict:
        out = {}
        for spec in fields_for(self.code):
            value = self.cleaned_data.get(spec[0])
            if spec[2] == "persons":
                value = [p.pk for p in value or []]
            out[spec[0]] = value
        return out


class PublicityForm(BootstrapMixin, forms.Form):
    start = forms.DateField(label="公示开始日期", widget=DATE)
    channel_1 = forms.CharField(label="公示地点/方式", max_length=100, initial="本单位公示栏")
    channel_2 = forms.CharField(label="第二处公示地点（流动人员：流入地或流出地）", max_length=100, required=False)


class PublicityCloseForm(BootstrapMixin, forms.Form):
    result = forms.ChoiceField(label="公示结果", choices=[c for c in PublicityResult.choices if c[0] != "pending"])
    objections = forms.CharField(
        label="反映的问题（无则不填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    handling = forms.CharField(label="调查处理情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VoidForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="作废原因", max_length=300)


class CorrectForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="更正后的日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="更正原因", max_length=300)
    override_reason = forms.CharField(label="说明理由（出现提示时填写）", max_length=500, required=False)


class PlanForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, initial=lambda: clock.today().year)
    planned_count = forms.IntegerField(label="计划发展人数", min_value=0, max_value=10000)

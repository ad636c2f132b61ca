from django import forms

from dangjian.core import versioning
from dangjian.core.forms import BootstrapMixin
from dangjian.orgs.models import Org, OrgKind

from .models import LeaveReason, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EDITABLE = [
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "degree",
    "professional_title",
    "post",
    "subject",
    "phone",
    "status",
    "join_date",
    "confirmation_date",
    "category",
    "group",
    "is_mobile",
    "mobile_since",
    "is_lost_contact",
    "lost_contact_since",
]


class PersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = EDITABLE
        widgets = {
            f: DATE for f in ("birth_date", "join_date", "confirmation_date", "mobile_since", "lost_contact_since")
        }

    # The version the editor loaded; the save is refused when someone else saved in between.
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, error_messages={"required": versioning.MISSING_MESSAGE}
    )

    def __init__(self, *args, org: Org, mask_id: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Org.objects.filter(parent=org, kind=OrgKind.GROUP)
        self.fields["group"].required = False
        # An editor without the ID permission sees the stored number masked; leaving it so keeps it unchanged.
        self._masked_id = (
            self.instance.masked_id_number if mask_id and self.instance.pk and self.instance.id_number else ""
        )
        if self._masked_id:
            self.initial["id_number"] = self._masked_id
            self.fields["id_number"].help_text = "已脱敏显示；不修改请保持原样，更正时请输入完整的18位号码"
        if self.instance.pk:
            self.fields["version"].required = True
            self.initial["version"] = self.instance.version

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip()
        if self._masked_id and value.upper() == self._masked_id.upper():
            return self.instance.id_number
        return value


class LeaveForm(BootstrapMixin, forms.Form):
    reason = forms.ChoiceField(label="离开原因", choices=LeaveReason.choices)
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, max_length=200)


class RestoreForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label="恢复原因", max_length=200)

from django import forms

from dangjian.core.forms import BootstrapMixin
from dangjian.orgs.models import Org, OrgKind

from .models import LeaveReason, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EDITABLE = [
    "name", "gender", "ethnicity", "birth_date", "id_number", "native_place", "education", "degree",
    "professional_title", "post", "subject", "phone", "status", "join_date", "confirmation_date", "category",
    "group", "is_mobile", "mobile_since", "is_lost_contact", "lost_contact_since",
]


class PersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = EDITABLE
        widgets = {f: DATE for f in ("birth_date", "join_date", "confirmation_date", "mobile_since", "lost_contact_since")}

    def __init__(self, *args, org: Org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Org.objects.filter(parent=org, kind=OrgKind.GROUP)
        self.fields["group"].required = False


class LeaveForm(BootstrapMixin, forms.Form):
    reason = forms.ChoiceField(label="离开原因", choices=LeaveReason.choices)
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, max_length=200)


class RestoreForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label="恢复原因", max_length=200)

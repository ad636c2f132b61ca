from django import forms

from dangjian.core import versioning
from dangjian.core.forms import BootstrapMixin

from .models import Org


class OrgForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Org
        fields = ["kind", "name", "short_name", "code", "unit", "established_on", "is_retiree", "sort_order"]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versioning.add_version_field(self)  # editing: a save over someone else's is refused


class MoveForm(BootstrapMixin, forms.Form):
    new_parent = forms.ModelChoiceField(label="新的上级组织", queryset=Org.objects.none())

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = parents

from django import forms

from dangjian.core.forms import BootstrapMixin

from .models import Document


class DocumentForm(BootstrapMixin, forms.ModelForm):
    file = forms.FileField(label="文件", required=False)

    class Meta:
        model = Document
        fields = ["category", "number", "title", "date", "retention", "pages", "source_url", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

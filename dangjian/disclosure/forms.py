from django import forms

from dangjian.core.forms import BootstrapMixin

from .models import CONTENT_MAX, MESSAGE_MAX, DisclosureItem


class ItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DisclosureItem
        fields = ["topic", "title", "content", "scope", "channel", "publish_from", "publish_until"]
        widgets = {
            "publish_from": forms.DateInput(attrs={"type": "date"}),
            "publish_until": forms.DateInput(attrs={"type": "date"}),
            "content": forms.Textarea(attrs={"rows": 6, "maxlength": CONTENT_MAX}),
        }


class MessageForm(BootstrapMixin, forms.Form):
    body = forms.CharField(label="内容", max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label="对支部匿名（支部看不到您的姓名）", required=False)

from django import forms

from dangjian.core.forms import BootstrapMixin

from .models import FollowUpStep


class OpenForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TextForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 5}))


class FollowUpForm(BootstrapMixin, forms.Form):
    step = forms.ChoiceField(label="处置环节", choices=FollowUpStep.choices)
    started_on = forms.DateField(label="开始/决定日期", widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(
        label="期限（限期改正不填则按本单位设置计算）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    content = forms.CharField(label="措施/决定内容", widget=forms.Textarea(attrs={"rows": 3}))
    meeting = forms.ChoiceField(label="支部党员大会（劝退、除名须填）", required=False)
    approved_on = forms.DateField(
        label="上级批准日期（劝退、除名须填）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    approval_ref = forms.CharField(label="批准文号/说明", required=False)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "—")] + [(m.pk, f"{m.held_on} {m.topic}") for m in meetings]

from django import forms

from dangjian.core.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"})


class PersonChoiceMixin:
    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "请选择")] + [(p.pk, f"{p.name}（{p.org.name}）") for p in people]


class TransferOutForm(PersonChoiceMixin, BootstrapMixin, forms.Form):
    person = forms.TypedChoiceField(label="党员", coerce=int)
    letter_no = forms.CharField(label="介绍信编号", max_length=50)
    other_org = forms.CharField(label="转往党组织", max_length=200)
    issued_on = forms.DateField(label="开具日期", widget=DATE)
    valid_days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=365, initial=30)
    note = forms.CharField(label="备注", max_length=300, required=False)


class TransferInForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    letter_no = forms.CharField(label="介绍信编号", max_length=50)
    other_org = forms.CharField(label="来自党组织", max_length=200)
    issued_on = forms.DateField(label="开具日期", widget=DATE)
    valid_days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=365, initial=30)
    note = forms.CharField(label="备注", max_length=300, required=False)


class MobileForm(PersonChoiceMixin, BootstrapMixin, forms.Form):
    person = forms.TypedChoiceField(label="党员", coerce=int)
    whereabouts = forms.CharField(label="外出去向", max_length=200)
    contact = forms.CharField(label="联系方式", max_length=100)
    certificate_no = forms.CharField(label="流动党员活动证编号", max_length=50, required=False)
    since = forms.DateField(label="外出日期", widget=DATE)
    expected_return = forms.DateField(label="预计返回", widget=DATE, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)


class LostForm(PersonChoiceMixin, BootstrapMixin, forms.Form):
    person = forms.TypedChoiceField(label="党员", coerce=int)
    since = forms.DateField(label="最后联系日期", widget=DATE)

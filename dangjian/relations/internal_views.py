"""The page side of 系统内组织关系转接: a form on the person page (转出到本系统另一支部). The receiving
branch accepts or returns on its incoming letter's page (relations:transfer), which calls the same service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from dangjian.core.forms import BootstrapMixin, apply_errors
from dangjian.lib import clock
from dangjian.members.selectors import person_get

from . import internal, selectors


class InternalTransferForm(BootstrapMixin, forms.Form):
    to_org = forms.ChoiceField(label="转入支部（本系统内）")
    issued_on = forms.DateField(label="转出日期", widget=forms.DateInput(attrs={"type": "date"}))
    letter_no = forms.CharField(label="介绍信编号（不填自动生成）", max_length=50, required=False)
    valid_days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=365, initial=30)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = [("", "请选择")] + [
            (o.code, f"{o.name}（{o.code}）") for o in selectors.destinations(exclude=person.org)
        ]


def person_transfer(request, pk):
    person = person_get(request.user, pk, manage=True)
    form = InternalTransferForm(request.POST or None, person=person, initial={"issued_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            it = internal.internal_transfer_issue(
                actor=request.user,
                person=person,
                to_org=selectors.destination(cd["to_org"]),
                issued_on=cd["issued_on"],
                letter_no=cd["letter_no"],
                valid_days=cd["valid_days"],
                note=cd["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已将{person.name}转往{it.to_org.name}，待对方支部接收；接收前仍在本支部花名册")
            return redirect("relations:transfer", it.out_letter_id)
    return render(request, "appraisal/form.html", {"form": form, "title": f"转到本系统其他支部 · {person.name}"})

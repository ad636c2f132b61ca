from django import forms

from dangjian.core import versioning
from dangjian.core.forms import BootstrapMixin

from .models import AttachmentKind, Kind, Meeting, MeetingPlanItem
from .selectors import groups_of, members_of


class MeetingForm(BootstrapMixin, forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(
        label="谈话对象（谈心谈话）", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "group",
            "starts_at",
            "ends_at",
            "for_year",
            "place",
            "topic",
            "host",
            "host_delegated",
            "recorder",
            "lecturer",
            "lecturer_name",
            "agenda",
            "minutes",
            "resolutions",
            "study_hours",
            "has_vote",
            "vote_subject",
            "vote_yes",
            "vote_written_yes",
            "plan_item",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "resolutions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"study_hours": "出席者每人计入的学时（1小时=1学时，半天=4学时）"}

    def __init__(self, *args, org, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        people = members_of(org).order_by("stroke_key", "id")
        for name in ("host", "recorder", "lecturer"):
            self.fields[name].queryset = people
        self.fields["participants"].queryset = people
        self.fields["group"].queryset = groups_of(org)
        self.fields["plan_item"].queryset = MeetingPlanItem.objects.filter(org=org, voided=False).order_by(
            "-year", "month"
        )
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].help_text = "选填"
        for name in ("vote_yes", "vote_written_yes", "study_hours", "for_year"):
            self.fields[name].required = False
        self.fields["for_year"].widget.attrs.update(min=2000, max=2100, placeholder="不填按召开日期确定")
        if not creating:
            del self.fields["participants"]
        versioning.add_version_field(self)  # editing: a save over someone else's is refused

    def clean(self):
        data = super().clean()
        for name in ("vote_yes", "vote_written_yes", "study_hours"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data

    def _post_clean(self):
        # Model validation runs in the services (with the org set); skip ModelForm's instance checks.
        pass


class VoidForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="作废原因", max_length=200)


class AttachmentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="材料类型", choices=AttachmentKind.choices)
    title = forms.CharField(label="说明", max_length=100, required=False)
    file = forms.FileField(label="文件（照片、签到表扫描件等）")


class PlanItemForm(BootstrapMixin, forms.Form):
    month = forms.TypedChoiceField(label="月份", coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)])
    kind = forms.ChoiceField(label="会议类型", choices=Kind.choices)
    topic = forms.CharField(label="主题", max_length=200)
    note = forms.CharField(label="备注", max_length=200, required=False)

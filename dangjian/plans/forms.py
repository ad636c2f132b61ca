"""Forms of the plans app (labels in Chinese; the services do the real checks)."""

from django import forms

from dangjian.core.forms import BootstrapMixin
from dangjian.meetings.models import Meeting
from dangjian.members.models import Person
from dangjian.orgs.models import Org

from .models import ActivityKind, HonourLevel, NominationKind, PlanItemStatus, TaskKind
from .services.tasks import TARGETS

DATE = forms.DateInput(attrs={"type": "date"})


class TaskForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="发文组织")
    kind = forms.ChoiceField(choices=TaskKind.choices, label="类别")
    title = forms.CharField(max_length=200, label="标题")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="内容")
    deadline = forms.DateField(widget=DATE, required=False, label="报送截止日期")
    target = forms.ChoiceField(choices=list(TARGETS.items()), label="发送范围")
    school = forms.ModelChoiceField(Org.objects.none(), required=False, label="学校（发送范围为“某一学校”时）")
    picked = forms.ModelMultipleChoiceField(
        Org.objects.none(), required=False, label="指定组织（可多选）", widget=forms.SelectMultiple(attrs={"size": 6})
    )
    attachment = forms.FileField(required=False, label="附件")

    def __init__(self, *args, senders, below, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = senders
        self.fields["school"].queryset = below
        self.fields["picked"].queryset = below


class AnswerForm(BootstrapMixin, forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label="报送内容")
    attachment = forms.FileField(required=False, label="附件")


class NoticeForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="支部")
    title = forms.CharField(max_length=200, label="标题")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="内容")

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = branches


class PlanForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="党组织")
    year = forms.IntegerField(min_value=2000, max_value=2100, label="年度")
    intro = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="总体要求")

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class ItemForm(BootstrapMixin, forms.Form):
    goal = forms.CharField(max_length=300, label="目标任务")
    measure = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="具体措施")
    owner = forms.ModelChoiceField(Person.objects.none(), required=False, label="责任人")
    due_date = forms.DateField(widget=DATE, required=False, label="完成时限")
    period = forms.CharField(max_length=50, required=False, label="时段（如“全年”）")
    status = forms.ChoiceField(choices=PlanItemStatus.choices, label="状态")
    evidence_url = forms.CharField(max_length=500, required=False, label="佐证链接（会议、案例等的网址）")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class HonourForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="党组织")
    person = forms.ModelChoiceField(Person.objects.none(), required=False, label="获奖个人（集体荣誉留空）")
    title = forms.CharField(max_length=200, label="荣誉名称")
    level = forms.ChoiceField(choices=HonourLevel.choices, label="级别")
    awarded_by = forms.CharField(max_length=200, label="授予单位")
    awarded_on = forms.DateField(widget=DATE, label="授予日期")
    certificate = forms.FileField(required=False, label="证书扫描件")

    def __init__(self, *args, orgs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["person"].queryset = people


class ActivityForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="党组织")
    kind = forms.ChoiceField(choices=ActivityKind.choices, label="类别")
    title = forms.CharField(max_length=200, label="名称")
    held_on = forms.DateField(widget=DATE, label="日期")
    place = forms.CharField(max_length=200, required=False, label="地点/对象")
    given = forms.CharField(max_length=200, required=False, label="慰问物品/金额")
    people = forms.ModelMultipleChoiceField(
        Person.objects.none(), required=False, label="参加人员", widget=forms.SelectMultiple(attrs={"size": 6})
    )
    hours = forms.DecimalField(
        min_value=0, max_digits=6, decimal_places=1, required=False, label="每人服务时长（小时，志愿服务填写）"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="简要说明")
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(), required=False, label="关联会议（计为主题党日/学习，不必重复登记）"
    )
    photo = forms.FileField(required=False, label="照片")

    def __init__(self, *args, orgs, people, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["people"].queryset = people
        self.fields["meeting"].queryset = meetings


class VisitForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="被调研组织")
    visited_on = forms.DateField(widget=DATE, label="日期")
    checked = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="检查内容")
    problem = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="发现问题")
    owner = forms.ModelChoiceField(Person.objects.none(), required=False, label="整改责任人")
    due_date = forms.DateField(widget=DATE, required=False, label="整改时限")

    def __init__(self, *args, orgs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["owner"].queryset = people


class NominationForm(BootstrapMixin, forms.Form):
    org = forms.ModelChoiceField(Org.objects.none(), label="推荐支部")
    year = forms.IntegerField(min_value=2000, max_value=2100, label="年度")
    kind = forms.ChoiceField(choices=NominationKind.choices, label="类别")
    person = forms.ModelChoiceField(Person.objects.none(), required=False, label="推荐人选（先进基层党组织留空）")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="推荐理由（主要事迹）")
    vote_on = forms.DateField(widget=DATE, label="支部党员大会表决日期")
    vote_expected = forms.IntegerField(min_value=0, label="应到有表决权党员")
    vote_present = forms.IntegerField(min_value=0, label="实到")
    vote_yes = forms.IntegerField(min_value=0, label="赞成票（含书面意见）")

    def __init__(self, *args, orgs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["person"].queryset = people


class DecideForm(BootstrapMixin, forms.Form):
    approved = forms.TypedChoiceField(
        choices=[("1", "批准"), ("0", "不批准")], coerce=lambda v: v == "1", label="审定结果"
    )
    level = forms.ChoiceField(choices=HonourLevel.choices, initial=HonourLevel.DISTRICT, label="荣誉级别")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="审定意见")

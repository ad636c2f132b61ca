from django import forms

from dangjian.core.forms import BootstrapMixin

from .models import QuestionKind, StudyKind


class RecordForm(BootstrapMixin, forms.Form):
    person = forms.ChoiceField(label="党员")
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="类型", choices=StudyKind.choices)
    title = forms.CharField(label="学习内容", max_length=200)
    hours = forms.DecimalField(label="学时（1天=8，半天=4）", max_digits=5, decimal_places=1)
    certificate = forms.FileField(label="证书/证明（外部网络课程必传）", required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [(p.pk, p.name) for p in people]


class QuestionForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices)
    text = forms.CharField(label="题目", widget=forms.Textarea(attrs={"rows": 2}))
    options = forms.CharField(
        label="选项（每行一个；判断题不填）", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answer = forms.CharField(label="正确答案（选项序号，如 1 或 1,3；判断题填 1=正确 2=错误）")
    points = forms.IntegerField(label="分值", min_value=1, max_value=100, initial=10)


class QuizForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="测试名称", max_length=100)
    opens_at = forms.DateTimeField(label="开始时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label="截止时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    pass_score = forms.IntegerField(label="及格分", min_value=0, initial=60)
    questions = forms.MultipleChoiceField(label="题目", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = [(q.pk, f"[{q.get_kind_display()}] {q.text[:40]}") for q in questions]
        self.fields["questions"].widget.attrs["class"] = ""


class NoteForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="题目", max_length=100)
    body = forms.CharField(label="心得内容", widget=forms.Textarea(attrs={"rows": 8}))

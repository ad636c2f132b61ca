"""发展党员: a person's development case (DevelopmentCase), its append-only steps (CaseStep),
公示 records (Publicity) and the branch's yearly development plan (DevelopmentPlan).

Step codes are those of the rule engine (dangjian.rules.recruitment.STEPS) plus ``void``:
a wrong step is never edited; a ``void`` entry pointing at it takes it out of the case.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from dangjian.rules.recruitment import STEPS

STEP_CHOICES = [(s.code, s.name_zh) for s in STEPS] + [("void", "作废更正")]


class Stage(models.TextChoices):
    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary_member", "预备党员"
    FULL = "full_member", "正式党员"


class Result(models.TextChoices):
    OPEN = "", "进行中"
    CONVERTED = "converted", "已转正"
    REVOKED = "revoked", "取消预备党员资格"
    STOPPED = "stopped", "终止培养"


class DevelopmentCase(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(
        "orgs.Org", verbose_name="党支部", on_delete=models.PROTECT, related_name="development_cases"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="development_cases"
    )
    opened_on = models.DateField("递交入党申请书日期")
    stage = models.CharField("所处阶段", max_length=30, choices=Stage.choices, default=Stage.APPLICANT)
    plan_year = models.PositiveSmallIntegerField("计划发展年度", null=True, blank=True)
    transferred_in = models.BooleanField("转入的预备党员", default=False)
    is_mobile = models.BooleanField("流动人员", default=False)
    closed = models.BooleanField("已结案", default=False)
    result = models.CharField("结果", max_length=20, choices=Result.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic lock: bumped by every write service; a stale edit (older version) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["org_id", "stage", "opened_on", "id"]
        indexes = [models.Index(fields=["org", "closed", "stage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(closed=False), name="one_open_case_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.person.name} 发展党员档案"


class CaseStep(models.Model):
    """One recorded step. Append-only: saving an existing row raises; corrections are ``void`` rows."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.PROTECT, related_name="steps")
    code = models.CharField("环节", max_length=30, choices=STEP_CHOICES)
    date = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 党小组 / 培养联系人 / 党员和群众 / 支委会 opinions: {"group": "...", "mentor": ..., "masses": ..., "committee": ...}
    opinions = models.JSONField("征求意见", default=dict, blank=True)
    # application, thought_reports, political_review_conclusion, training_certificate, volunteer_form_no …
    documents = models.JSONField("材料", default=dict, blank=True)
    vote_expected = models.PositiveIntegerField("应到会有表决权党员", null=True, blank=True)
    vote_present = models.PositiveIntegerField("实到会有表决权党员", null=True, blank=True)
    vote_yes = models.PositiveIntegerField("赞成票（到会）", null=True, blank=True)
    vote_written_yes = models.PositiveIntegerField("书面赞成意见", null=True, blank=True)
    data = models.JSONField("其他信息", default=dict, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    override_reason = models.TextField("提示说明理由", blank=True)
    voids = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="voided_by", verbose_name="作废的记录"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["case", "code", "date"])]

    def __str__(self):
        return f"{self.get_code_display()} {self.date}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("发展党员记录只能追加，不能修改；请作废后重新登记")
        super().save(*args, **kwargs)


class PublicityResult(models.TextChoices):
    PENDING = "pending", "公示中"
    PASSED = "passed", "公示无异议（或异议已查清不影响发展）"
    BLOCKED = "blocked", "反映问题影响发展"


class Publicity(models.Model):
    """DEV-08 (2026): the 公示 of a 发展对象, at least 5 working days, in two places for 流动人员."""

    case = models.ForeignKey(DevelopmentCase, on_delete=models.PROTECT, related_name="publicities")
    start = models.DateField("公示开始日期")
    channels = models.JSONField("公示地点/方式", default=list)
    end = models.DateField("公示结束日期（第5个工作日）")
    end_provisional = models.BooleanField("结束日期为暂定", default=False)
    objections = models.TextField("反映的问题", blank=True)
    handling = models.TextField("调查处理情况", blank=True)
    result = models.CharField(
        "公示结果", max_length=20, choices=PublicityResult.choices, default=PublicityResult.PENDING
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self):
        return f"公示 {self.start}—{self.end}"

    @property
    def complete(self) -> bool:
        return self.result != PublicityResult.PENDING


class DevelopmentPlan(models.Model):
    """计划发展 N 人 for one branch and year."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="development_plans")
    year = models.PositiveSmallIntegerField("年度")
    planned_count = models.PositiveIntegerField("计划发展人数")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="one_plan_per_org_year")]

    def __str__(self):
        return f"{self.org} {self.year} 计划发展{self.planned_count}人"

from django.conf import settings
from django.db import models

from dangjian.core.models import Attachment

LEVELS = ("self", "school", "bureau")
LEVEL_ZH = {"self": "支部自评", "school": "学校党组织审核", "bureau": "局党委考核"}


class AssessmentStage(models.TextChoices):
    SELF = "self", "待支部自评"
    SCHOOL = "school", "待学校审核"
    BUREAU = "bureau", "待局党委考核"
    DONE = "done", "已完成"


# The transition table: stage → stages it may move to. Forward on a level's submission (the school level is
# skipped when the assessment has no school); back on a return (退回) to the level below. Done is final.
TRANSITIONS = {
    AssessmentStage.SELF: {AssessmentStage.SCHOOL, AssessmentStage.BUREAU},
    AssessmentStage.SCHOOL: {AssessmentStage.BUREAU, AssessmentStage.SELF},
    AssessmentStage.BUREAU: {AssessmentStage.DONE, AssessmentStage.SCHOOL, AssessmentStage.SELF},
    AssessmentStage.DONE: set(),
}


class Assessment(models.Model):
    rubric = models.ForeignKey("assessment.Rubric", on_delete=models.PROTECT, related_name="assessments")
    org = models.ForeignKey("orgs.Org", verbose_name="支部", on_delete=models.PROTECT, related_name="assessments")
    # The school level (党总支/党委 between the branch and the rubric org); null: the level is skipped.
    school = models.ForeignKey(
        "orgs.Org", verbose_name="学校党组织", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField("环节", max_length=10, choices=AssessmentStage.choices, default=AssessmentStage.SELF)
    started = models.BooleanField("已开始自评", default=False)
    return_reason = models.CharField("退回原因", max_length=300, blank=True)
    total_self = models.DecimalField("自评得分", max_digits=5, decimal_places=1, null=True, blank=True)
    total_school = models.DecimalField("学校审核得分", max_digits=5, decimal_places=1, null=True, blank=True)
    total_bureau = models.DecimalField("局党委考核得分", max_digits=5, decimal_places=1, null=True, blank=True)
    star = models.CharField("星级", max_length=20, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org__path"]
        constraints = [models.UniqueConstraint(fields=["rubric", "org"], name="assessment_one_per_rubric_org")]
        indexes = [models.Index(fields=["stage", "org"]), models.Index(fields=["rubric", "stage"])]

    def __str__(self):
        return f"{self.org} {self.rubric}"

    def total(self, level: str):
        return getattr(self, f"total_{level}")

    @property
    def final_total(self):
        return self.total_bureau if self.stage == AssessmentStage.DONE else None


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey("assessment.RubricItem", on_delete=models.PROTECT, related_name="scores")
    level = models.CharField("层级", max_length=10, choices=[(k, v) for k, v in LEVEL_ZH.items()])
    points = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.TextField("评分说明", blank=True)
    evidence_note = models.TextField("佐证说明", blank=True)
    # Auto items: the indicator's ratio (0–1) and evidence text as computed when this level was saved/submitted.
    auto_ratio = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    auto_evidence = models.CharField(max_length=300, blank=True)
    auto_url = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "item", "level"], name="assessment_one_score")]


class EvidenceFile(Attachment):
    UPLOAD_DIR = "assessment"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="files")
    item = models.ForeignKey("assessment.RubricItem", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("层级", max_length=10, default="self")


class AssessmentLog(models.Model):
    """Append-only status log of one assessment."""

    ACTIONS = {
        "open": "下发",
        "save": "保存",
        "submit": "提交",
        "return": "退回",
        "finish": "考核定级",
        "rectify": "列入整改",
    }
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="log")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10)
    level = models.CharField(max_length=10, blank=True)
    from_stage = models.CharField(max_length=10, blank=True)
    to_stage = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("考核记录只能追加")
        return super().save(*args, **kwargs)

    @property
    def action_zh(self) -> str:
        return self.ACTIONS.get(self.action, self.action)

"""民主评议党员 (LIFE-08, EVAL-01): one cycle per org and year, each member's evaluation, the anonymous vote
and the follow-up of 基本合格 / 不合格 (MGMT-06).

Anonymity: the online vote is stored as per-candidate-per-grade counts (VoteTally) and, separately, a
VoterReceipt saying only *that* a member has voted. No table links a voter to a choice.
"""

from django.conf import settings
from django.db import models


class CycleStage(models.TextChoices):
    PREPARATION = "preparation", "学习准备"
    SELF_EVALUATION = "self_evaluation", "个人自评"
    MUTUAL_EVALUATION = "mutual_evaluation", "党员互评"
    VOTING = "voting", "民主测评"
    ASSESSMENT = "assessment", "支部评定"
    REVIEW = "review", "上级审核"
    NOTIFIED = "notified", "结果告知"
    FOLLOWUP = "followup", "整改跟踪"
    CLOSED = "closed", "已结束"


STAGE_ORDER = [s.value for s in CycleStage]


class AppraisalGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASICALLY_QUALIFIED = "basically_qualified", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class AppraisalCycle(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(
        "orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="appraisal_cycles"
    )
    year = models.PositiveSmallIntegerField("年度")
    stage = models.CharField("阶段", max_length=20, choices=CycleStage.choices, default=CycleStage.PREPARATION)
    # EVAL-01: 4 grades by default, 3 where the bureau's setting says so; fixed when the cycle opens.
    grades_scheme = models.PositiveSmallIntegerField("等次数量", choices=[(3, "三个等次"), (4, "四个等次")], default=4)
    paper_ballots = models.PositiveIntegerField("纸质测评票数", default=0)
    reported_on = models.DateField("报上级日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="one_appraisal_per_org_year")]

    def __str__(self):
        return f"{self.year}年度民主评议党员"


class StageChange(models.Model):
    """The log of every stage transition (append-only)."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=CycleStage.choices)
    to_stage = models.CharField(max_length=20, choices=CycleStage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Evaluation(models.Model):
    """One member in one cycle: self-evaluation, mutual-evaluation summary, the branch's grade and its reason."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="evaluations")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="evaluations")
    self_text = models.TextField("个人自评", blank=True)
    self_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_at = models.DateTimeField(null=True, blank=True)
    mutual_text = models.TextField("互评意见摘要", blank=True)
    grade = models.CharField("评定等次", max_length=20, choices=AppraisalGrade.choices, blank=True)
    reason = models.TextField("评定理由", blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_on = models.DateField("评定日期", null=True, blank=True)
    told_on = models.DateField("告知本人日期", null=True, blank=True)

    class Meta:
        ordering = ["person__stroke_key", "person_id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "person"], name="one_evaluation_per_member")]


class TallySource(models.TextChoices):
    ONLINE = "online", "网上测评"
    PAPER = "paper", "纸质测评"


class VoteTally(models.Model):
    """How many ballots gave ``grade`` to the member of ``evaluation``. Counts only — never who voted."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="tallies")
    grade = models.CharField(max_length=20, choices=AppraisalGrade.choices)
    source = models.CharField(max_length=10, choices=TallySource.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "grade", "source"], name="one_tally_per_grade")]


class VoterReceipt(models.Model):
    """That ``voter`` has cast an online ballot in ``cycle`` — and nothing about what the ballot said."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="receipts")
    voter = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    voted_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "voter"], name="one_vote_per_member")]


class FollowUpStep(models.TextChoices):
    IMPROVEMENT_PLAN = "improvement_plan", "改进措施"
    CORRECTION = "correction", "限期改正"
    PERSUADE = "persuade", "劝退"
    REMOVE = "remove", "除名"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "进行中"
    RESOLVED = "resolved", "已改正/已完成"
    ESCALATED = "escalated", "转入下一步处置"


class FollowUp(models.Model):
    """基本合格 → an improvement plan with a deadline; 不合格 → 限期改正 → 劝退 → 除名 (MGMT-06), each
    of the last two decided by a 支部党员大会 (``meeting``) and approved by the upper organisation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="followups")
    step = models.CharField("处置环节", max_length=20, choices=FollowUpStep.choices)
    started_on = models.DateField("开始日期")
    deadline = models.DateField("期限", null=True, blank=True)
    content = models.TextField("措施/决定内容")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="支部党员大会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField("上级批准日期", null=True, blank=True)
    approval_ref = models.CharField("批准文号/说明", max_length=200, blank=True)
    status = models.CharField("状态", max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    closed_on = models.DateField("完成日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]

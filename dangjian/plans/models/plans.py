"""Yearly work plans: the bureau's 党建工作要点 and each branch's 党建工作计划, as structured items."""

from django.db import models


class PlanKind(models.TextChoices):
    KEY_POINTS = "key_points", "党建工作要点"
    BRANCH_PLAN = "branch_plan", "党建工作计划"


class PlanReviewStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送待审"
    APPROVED = "approved", "已审核通过"
    RETURNED = "returned", "已退回"


class PlanItemStatus(models.TextChoices):
    TODO = "todo", "未开始"
    DOING = "doing", "进行中"
    DONE = "done", "已完成"
    DROPPED = "dropped", "已取消"


class WorkPlan(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类别", max_length=20, choices=PlanKind.choices)
    title = models.CharField("标题", max_length=200)
    intro = models.TextField("总体要求", blank=True)
    status = models.CharField(
        "计划状态", max_length=10, choices=PlanReviewStatus.choices, default=PlanReviewStatus.DRAFT
    )
    review_comment = models.TextField("计划审核意见", blank=True)
    result_text = models.TextField("年终完成情况", blank=True)
    result_status = models.CharField(
        "年终总结状态", max_length=10, choices=PlanReviewStatus.choices, default=PlanReviewStatus.DRAFT
    )
    result_comment = models.TextField("年终审核意见", blank=True)

    class Meta:
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="plans_one_plan_per_org_year")]

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号", default=0)
    goal = models.CharField("目标任务", max_length=300)
    measure = models.TextField("具体措施", blank=True)
    owner = models.ForeignKey(
        "members.Person",
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    due_date = models.DateField("完成时限", null=True, blank=True)
    period = models.CharField("时段（如“全年”“第二季度”）", max_length=50, blank=True)
    status = models.CharField("状态", max_length=10, choices=PlanItemStatus.choices, default=PlanItemStatus.TODO)
    evidence_url = models.CharField("佐证链接", max_length=500, blank=True)
    source = models.ForeignKey(
        "self",
        verbose_name="来源（上级要点）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )

    class Meta:
        ordering = ["seq", "id"]

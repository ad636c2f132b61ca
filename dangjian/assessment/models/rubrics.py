from decimal import Decimal

from django.conf import settings
from django.db import models

DEFAULT_THRESHOLDS = [
    {"name": "五星", "min": "95"},
    {"name": "四星", "min": "85"},
    {"name": "三星", "min": "75"},
    {"name": "二星", "min": "60"},
    {"name": "一星", "min": "0"},
]


class RubricStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class RubricMode(models.TextChoices):
    AUTO = "auto", "自动指标"
    MANUAL = "manual", "人工评分"


class Rubric(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Org", verbose_name="制定组织", on_delete=models.PROTECT, related_name="rubrics")
    year = models.PositiveSmallIntegerField("考核年度")
    title = models.CharField("细则名称", max_length=200)
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, default=Decimal("100"))
    thresholds = models.JSONField("星级标准", default=list, blank=True)
    show_ranking = models.BooleanField("显示排名", default=False)
    self_due = models.DateField("支部自评截止日期", null=True, blank=True)
    school_due = models.DateField("学校审核截止日期", null=True, blank=True)
    bureau_due = models.DateField("局党委考核截止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=RubricStatus.choices, default=RubricStatus.DRAFT)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    opened_at = models.DateTimeField("下发时间", null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == RubricStatus.PUBLISHED


class RubricItem(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField("序号", default=0)
    category = models.CharField("类别", max_length=50)
    title = models.CharField("考核项目", max_length=200)
    standard = models.TextField("考核标准", blank=True)
    weight = models.DecimalField("分值", max_digits=5, decimal_places=1)
    mode = models.CharField("评分方式", max_length=10, choices=RubricMode.choices, default=RubricMode.MANUAL)
    indicator = models.CharField("自动指标", max_length=40, blank=True)
    evidence_required = models.BooleanField("须上传佐证", default=False)

    class Meta:
        ordering = ["rubric", "order", "id"]

    def __str__(self):
        return self.title

    @property
    def is_auto(self) -> bool:
        return self.mode == RubricMode.AUTO

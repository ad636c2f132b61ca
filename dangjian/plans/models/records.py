"""Honours (荣誉), activities (志愿服务、结对帮扶、慰问、参观学习) and supervision visits (调研指导)."""

from django.conf import settings
from django.db import models

from dangjian.core.models import Attachment, attachment_path


class HonourLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "区（县）级"
    SCHOOL = "school", "校级"


class Honour(models.Model):
    UPLOAD_DIR = "plans/honours"  # for the certificate scan (core.models.attachment_path)

    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="honours")
    person = models.ForeignKey(
        "members.Person",
        verbose_name="获奖个人（空=集体荣誉）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    title = models.CharField("荣誉名称", max_length=200)
    level = models.CharField("级别", max_length=10, choices=HonourLevel.choices)
    awarded_by = models.CharField("授予单位", max_length=200)
    awarded_on = models.DateField("授予日期")
    certificate = models.FileField("证书扫描件", upload_to=attachment_path, max_length=300, blank=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]


class ActivityKind(models.TextChoices):
    VOLUNTEER = "volunteer", "志愿服务"
    PAIRING = "pairing", "结对帮扶走访"
    CONDOLENCE = "condolence", "走访慰问"
    STUDY_TRIP = "study_trip", "参观学习"
    OTHER = "other", "其他活动"


class Activity(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField("类别", max_length=20, choices=ActivityKind.choices)
    title = models.CharField("名称", max_length=200)
    held_on = models.DateField("日期")
    place = models.CharField("地点/对象", max_length=200, blank=True)
    given = models.CharField("慰问物品/金额", max_length=200, blank=True)
    note = models.TextField("简要说明", blank=True)
    # Counted as a theme day / study session through the meeting that recorded it (never entered twice).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="关联会议（主题党日）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )

    class Meta:
        ordering = ["-held_on", "-id"]


class ActivityPerson(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="activities")
    hours = models.DecimalField("服务时长（小时）", max_digits=6, decimal_places=1, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="plans_unique_activity_person")]


class ActivityPhoto(Attachment):
    UPLOAD_DIR = "plans/activities"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")


class Visit(models.Model):
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="调研人", on_delete=models.PROTECT, related_name="plan_visits"
    )
    org = models.ForeignKey("orgs.Org", verbose_name="被调研组织", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField("日期")
    checked = models.TextField("检查内容")

    class Meta:
        ordering = ["-visited_on", "-id"]


class VisitProblem(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="problems")
    text = models.TextField("发现问题")
    owner = models.ForeignKey(
        "members.Person", verbose_name="整改责任人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField("整改时限", null=True, blank=True)
    resolved_on = models.DateField("整改完成日期", null=True, blank=True)

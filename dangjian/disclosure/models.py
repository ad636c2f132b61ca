"""党务公开 (PUB-01…03): items with the four recorded steps, attachments, feedback and the 书记信箱."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from dangjian.core.models import Attachment
from dangjian.rules.disclosure import DISCLOSURE_TOPICS, METHODS

TOPIC_CHOICES = list(DISCLOSURE_TOPICS.items()) + [("other", "其他")]
CHANNEL_CHOICES = [(k, v) for scope in METHODS.values() for k, v in scope.items()]


class DisclosureScope(models.TextChoices):
    BRANCH = "branch", "本组织党员"
    SCHOOL = "school", "全校（本系统）"
    PUBLIC = "public", "向社会公开"


class DisclosureStatus(models.TextChoices):
    PROPOSED = "proposed", "已提出"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已审批"
    PUBLISHED = "published", "已公开"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"


# The step code of the rule engine each status records.
STEP_OF = {
    DisclosureStatus.PROPOSED: "propose",
    DisclosureStatus.REVIEWED: "review",
    DisclosureStatus.APPROVED: "approve",
    DisclosureStatus.PUBLISHED: "publish",
}


# Longest texts accepted (characters), checked on the server for the page form and the API alike.
CONTENT_MAX = 5000
NOTE_MAX = 300  # DisclosureStep.note
MESSAGE_MAX = 2000  # feedback, 书记信箱 letters and replies


def zh_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class DisclosureItem(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="disclosures")
    topic = models.CharField("公开事项", max_length=20, choices=TOPIC_CHOICES)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("公开内容")
    scope = models.CharField("公开范围", max_length=10, choices=DisclosureScope.choices, default=DisclosureScope.BRANCH)
    channel = models.CharField("公开方式", max_length=20, choices=CHANNEL_CHOICES, default="bulletin")
    publish_from = models.DateField("公开开始", null=True, blank=True)
    publish_until = models.DateField("公开截止", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=DisclosureStatus.choices, default=DisclosureStatus.PROPOSED
    )
    source = models.CharField("来源", max_length=50, blank=True, help_text="提出的模块，如 recruitment / dues")
    source_ref = models.CharField("来源记录", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-publish_from", "-id"]
        indexes = [models.Index(fields=["scope", "status", "publish_from"]), models.Index(fields=["org", "status"])]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.content and len(self.content) > CONTENT_MAX:
            errors["content"] = f"公开内容不能超过{CONTENT_MAX}字（现有{len(self.content)}字）"
        if self.publish_from and self.publish_until and self.publish_until < self.publish_from:
            errors["publish_until"] = (
                f"公开截止日期（{zh_date(self.publish_until)}）不能早于公开开始日期（{zh_date(self.publish_from)}）"
            )
        if errors:
            raise ValidationError(errors)


class DisclosureStep(models.Model):
    """Append-only log: one row per status change (the PUB-02 step records)."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="steps")
    status = models.CharField("状态", max_length=10, choices=DisclosureStatus.choices)
    on = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("意见", max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class DisclosureAttachment(Attachment):
    UPLOAD_DIR = "disclosure"

    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="attachments")


class Message(models.Model):
    """意见反馈 on an item (item set) or a letter to the 书记信箱 (item empty). Read only by the org's managers;
    with ``anonymous`` the sender is hidden from them (kept for abuse handling by the system administrator)."""

    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(DisclosureItem, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous = models.BooleanField("匿名", default=False)
    body = models.TextField("内容", max_length=2000)
    sent_at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField("答复", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

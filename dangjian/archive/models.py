"""文书档案: documents with category, number, date, retention and files; nothing is deleted (void + reason)."""

from django.conf import settings
from django.db import models

from dangjian.core.models import Attachment


class Category(models.TextChoices):
    INCOMING = "incoming", "上级来文"
    OUTGOING = "outgoing", "本级发文"
    MINUTES = "minutes", "会议记录"
    RECRUITMENT = "recruitment", "发展党员材料"
    DUES = "dues", "党费"
    APPRAISAL = "appraisal", "评议"
    ROSTER = "roster", "名册（年终归档）"
    OTHER = "other", "其他"


class Retention(models.TextChoices):
    PERMANENT = "permanent", "永久"
    LONG = "long", "长期（30年）"
    SHORT = "short", "短期（10年）"


class Document(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="documents")
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    number = models.CharField("文号", max_length=80, blank=True)
    title = models.CharField("题名", max_length=200)
    date = models.DateField("日期")
    year = models.PositiveSmallIntegerField("年度", editable=False)
    retention = models.CharField("保管期限", max_length=10, choices=Retention.choices, default=Retention.LONG)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    # Where the record came from: "meetings.Meeting:12", "recruitment.Case:3" …, and a link to open it.
    source = models.CharField("来源记录", max_length=100, blank=True)
    source_url = models.CharField("来源链接", max_length=300, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    voided = models.BooleanField("已作废", default=False)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "category", "date", "id"]
        indexes = [models.Index(fields=["org", "year", "category"])]

    def __str__(self):
        return self.title


class DocumentFile(Attachment):
    UPLOAD_DIR = "archive"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files")

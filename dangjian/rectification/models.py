"""Rectification items (整改台账): a problem raised from a finding, its measure, owner and due date, and its
closure (the branch reports it done with evidence, the superior accepts 销号 or returns it).

Nothing is deleted: a mistaken item is cancelled with a reason and stays in the ledger, struck out.
Every status change goes through rectification/workflows.py: a RectificationLog row (append-only) and an
AuditEvent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangjian.core.models import Attachment


class RectificationSource(models.TextChoices):
    FINDING = "finding", "检查发现"
    MEETING_GAP = "meeting_gap", "组织生活缺期"
    ASSESSMENT = "assessment", "考核失分"
    VISIT = "visit", "调研指导"
    APPRAISAL = "appraisal", "民主评议"
    SUMMARY = "summary", "总结问题"
    MANUAL = "manual", "其他"


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    DONE = "done", "已整改待验收"
    CLOSED = "closed", "已销号"
    CANCELLED = "cancelled", "已撤销"


# Statuses in which the (org, source, source_ref) key is still "live": raising it again returns this item.
LIVE = (RectificationStatus.OPEN, RectificationStatus.DONE)


class Rectification(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="rectifications")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    source = models.CharField("问题来源", max_length=20, choices=RectificationSource.choices)
    # Stable key of what the item was raised from (e.g. "gap:BRA:2025:branch_committee:Q2"); blank for manual items.
    source_ref = models.CharField("来源标识", max_length=200, blank=True)
    rule_id = models.CharField("依据条款", max_length=20, blank=True)
    problem = models.TextField("问题")
    measure = models.TextField("整改措施", blank=True)
    owner = models.ForeignKey(
        "members.Person",
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    due_date = models.DateField("整改时限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_on = models.DateField("提出日期")
    closure_note = models.TextField("整改情况", blank=True)
    reported_on = models.DateField("整改完成日期", null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报告人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField("销号日期", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField("撤销原因", max_length=300, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["org", "year", "status"], name="rect_org_year_status")]
        constraints = [
            # One live item per key (partial unique index; manual items have no key).
            models.UniqueConstraint(
                fields=["org", "source", "source_ref"],
                condition=Q(status__in=["open", "done"]) & ~Q(source_ref=""),
                name="rect_one_live_item_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.org} {self.problem[:30]}"

    def is_overdue(self, today) -> bool:
        """Not closed, past its due date, and not reported done by the due date."""
        if self.status not in LIVE or not self.due_date or self.due_date >= today:
            return False
        return not (self.reported_on and self.reported_on <= self.due_date)


class RectificationFile(Attachment):
    """Evidence (佐证材料) uploaded with the report of completion; kept even when the item is returned."""

    UPLOAD_DIR = "rectification"

    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="files")


class RectificationLog(models.Model):
    """Append-only status log: who moved the item from which status to which, when and why."""

    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="log")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField("日期")  # the date of the step itself (raised, reported, closed, returned, cancelled)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, choices=RectificationStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    @property
    def action_zh(self) -> str:
        if not self.from_status:
            return "列入整改"
        return {
            (RectificationStatus.OPEN, RectificationStatus.DONE): "报告整改完成",
            (RectificationStatus.DONE, RectificationStatus.CLOSED): "验收销号",
            (RectificationStatus.DONE, RectificationStatus.OPEN): "退回重新整改",
        }.get((self.from_status, self.to_status), "撤销" if self.to_status == RectificationStatus.CANCELLED else "变更")

"""Tasks and notices sent down to orgs (上传下达) and notices to members within a branch (with receipts)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.core.models import Attachment


class TaskKind(models.TextChoices):
    TASK = "task", "任务"
    NOTICE = "notice", "通知"


class RecipientStatus(models.TextChoices):
    PENDING = "pending", "待报送"
    ANSWERED = "answered", "已报送"
    ACCEPTED = "accepted", "已采纳"
    RETURNED = "returned", "已退回"


class Task(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Org", verbose_name="发文组织", on_delete=models.PROTECT, related_name="sent_tasks")
    kind = models.CharField("类别", max_length=10, choices=TaskKind.choices, default=TaskKind.TASK)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    deadline = models.DateField("报送截止日期", null=True, blank=True)
    target = models.CharField("发送范围", max_length=20, default="picked")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class TaskRecipient(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="recipients")
    org = models.ForeignKey("orgs.Org", verbose_name="接收组织", on_delete=models.PROTECT, related_name="task_inbox")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=RecipientStatus.choices, default=RecipientStatus.PENDING)
    answer = models.TextField("报送内容", blank=True)
    answered_at = models.DateTimeField("报送时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField("审核意见", blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["org__path"]
        constraints = [models.UniqueConstraint(fields=["task", "org"], name="plans_unique_task_org")]

    def is_overdue(self, today) -> bool:
        """逾期未报: still to be reported (pending, or returned) and the deadline has passed."""
        open_ = self.status in (RecipientStatus.PENDING, RecipientStatus.RETURNED)
        return bool(self.task.kind == TaskKind.TASK and self.task.deadline and self.task.deadline < today and open_)

    @property
    def answered_late(self) -> bool:
        """逾期上报: the report stands and was given after the deadline (China date of answered_at).
        Read from answered_at, never from today, so it stays after acceptance; a task's deadline
        cannot be changed once sent."""
        reported = self.status in (RecipientStatus.ANSWERED, RecipientStatus.ACCEPTED)
        return bool(
            self.task.kind == TaskKind.TASK
            and self.task.deadline
            and reported
            and self.answered_at
            and timezone.localtime(self.answered_at).date() > self.task.deadline
        )

    def is_late(self, today) -> bool:
        return self.is_overdue(today) or self.answered_late

    def late_label(self, today) -> str:
        return "逾期未报" if self.is_overdue(today) else "逾期上报" if self.answered_late else ""


class TaskFile(Attachment):
    """An attachment of the task (recipient null) or of one recipient's answer."""

    UPLOAD_DIR = "plans/tasks"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="files")
    recipient = models.ForeignKey(TaskRecipient, null=True, blank=True, on_delete=models.CASCADE, related_name="files")


class MemberNotice(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="支部", on_delete=models.PROTECT, related_name="member_notices")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class MemberReceipt(models.Model):
    notice = models.ForeignKey(MemberNotice, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="notice_receipts")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "person"], name="plans_unique_receipt")]

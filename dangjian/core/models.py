"""Audit trail shared by every app: each write service leaves one AuditEvent in its transaction.

The log is a hash chain (core/auditchain.py): each row stores the previous row's hash and its own, so an edit,
deletion or insertion anywhere shows up in `dangjian audit verify`. Rows are append-only: save() on a stored
row and delete() raise, and database triggers (migration 0004) refuse UPDATE/DELETE from any client.
"""

from django.conf import settings
from django.db import models
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from dangjian.lib import clock


class AuditEvent(models.Model):
    # Set when the row is built (not auto_now_add) so the hash is computed over the value that is stored.
    at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=64)  # e.g. "person.update", "org.move"
    subject_type = models.CharField(max_length=32)
    subject_id = models.BigIntegerField()
    # For updates: {"changes": {field: [old, new]}}; for other kinds whatever explains the event.
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.kind} {self.subject_type}#{self.subject_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("审计日志只能追加，不能修改")
        from .auditchain import append

        append([self], insert=lambda: super(AuditEvent, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计日志只能追加，不能删除")


@receiver(connection_created, dispatch_uid="dangjian_sqlite_maintenance")
def _sqlite_functions(sender, connection, **kwargs):
    # The SQLite append-only triggers allow DELETE only while this returns 1 (a restore or a flush, see
    # core/audit.py maintenance()); outside the app the function is unknown and the trigger fails closed.
    if connection.vendor == "sqlite":
        from .auditchain import maintenance_active

        connection.connection.create_function("dangjian_maintenance", 0, lambda: 1 if maintenance_active() else 0)


class CalendarToken(models.Model):
    """Secret key of a user's private ICS feed of deadlines (subscribed from a phone calendar)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    key = models.CharField(max_length=64, unique=True)


class Reminder(models.Model):
    """A to-do item delivered by `dangjian send-reminders`; (user, key) makes the daily run idempotent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=200)
    due_date = models.DateField(null=True)
    title_zh = models.CharField(max_length=300)
    rule_id = models.CharField(max_length=20, blank=True)
    url = models.CharField(max_length=300, blank=True)
    level = models.CharField(max_length=10, default="info")
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_key")]
        ordering = ["due_date", "id"]


def attachment_path(instance, filename: str) -> str:
    # The year comes from the one clock (FileField's "%Y" would read the machine's clock directly).
    return f"{instance.UPLOAD_DIR}/{clock.today():%Y/%m}/{filename}"


class Attachment(models.Model):
    """The one shape of an uploaded file kept with a record (佐证材料, 附件, 照片, 扫描件).

    Concrete attachments add the foreign key of what they belong to and set UPLOAD_DIR; reading them goes
    through the one download view (core/attachments.py), which asks the owning app who may read which row."""

    UPLOAD_DIR = "files"

    file = models.FileField("文件", upload_to=attachment_path, max_length=300)
    name = models.CharField("文件名", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.name or self.file.name.rsplit("/", 1)[-1]


class StatusChange(models.Model):
    """The status-change row of a workflow that has no log model of its own (core/workflow.py).

    One row per change, written by ``workflow.set_status`` in the same transaction as the change and its
    AuditEvent. Workflows whose log carries domain facts (the dated steps of 党务公开, a letter's 回执 date) keep
    their own log model and name it in their Workflow."""

    subject_type = models.CharField(max_length=64)  # app_label.model_name
    subject_id = models.BigIntegerField()
    field = models.CharField(max_length=32, default="status")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.subject_type}#{self.subject_id} {self.from_status}→{self.to_status}"

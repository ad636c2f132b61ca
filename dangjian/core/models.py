"""Audit trail shared by every app: each write service leaves one AuditEvent in its transaction."""
from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=64)  # e.g. "person.update", "org.move"
    subject_type = models.CharField(max_length=32)
    subject_id = models.BigIntegerField()
    # For updates: {"changes": {field: [old, new]}}; for other kinds whatever explains the event.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.kind} {self.subject_type}#{self.subject_id}"


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

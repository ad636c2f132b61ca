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

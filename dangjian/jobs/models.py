import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """What a user started: one task, or a batch of tasks whose files are collected into a zip."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField("任务", max_length=200)
    file_name = models.CharField("下载文件名", max_length=255, blank=True)
    # Progress a single task reports with jobs.progress(); a batch counts its outputs instead.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    batch = models.BooleanField(default=False)
    task_ids = models.JSONField(default=list)
    back_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "后台任务"

    def __str__(self):
        return self.title


class JobOutput(models.Model):
    """One file a task of the job produced; unique per key so a retried task cannot add a second copy."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="outputs")
    key = models.CharField(max_length=200)
    name = models.CharField(max_length=255)
    path = models.CharField(max_length=500)  # relative to MEDIA_ROOT
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="job_output_once")]
        ordering = ["name"]

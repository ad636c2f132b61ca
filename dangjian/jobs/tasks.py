"""Background tasks that belong to no domain app."""

import io

from django.core.management import call_command
from django.tasks import task


@task
def send_reminders(day: str | None = None):
    """`dangjian send-reminders` on the queue (called by name: the command's home may move)."""
    out = io.StringIO()
    call_command("send-reminders", *(["--date", day] if day else []), stdout=out)
    return out.getvalue()[-2000:]

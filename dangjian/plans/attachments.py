"""Task files and honour certificates for the one download view."""

from django.http import Http404

from dangjian.core import attachments

from . import selectors
from .models import Honour, TaskFile


def _task_file(request, f) -> None:
    # An answer's file: the receiving org's or the sender's managers; the task's own files: also every inbox.
    if f.recipient_id:
        selectors.recipient_get(request.user, f.recipient_id)
    elif not selectors.inbox(request.user).filter(task_id=f.task_id).exists():
        selectors.task_get(request.user, f.task_id)


def _honour(request, honour) -> None:
    if not selectors.honours_visible(request.user).filter(pk=honour.pk).exists():
        raise Http404("文件不存在或无权查看")


attachments.register("task", model=TaskFile, check=_task_file)
attachments.register("honour", model=Honour, check=_honour, field="certificate", name_of=lambda h: None)

"""Starting jobs, reading their state over the task results, storing outputs, re-queuing orphans."""

import hashlib
import io
import os
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.tasks import TaskResultStatus

from dangjian.lib import clock

from .models import Job, JobOutput


class JobError(Exception):
    """A failure whose (Chinese) message is meant for the user who started the job."""


def job_dir(job_id) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / str(job_id)


@transaction.atomic
def start(*, user, title: str, task, calls, file_name: str = "", back_url: str = "") -> Job:
    """Create a job and enqueue ``task`` once per (args, kwargs) in ``calls``; several calls make a batch
    whose outputs are downloaded together as one zip named ``file_name``. All or nothing: the tasks are
    created in the same transaction as the job, so a worker never sees half a batch."""
    calls = list(calls)
    job = Job.objects.create(
        user=user if getattr(user, "pk", None) else None,
        title=title,
        file_name=file_name,
        batch=len(calls) > 1,
        total=len(calls) if len(calls) > 1 else 0,
        back_url=back_url,
        created_at=clock.now(),
    )
    ids = []
    for args, kwargs in calls:
        ids.append(str(task.enqueue(*args, job_id=str(job.pk), **kwargs).id))
    job.task_ids = ids
    job.save(update_fields=["task_ids"])
    return job


def save_output(job_id, key: str, content: bytes, name: str) -> None:
    if job_id is None:
        raise JobError("save_output() 只能在后台任务中调用")
    folder = job_dir(job_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    ext = name.rpartition(".")[2] if "." in name else "bin"
    target = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:20]}.{ext}"
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    tmp.write_bytes(content)
    os.replace(tmp, target)  # a killed run leaves a stray .tmp at most, never half a file under the real name
    JobOutput.objects.update_or_create(
        job_id=job_id,
        key=key,
        defaults={"name": name, "path": str(target.relative_to(settings.MEDIA_ROOT)), "created_at": clock.now()},
    )


@dataclass
class JobState:
    job: Job
    state: str  # queued | running | done | failed
    done: int
    total: int
    error: str = ""
    message: str = ""  # what a task that makes no file returned, e.g. "已导入 6000 人"
    has_file: bool = False

    @property
    def state_zh(self):
        return {"queued": "排队等候", "running": "正在生成", "done": "已完成", "failed": "失败"}[self.state]

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else (100 if self.state == "done" else 0)


def _error_text(exception_class_path: str, traceback: str) -> str:
    message = ""
    for line in reversed((traceback or "").strip().splitlines()):
        if line.strip():
            message = line.split(": ", 1)[1] if ": " in line else ""
            break
    if (
        exception_class_path in ("dangjian.jobs.services.JobError", "django.core.management.base.CommandError")
        and message
    ):
        return message
    return "生成时出现系统错误，已记入日志。请稍后重试；仍然失败时请联系系统管理员。"


def state_of(job: Job) -> JobState:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(id__in=job.task_ids)
    counts = {s: 0 for s in TaskResultStatus.values}
    for status, n in rows.order_by().values_list("status").annotate(n=Count("id")):
        counts[status] = n
    total_tasks = len(job.task_ids)
    if counts.get(TaskResultStatus.FAILED, 0):
        failed = rows.filter(status=TaskResultStatus.FAILED).values_list("exception_class_path", "traceback").first()
        done = job.outputs.count() if job.batch else job.done
        return JobState(job, "failed", done, job.total, _error_text(*failed))
    finished = counts.get(TaskResultStatus.SUCCESSFUL, 0)
    if job.batch:
        done, total = job.outputs.count(), job.total
    else:
        done, total = job.done, job.total
    if total_tasks and finished == total_tasks:
        value = rows.values_list("return_value", flat=True).first() if not job.batch else None
        return JobState(
            job,
            "done",
            total or done,
            total or done,
            message=value if isinstance(value, str) else "",
            has_file=job.outputs.exists(),
        )
    state = "running" if counts.get(TaskResultStatus.RUNNING, 0) or finished else "queued"
    return JobState(job, state, done, total)


def job_for(user, job_id) -> Job | None:
    """The job if ``user`` started it or is a system administrator; None otherwise (the page says 404)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not (user.is_superuser or (job.user_id is not None and job.user_id == user.pk)):
        return None
    return job


def result_file(job: Job) -> tuple[bytes, str]:
    """(content, download name) of a finished job: its single file, or all outputs zipped."""
    outputs = list(job.outputs.all())
    if not job.batch and len(outputs) == 1:
        out = outputs[0]
        return (Path(settings.MEDIA_ROOT) / out.path).read_bytes(), out.name
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for out in outputs:
            zf.write(Path(settings.MEDIA_ROOT) / out.path, arcname=out.name)
    return buf.getvalue(), job.file_name or f"{job.title}.zip"


# --- workers -------------------------------------------------------------------------------------------


def worker_id() -> str:
    """host:pid:random — the pid lets a later worker on the same host tell that this one has died."""
    from django.utils.crypto import get_random_string

    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_orphans() -> int:
    """Put back to READY every RUNNING task whose worker on this host no longer exists (killed, crashed,
    machine restarted), so another worker runs it. Returns how many were re-queued."""
    from django_tasks_db.models import DBTaskResult

    host = socket.gethostname()[:40]
    count = 0
    for pk, workers in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("id", "worker_ids"):
        if not workers:
            continue
        w_host, _, rest = str(workers[-1]).partition(":")
        pid = rest.partition(":")[0]
        if w_host != host or not pid.isdigit() or _alive(int(pid)):
            continue
        count += DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
    return count


def prune(keep_days: int | None = None) -> int:
    """Delete jobs (their files and task results) older than DANGJIAN_JOB_KEEP_DAYS (default 7): the files are
    copies of documents anyone can make again; run by every worker as it starts."""
    import shutil
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    days = keep_days if keep_days is not None else getattr(settings, "DANGJIAN_JOB_KEEP_DAYS", 7)
    old = list(Job.objects.filter(created_at__lt=clock.now() - timedelta(days=days)))
    for job in old:
        DBTaskResult.objects.filter(id__in=job.task_ids).exclude(status=TaskResultStatus.RUNNING).delete()
        shutil.rmtree(job_dir(job.pk), ignore_errors=True)
        job.delete()
    return len(old)

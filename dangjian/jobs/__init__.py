"""Background jobs (ground floor: knows no domain app).

A *job* is what a user started and waits for: one or more django.tasks results (the database queue of
django-tasks-db), a progress figure and the files it produced. A task that belongs to a job is written as

    @task
    @jobs.job_task
    def build(..., ):           # called with job_id=… added by jobs.start()
        jobs.progress(3, 10)
        jobs.save_output("key", content, "中文文件名.pdf")

Outputs are written atomically and keyed, so a task retried after its worker was killed overwrites its own
half-done work instead of adding a second copy: each output exists exactly once.
"""

import contextvars
import functools

_current_job = contextvars.ContextVar("dangjian_job", default=None)


def job_task(fn):
    """Run ``fn`` with the job id (the ``job_id`` keyword) as the current job for progress()/save_output()."""

    @functools.wraps(fn)
    def wrapper(*args, job_id=None, **kwargs):
        token = _current_job.set(job_id)
        try:
            return fn(*args, **kwargs)
        finally:
            _current_job.reset(token)

    return wrapper


def current_job_id():
    return _current_job.get()


def progress(done: int, total: int) -> None:
    """Report ``done`` of ``total`` steps of the current job (a no-op outside a job)."""
    job_id = _current_job.get()
    if job_id is None:
        return
    from .models import Job

    Job.objects.filter(pk=job_id).update(done=max(0, int(done)), total=max(0, int(total)))


def save_output(key: str, content: bytes, name: str) -> None:
    """Store one result file of the current job (idempotent per key)."""
    from .services import save_output as _save

    _save(_current_job.get(), key, content, name)

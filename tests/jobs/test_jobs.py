"""Background jobs through the path a user takes: the page starts a task on the database queue, a real
django-tasks-db worker loop (`dangjian worker --batch`, run in-process here) runs it, the progress page says
done and the download is the same document as the direct download."""

import re
import subprocess
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

# The in-process worker calls close_old_connections() between tasks, as a real worker must; inside a test's
# transaction that closes PostgreSQL's connection (autocommit is off), so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _pdf_text(content: bytes, tmp_path, name) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _start_ledger(client, code="BUREAU", year=2026):
    resp = client.post(reverse("reports:ledger_pdf_job", args=[code, year]))
    assert resp.status_code == 302
    m = re.fullmatch(r"/jobs/([0-9a-f-]{36})/", resp["Location"])
    assert m, resp["Location"]
    return m.group(1)


def test_bureau_ledger_pdf_runs_in_a_worker_and_downloads_the_same_document(world, login, tmp_path):
    client = login(world.bob)
    dashboard = client.get(reverse("reports:dashboard", args=["BUREAU", 2026])).content.decode()
    assert reverse("reports:ledger_pdf_job", args=["BUREAU", 2026]) in dashboard  # the button the officer sees

    job_id = _start_ledger(client)
    page = client.get(f"/jobs/{job_id}/").content.decode()
    assert "排队等候" in page and "data-job-refresh" in page  # queued: nothing ran inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert client.get(f"/jobs/{job_id}/download/").status_code == 409  # not ready yet

    call_command("worker", "--batch")

    page = client.get(f"/jobs/{job_id}/").content.decode()
    assert "已完成" in page and "data-job-refresh" not in page
    resp = client.get(f"/jobs/{job_id}/download/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert unquote(resp["Content-Disposition"].split("UTF-8''")[1]) == "江北区教育局党委2026年度党建工作台账.pdf"
    direct = client.get(reverse("reports:ledger_pdf", args=["BUREAU", 2026]))  # the README's direct URL
    assert direct.status_code == 200
    assert _pdf_text(resp.content, tmp_path, "job.pdf") == _pdf_text(direct.content, tmp_path, "direct.pdf")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_branch_keeps_the_direct_ledger_pdf_link(world, login):
    page = login(world.alice).get(reverse("reports:dashboard", args=["BRA", 2026])).content.decode()
    assert reverse("reports:ledger_pdf", args=["BRA", 2026]) in page
    assert reverse("reports:ledger_pdf_job", args=["BRA", 2026]) not in page


def test_only_the_starter_or_an_administrator_sees_a_job(world, client):
    client.force_login(world.bob)
    job_id = _start_ledger(client)
    call_command("worker", "--batch")
    for other in (world.alice, world.charlie, world.dave):
        client.force_login(other)
        assert client.get(f"/jobs/{job_id}/").status_code == 404
        assert client.get(f"/jobs/{job_id}/download/").status_code == 404
    client.force_login(world.admin)
    assert client.get(f"/jobs/{job_id}/download/").status_code == 200


def test_a_ledger_for_an_org_out_of_scope_starts_nothing(world, login):
    resp = login(world.alice).post(reverse("reports:ledger_pdf_job", args=["BRB", 2026]))
    assert resp.status_code == 404
    assert not DBTaskResult.objects.exists()


def test_a_failed_job_says_why_in_chinese(world, login):
    from dangjian.jobs.services import start
    from dangjian.reports.tasks import ledger_pdf

    job = start(user=world.bob, title="台账", task=ledger_pdf, calls=[(("GONE", 2026), {})])
    call_command("worker", "--batch")
    page = login(world.bob).get(f"/jobs/{job.pk}/").content.decode()
    assert "生成失败：找不到党组织代码“GONE”" in page


def test_each_branch_queue_makes_one_task_per_branch_and_one_zip(world, tmp_path):
    import io
    import zipfile

    from django.contrib.auth.models import User

    from dangjian.jobs.models import Job
    from dangjian.orgs.services import org_create

    for n in range(3):
        org_create(actor=world.admin, kind="branch", name=f"第{n + 1}小学党支部", code=f"S{n}", parent=world.bureau)
    out = io.StringIO()
    call_command("report", "summary", "--org", "BUREAU", "--year", "2026", "--each-branch", "--queue", stdout=out)
    job = Job.objects.get()
    assert f"任务编号 {job.pk}" in out.getvalue()
    assert DBTaskResult.objects.filter(status="READY").count() == 4  # BRA and S0–S2, nothing ran yet

    call_command("worker", "--batch")
    # The same four documents the synchronous --each-branch writes into a folder.
    folder = tmp_path / "sync"
    folder.mkdir()
    call_command(
        "report",
        "summary",
        "--org",
        "BUREAU",
        "--year",
        "2026",
        "--each-branch",
        "--out",
        str(folder),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    client = __import__("django.test", fromlist=["Client"]).Client()
    client.force_login(User.objects.get(username="admin"))
    assert "已完成：共 4 份" in client.get(f"/jobs/{job.pk}/").content.decode()
    resp = client.get(f"/jobs/{job.pk}/download/")
    assert unquote(resp["Content-Disposition"].split("UTF-8''")[1]) == "江北区教育局党委2026年度各支部党建工作总结.zip"
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        assert sorted(zf.namelist()) == sorted(p.name for p in folder.iterdir())


def test_queue_needs_each_branch(world):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--queue 只能与 --each-branch 一起使用"):
        call_command("report", "summary", "--org", "BUREAU", "--year", "2026", "--queue")


def test_send_reminders_runs_as_a_task(world):
    from django.apps import apps

    from dangjian.jobs.tasks import send_reminders
    from tests.conftest import add_person

    for i in range(5):  # seven members and no committee: a BR-03 reminder for the secretary
        add_person(world.branch_a, f"党员{i}", seq=200 + i)
    reminder = next(m for m in apps.get_models() if m.__name__ == "Reminder")
    result = send_reminders.enqueue("2026-06-01")
    call_command("worker", "--batch")
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    made = reminder.objects.filter(user=world.alice).count()
    assert made >= 1
    call_command("send-reminders", date="2026-06-01")  # the command itself finds nothing left to add
    assert reminder.objects.filter(user=world.alice).count() == made


def test_only_tasks_of_dead_workers_on_this_host_are_requeued(world):
    import os
    import socket

    from dangjian.jobs.services import requeue_orphans
    from dangjian.jobs.tasks import send_reminders

    gone = subprocess.Popen(["true"])
    gone.wait()  # reaped: its pid names no process now
    host = socket.gethostname()[:40]
    claims = {
        "dead": f"{host}:{gone.pid}:a",
        "alive": f"{host}:{os.getpid()}:b",
        "elsewhere": f"other-host:{gone.pid}:c",
    }
    ids = {}
    for name, claim in claims.items():
        ids[name] = send_reminders.enqueue().id
        DBTaskResult.objects.filter(pk=ids[name]).update(status="RUNNING", worker_ids=[claim])
    assert requeue_orphans() == 1
    status = dict(DBTaskResult.objects.values_list("id", "status"))
    assert {name: status[DBTaskResult.objects.get(pk=pk).pk] for name, pk in ids.items()} == {
        "dead": "READY",
        "alive": "RUNNING",
        "elsewhere": "RUNNING",
    }
    assert requeue_orphans() == 0  # idempotent: two surviving workers cannot both re-queue it


def test_queue_command_enqueues_reminders_for_a_worker(world):
    import io

    out = io.StringIO()
    call_command("queue", "send-reminders", "--date", "2026-06-01", stdout=out)
    result = DBTaskResult.objects.get()
    assert f"任务编号 {result.pk}" in out.getvalue() and result.status == "READY"
    call_command("worker", "--batch")
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"


def test_a_worker_deletes_jobs_older_than_the_keep_days(world, login, settings):
    import time_machine

    from dangjian.jobs.models import Job
    from dangjian.jobs.services import job_dir

    settings.DANGJIAN_JOB_KEEP_DAYS = 7
    client = login(world.bob)
    with time_machine.travel("2026-11-10 10:00 +0800", tick=True):
        old = _start_ledger(client)
        call_command("worker", "--batch")
    assert job_dir(old).is_dir()
    new = _start_ledger(client)
    call_command("worker", "--batch")  # 12 days later: the first job goes, files and all
    assert list(Job.objects.values_list("pk", flat=True)) == [__import__("uuid").UUID(new)]
    assert not job_dir(old).exists() and client.get(f"/jobs/{old}/").status_code == 404
    assert client.get(f"/jobs/{new}/download/").status_code == 200

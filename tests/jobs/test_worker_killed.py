"""Two real worker processes on one file database: one is SIGKILLed in the middle of a branch summary; the
other puts that task back on the queue and finishes the batch. Every branch's summary is produced exactly
once and none is lost (counted from the database file itself, not through the code under test)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BRANCHES = 12
# The subprocesses read the real clock (or faketime's, in CI's third leg), not the suite's pinned day: the orgs are
# founded in 2000 so that the 2026 summaries they are asked for exist on any day from 2026 on.
SETUP = f"""
import datetime
from django.contrib.auth.models import User
from dangjian.orgs.services import org_create
admin = User.objects.create_superuser("admin", "", "pw-admin-1X")
since = datetime.date(2000, 1, 1)
bureau = org_create(actor=admin, kind="committee", name="江北区教育局党委", code="BUREAU", established_on=since)
for n in range({BRANCHES}):
    org_create(actor=admin, kind="branch", name=f"第{{n + 1}}中学党支部", code=f"B{{n:02d}}", parent=bureau,
               unit=f"第{{n + 1}}中学", established_on=since)
"""


def _env(data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DANGJIAN_"))}
    env.update(DANGJIAN_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dangjian.settings", DJANGO_DB="sqlite")
    return env


def _manage(env, *args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "dangjian.manage", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def _rows(db):
    with sqlite3.connect(db, timeout=30) as con:
        return con.execute("SELECT id, status, worker_ids FROM django_tasks_database_dbtaskresult").fetchall()


def test_a_killed_worker_loses_nothing_and_nothing_runs_twice(tmp_path):
    env = _env(tmp_path)
    db = tmp_path / "dangjian.sqlite3"
    assert _manage(env, "migrate", "-v0").returncode == 0
    assert _manage(env, "shell", "-c", SETUP).returncode == 0
    out = _manage(env, "report", "summary", "--org", "BUREAU", "--year", "2026", "--each-branch", "--queue")
    assert out.returncode == 0, out.stderr
    assert f"已排队 {BRANCHES} 个支部的党建工作总结" in out.stdout
    job_id = out.stdout.split("任务编号 ")[1].split("（")[0]
    assert len(_rows(db)) == BRANCHES and {r[1] for r in _rows(db)} == {"READY"}

    first = subprocess.Popen(
        [sys.executable, "-m", "dangjian.manage", "worker", "--interval", "0.2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killed_task = None
    deadline = time.monotonic() + 240
    try:
        # Kill it while it is in the middle of a task, after it has finished at least one.
        while time.monotonic() < deadline and killed_task is None:
            rows = _rows(db)
            running = [r for r in rows if r[1] == "RUNNING"]
            if running and any(r[1] == "SUCCESSFUL" for r in rows):
                killed_task = running[0][0]
                first.send_signal(signal.SIGKILL)
            time.sleep(0.01)
    finally:
        first.kill()
        first.wait()
    assert killed_task is not None, "the first worker never got to a second task"
    rows = {r[0]: r for r in _rows(db)}
    assert rows[killed_task][1] == "RUNNING"  # orphaned: nobody will finish it unless it is re-queued
    finished_by_first = sum(1 for r in rows.values() if r[1] == "SUCCESSFUL")
    assert 1 <= finished_by_first < BRANCHES

    second = _manage(env, "worker", "--batch")
    assert second.returncode == 0, second.stderr
    assert "已重新排队 1 个中断的任务" in second.stdout

    rows = {r[0]: r for r in _rows(db)}
    assert len(rows) == BRANCHES and {r[1] for r in rows.values()} == {"SUCCESSFUL"}  # none lost
    claims = {pk: json.loads(r[2]) for pk, r in rows.items()}
    assert len(claims[killed_task]) == 2 and claims[killed_task][0] != claims[killed_task][1]  # retried elsewhere
    assert sum(len(c) for c in claims.values()) == BRANCHES + 1  # every other task ran exactly once
    with sqlite3.connect(db) as con:
        outputs = con.execute(
            "SELECT key, path FROM jobs_joboutput WHERE job_id = ?", (job_id.replace("-", ""),)
        ).fetchall()
    assert sorted(k for k, _ in outputs) == [f"B{n:02d}" for n in range(BRANCHES)]
    for _, path in outputs:
        assert (tmp_path / "media" / path).read_bytes()[:2] == b"PK"  # a whole .docx, not half a file

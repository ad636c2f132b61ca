"""Two background workers over every branch's work summary of the city data, one of them killed mid-run.

    .venv/bin/python bench/tasks.py [--branches 2500 --members 60000] [--kill-after 0.3] [--workers 2]

Uses its own SQLite data dir (bench/out/tasks/, made once with `dangjian migrate` + `dangjian scale-data`), then:
1. `dangjian report summary --org SC --each-branch --queue`: one django.tasks task per branch (timed);
2. starts N `dangjian worker` processes; once the given share of tasks has finished, SIGKILLs worker 1 while it is
   inside a task and starts a replacement (which re-queues the orphaned task);
3. waits until every task has finished, then counts from the database file itself: every task SUCCESSFUL, one
   claim per task except the killed one (two claims), one output file per branch, no duplicates.
Prints a JSON line and writes bench/out/tasks.json; the figures go to bench/README.md by hand.
"""

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "tasks"


def env_for(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DANGJIAN_"))}
    env.update(DANGJIAN_DATA_DIR=str(data_dir), DJANGO_DB="sqlite")
    return env


def manage(env, *args, check=True):
    proc = subprocess.run(
        [sys.executable, "-m", "dangjian.manage", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if check and proc.returncode:
        raise SystemExit(f"dangjian {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def rows(db):
    with sqlite3.connect(db, timeout=60) as con:
        return con.execute("SELECT id, status, worker_ids FROM django_tasks_database_dbtaskresult").fetchall()


def start_worker(env, log):
    return subprocess.Popen(
        [sys.executable, "-m", "dangjian.manage", "worker", "--interval", "0.5"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--branches", type=int, default=2500)
    ap.add_argument("--members", type=int, default=60000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-after", type=float, default=0.3, help="share of tasks done before worker 1 is killed")
    ap.add_argument("--year", type=int, default=2026)
    args = ap.parse_args()

    data = OUT / f"b{args.branches}-m{args.members}"
    data.mkdir(parents=True, exist_ok=True)
    env = env_for(data)
    db = data / "dangjian.sqlite3"
    made = {}
    if not (data / ".ready").exists():
        t0 = time.perf_counter()
        manage(env, "migrate", "-v0")
        manage(env, "scale-data", "--branches", str(args.branches), "--members", str(args.members))
        (data / ".ready").write_text("ok")
        made["setup_s"] = round(time.perf_counter() - t0, 1)
    with sqlite3.connect(db) as con:  # a fresh queue each run; the city data stays
        con.execute("DELETE FROM django_tasks_database_dbtaskresult")
        con.execute("DELETE FROM jobs_joboutput")
        con.execute("DELETE FROM jobs_job")

    t0 = time.perf_counter()
    out = manage(env, "report", "summary", "--org", "SC", "--year", str(args.year), "--each-branch", "--queue")
    enqueue_s = time.perf_counter() - t0
    job_id = out.stdout.split("任务编号 ")[1].split("（")[0].replace("-", "")
    total = len(rows(db))

    log = open(data / "workers.log", "w")
    t_start = time.perf_counter()
    workers = [start_worker(env, log) for _ in range(args.workers)]
    killed = None
    try:
        while True:
            current = rows(db)
            finished = sum(1 for r in current if r[1] in ("SUCCESSFUL", "FAILED"))
            if killed is None and finished >= args.kill_after * total:
                victim = workers[0]
                mine = [r for r in current if r[1] == "RUNNING" and f":{victim.pid}:" in (json.loads(r[2]) or [""])[-1]]
                if mine:
                    victim.send_signal(signal.SIGKILL)
                    victim.wait()
                    killed = {"task": mine[0][0], "at_done": finished, "at_s": round(time.perf_counter() - t_start, 1)}
                    workers[0] = start_worker(env, log)  # systemd's Restart=always, by hand
            if finished == total:
                break
            time.sleep(0.05)
        wall = time.perf_counter() - t_start
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:
                w.kill()
        log.close()

    final = rows(db)
    claims = {r[0]: json.loads(r[2]) for r in final}
    with sqlite3.connect(db) as con:
        outputs = con.execute("SELECT key FROM jobs_joboutput WHERE job_id = ?", (job_id,)).fetchall()
    result = {
        "branches": total,
        "workers": args.workers,
        "enqueue_s": round(enqueue_s, 1),
        "total_s": round(wall, 1),
        "per_branch_ms": round(wall * 1000 / total, 1),
        "successful": sum(1 for r in final if r[1] == "SUCCESSFUL"),
        "failed": sum(1 for r in final if r[1] == "FAILED"),
        "claims": sum(len(c) for c in claims.values()),
        "claimed_twice": sum(1 for c in claims.values() if len(c) > 1),
        "killed": killed,
        "outputs": len(outputs),
        "distinct_outputs": len(set(outputs)),
        "killed_task_claims": len(claims.get(killed["task"], [])) if killed else None,
        "load_at_end": os.getloadavg()[0],
        **made,
    }
    result["exactly_once"] = (
        result["successful"] == total
        and result["outputs"] == result["distinct_outputs"] == total
        and result["claims"] == total + (1 if killed else 0)
    )
    (OUT / "tasks.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["exactly_once"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Load test (issue 20, item 4): .venv/bin/python bench/load/run.py [--db sqlite,postgres] [--users 200] [--time 120]

Everything on this machine, loopback only (127.0.0.1):
1. the bare-Django baseline (bench/load/bare/) under gunicorn with `dangjian serve`'s options, the same users;
2. for each database: city-scale data (`dangjian scale-data`, by command name), the load-test logins and work
   (bench/load/setup.py), `dangjian serve` (gunicorn, production mode), every account logged in once through the
   login form, then locust headless with a bounded number of users, requests and seconds (bench/load/locustfile.py);
   PostgreSQL runs in a throwaway cluster on ports 56432 (primary) and 56433 (hot standby made with
   `pg_basebackup -R`, the router's replica), stopped at the end;
3. a short saturation leg (8 users, no think time) on the bare page and on a secretary's roster page;
4. the figures into bench/load/results.json and bench/README.md (section 负载测试).

`--smoke` is a quick check (10 users, 20 s). Output, logs and databases: bench/out/load/.

The parts beside this entry point: shell.py (paths, console, subprocess), pgcluster.py (the throwaway PostgreSQL),
drive.py (server under test, logins, locust and its figures), loadreport.py (the README section).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time

from drive import Server, locust, login_all, server_errors
from loadreport import aggregate, machine, write_readme
from pgcluster import PG_PORT, REPLICA_PORT, pg_describe, pg_start, pg_stop, pg_vacuum
from shell import HERE, OUT, REPO, VENV_BIN, run, say

APP_PORT, BARE_PORT = 8100, 8101
RESULTS = HERE / "results.json"


# ---------------------------------------------------------------- the app's environment and data


def app_env(db: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "PG", "DJANGO_"))}
    data = OUT / f"data-{db}"
    env.update(
        DJANGO_SETTINGS_MODULE="dangjian.settings", DANGJIAN_DATA_DIR=str(data), DJANGO_DB=db, PYTHONPATH=str(REPO)
    )
    if db == "sqlite":
        env["DANGJIAN_SQLITE"] = str(OUT / "load.sqlite3")
    else:
        env.update(
            PGHOST="127.0.0.1",
            PGPORT=str(PG_PORT),
            PGUSER="dangjian",
            PGPASSWORD="dangjian",
            PGDATABASE="dangjian_load",
            DANGJIAN_DB_REPLICA_HOST="127.0.0.1",
            DANGJIAN_DB_REPLICA_PORT=str(REPLICA_PORT),
        )
    return env


def dangjian(env, *args, **kw):
    return run([str(VENV_BIN / "dangjian"), *args], env=env, **kw)


def prepare(db: str, env: dict, a) -> dict:
    """Migrate, generate the city (once per database), add the load-test logins; returns the plan."""
    ready = OUT / f"{db}.scale"
    info = {}
    dangjian(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    if not ready.exists():
        say(f"{db}: dangjian scale-data --branches {a.branches} --members {a.members}")
        t0 = time.perf_counter()
        dangjian(
            env, "scale-data", "--branches", str(a.branches), "--members", str(a.members), stdout=subprocess.DEVNULL
        )
        info["scale_s"] = round(time.perf_counter() - t0, 1)
        ready.write_text(json.dumps({"branches": a.branches, "members": a.members, **info}))
        if db == "postgres":
            pg_vacuum()
    else:
        info = json.loads(ready.read_text())
    plan_file = OUT / f"plan-{db}.json"
    say(f"{db}: load-test logins (bench/load/setup.py)")
    run([sys.executable, str(HERE / "setup.py"), "--secretaries", str(a.secretaries), "--out", str(plan_file)], env=env)
    return {"plan_file": plan_file, "scale": info}


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite,postgres")
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--time", type=int, default=120, help="seconds of load per database")
    ap.add_argument("--max-requests", type=int, default=60000, help="stop a leg after this many requests")
    ap.add_argument("--branches", type=int, default=2500)
    ap.add_argument("--members", type=int, default=60000)
    ap.add_argument("--secretaries", type=int, default=40)
    ap.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: dangjian serve's 2×CPU+1)")
    ap.add_argument("--saturate", type=int, default=20, help="seconds of the no-think-time leg (0: skip)")
    ap.add_argument("--smoke", action="store_true", help="10 users, 20 s, 5 s saturation")
    ap.add_argument("--fresh", action="store_true", help="regenerate the databases")
    ap.add_argument("--no-readme", action="store_true")
    a = ap.parse_args(argv)
    if a.smoke:
        a.users, a.time, a.saturate = 10, 20, 5
    dbs = [d.strip() for d in a.db.split(",") if d.strip()]
    if any(d not in ("sqlite", "postgres") for d in dbs):
        raise SystemExit("--db 只能是 sqlite、postgres 或两者（逗号分隔）")
    OUT.mkdir(parents=True, exist_ok=True)
    if a.fresh:
        for p in list(OUT.glob("*.scale")) + list(OUT.glob("load.sqlite3*")):
            p.unlink()
    workers = a.workers or 2 * (os.cpu_count() or 1) + 1
    res = {
        "when": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "users": a.users,
        "seconds": a.time,
        "workers": workers,
        "branches": a.branches,
        "members": a.members,
        "secretaries": a.secretaries,
        "smoke": a.smoke,
        "dbs": {},
    }
    sat = {"users": 8, "seconds": a.saturate}

    say("bare Django baseline")
    bare = Server(
        "bare",
        [
            sys.executable,
            str(HERE / "bare" / "serve.py"),
            "--bind",
            f"127.0.0.1:{BARE_PORT}",
            "--workers",
            str(workers),
        ],
        {**os.environ},
        BARE_PORT,
    )
    try:
        res["bare"] = locust(
            "bare", HERE / "locustfile_bare.py", ["Bare"], BARE_PORT, a.users, a.time, max_requests=a.max_requests
        )
        if a.saturate:
            sat["bare"] = locust(
                "bare-saturate",
                HERE / "locustfile_bare.py",
                ["BareSaturate"],
                BARE_PORT,
                8,
                a.saturate,
                max_requests=a.max_requests,
            )
    finally:
        bare.stop()

    pg_started = False
    try:
        for db in dbs:
            if db == "postgres":
                say("PostgreSQL primary :56432 + hot standby :56433")
                pg_start(fresh=a.fresh)
                pg_started = True
            env = app_env(db)
            prep = prepare(db, env, a)
            plan = json.loads(prep["plan_file"].read_text(encoding="utf-8"))
            serve_cmd = [
                str(VENV_BIN / "dangjian"),
                "serve",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                str(workers),
            ]
            app = Server(f"serve-{db}", serve_cmd, env, APP_PORT)
            try:
                login_all(plan, f"http://127.0.0.1:{APP_PORT}")
                prep["plan_file"].write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
                r = locust(
                    f"app-{db}",
                    HERE / "locustfile.py",
                    ["Secretary", "BureauOfficer"],
                    APP_PORT,
                    a.users,
                    a.time,
                    prep["plan_file"],
                    a.max_requests,
                )
                if a.saturate:
                    sat[db] = locust(
                        f"app-{db}-saturate",
                        HERE / "locustfile.py",
                        ["RosterReader"],
                        APP_PORT,
                        8,
                        a.saturate,
                        prep["plan_file"],
                        a.max_requests,
                    )
            finally:
                app.stop()
            r["load_after"] = os.getloadavg()[0]
            r["server"] = server_errors(app.log_text())
            r["describe"] = "SQLite（WAL）" if db == "sqlite" else pg_describe()
            r["scale"] = prep["scale"]
            res["dbs"][db] = r
            agg = aggregate(r)
            say(
                f"{db}: {agg['requests']} requests, {agg['rps']} req/s, p95 {agg['p95']} ms, failures {agg['failures']}, "
                f"5xx {r['server']['http_5xx']}, locked {r['server']['database_is_locked']}"
            )
    finally:
        if pg_started:
            say("stopping PostgreSQL")
            pg_stop()
    if a.saturate:
        res["saturation"] = sat
    RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    if not a.no_readme:
        write_readme(res)
    say(f"written {RESULTS.relative_to(REPO)}" + ("" if a.no_readme else " and bench/README.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
"""

import argparse
import csv
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = REPO / "bench" / "out" / "load"
VENV_BIN = Path(sys.executable).parent
APP_PORT, BARE_PORT = 8100, 8101
PG_PORT, REPLICA_PORT = 56432, 56433
PG_DIR, REPLICA_DIR = Path("/tmp/dangjian-load-pg"), Path("/tmp/dangjian-load-pg-replica")
README = REPO / "bench" / "README.md"
RESULTS = HERE / "results.json"
BEGIN, END = "<!-- load-test:begin -->", "<!-- load-test:end -->"


def say(msg: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {msg}", flush=True)


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, env=env, check=True, **kw)


# ---------------------------------------------------------------- PostgreSQL (throwaway cluster on loopback)


def _pgbin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise SystemExit("没有找到 PostgreSQL（apt-get install postgresql）")
    return found[-1].parent


def _as_pg(*cmd):
    return run(["runuser", "-u", "postgres", "--", *map(str, cmd)], stdout=subprocess.DEVNULL)


def pg_start(fresh: bool) -> None:
    b = _pgbin()
    if fresh:
        pg_stop()
        shutil.rmtree(PG_DIR, ignore_errors=True)
        shutil.rmtree(REPLICA_DIR, ignore_errors=True)
    if not (PG_DIR / "PG_VERSION").exists():
        PG_DIR.mkdir(mode=0o700, exist_ok=True)
        shutil.chown(PG_DIR, "postgres", "postgres")
        _as_pg(b / "initdb", "-D", PG_DIR, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
    opts = f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200"
    _as_pg(b / "pg_ctl", "-D", PG_DIR, "-o", opts, "-w", "-l", PG_DIR / "log", "start")
    psql = [b / "psql", "-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres", "-Atqc"]
    has_role = subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, psql), "SELECT 1 FROM pg_roles WHERE rolname='dangjian'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not has_role:
        _as_pg(*psql, "CREATE ROLE dangjian LOGIN SUPERUSER PASSWORD 'dangjian'")
        _as_pg(*psql, "CREATE DATABASE dangjian_load OWNER dangjian")
    if not (REPLICA_DIR / "PG_VERSION").exists():
        REPLICA_DIR.mkdir(mode=0o700, exist_ok=True)
        shutil.chown(REPLICA_DIR, "postgres", "postgres")
        _as_pg(
            b / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            PG_PORT,
            "-U",
            "postgres",
            "-D",
            REPLICA_DIR,
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
    ropts = f"-p {REPLICA_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c hot_standby=on -c shared_buffers=256MB -c max_connections=200"
    _as_pg(b / "pg_ctl", "-D", REPLICA_DIR, "-o", ropts, "-w", "-l", REPLICA_DIR / "log", "start")


def pg_stop() -> None:
    b = _pgbin()
    for d in (REPLICA_DIR, PG_DIR):
        if (d / "postmaster.pid").exists():
            subprocess.run(
                ["runuser", "-u", "postgres", "--", str(b / "pg_ctl"), "-D", str(d), "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def pg_describe() -> str:
    b = _pgbin()
    v = subprocess.run(
        [
            str(b / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "dangjian",
            "-d",
            "dangjian_load",
            "-Atqc",
            "SHOW server_version",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PGPASSWORD": "dangjian"},
    ).stdout.strip()
    return f"PostgreSQL {v.split()[0] if v else '?'}（主库 + 热备副本）"


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
            run(
                [
                    str(_pgbin() / "psql"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(PG_PORT),
                    "-U",
                    "dangjian",
                    "-d",
                    "dangjian_load",
                    "-qc",
                    "VACUUM ANALYZE",
                ],
                env={**os.environ, "PGPASSWORD": "dangjian"},
            )
    else:
        info = json.loads(ready.read_text())
    plan_file = OUT / f"plan-{db}.json"
    say(f"{db}: load-test logins (bench/load/setup.py)")
    run([sys.executable, str(HERE / "setup.py"), "--secretaries", str(a.secretaries), "--out", str(plan_file)], env=env)
    return {"plan_file": plan_file, "scale": info}


# ---------------------------------------------------------------- servers


class Server:
    def __init__(self, name, cmd, env, port):
        self.name, self.port = name, port
        self.log = OUT / f"{name}.log"
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait()

    def _wait(self):
        import requests

        for _ in range(120):
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} 未能启动，见 {self.log}")
            try:
                requests.get(f"http://127.0.0.1:{self.port}/", timeout=2, allow_redirects=False)
                return
            except requests.RequestException:
                time.sleep(0.5)
        raise SystemExit(f"{self.name} 60 秒内没有响应，见 {self.log}")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # gunicorn's master and its workers: our own process group
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def login_all(plan: dict, base: str) -> None:
    """Log every account in once through the login form; store its cookies in the plan for locust."""
    import requests

    for acc in plan["secretaries"] + plan["officers"]:
        s = requests.Session()
        s.get(f"{base}/login/", timeout=60)
        r = s.post(
            f"{base}/login/",
            data={
                "username": acc["username"],
                "password": plan["password"],
                "csrfmiddlewaretoken": s.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{base}/login/"},
            allow_redirects=False,
            timeout=60,
        )
        if r.status_code != 302 or "/login/" in r.headers.get("Location", ""):
            raise SystemExit(f"登录失败：{acc['username']}（HTTP {r.status_code}）")
        acc["cookies"] = s.cookies.get_dict()


# ---------------------------------------------------------------- locust


def locust(
    name: str,
    locustfile: Path,
    classes: list[str],
    port: int,
    users: int,
    seconds: int,
    plan_file=None,
    max_requests: int = 100000,
) -> dict:
    prefix = OUT / name
    env = {
        **os.environ,
        "LOAD_USERS": str(users),
        "LOAD_MAX_REQUESTS": str(max_requests),
        "LOAD_TODAY": datetime.date.today().isoformat(),
    }
    if plan_file:
        env["LOAD_PLAN"] = str(plan_file)
    spawn = max(1, min(users, 20))
    cmd = [
        str(VENV_BIN / "locust"),
        "-f",
        str(locustfile),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(spawn),
        "-t",
        f"{seconds}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    say(f"locust {name}: {users} users, {seconds} s, at most {max_requests} requests")
    with open(OUT / f"{name}.locust.log", "w") as log:
        subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, check=True, timeout=seconds + 120)
    return read_stats(prefix)


def read_stats(prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8")))

    def num(row, key):
        v = row.get(key, "") or "0"
        return 0 if v == "N/A" else float(v)

    pages = []
    for row in rows:
        pages.append(
            {
                "name": row["Name"],
                "requests": int(num(row, "Request Count")),
                "failures": int(num(row, "Failure Count")),
                "rps": round(num(row, "Requests/s"), 1),
                "p50": num(row, "50%"),
                "p95": num(row, "95%"),
                "p99": num(row, "99%"),
                "mean": round(num(row, "Average Response Time"), 1),
            }
        )
    return {
        "pages": pages,
        "failures": [{"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])} for f in failures],
    }


def server_errors(text: str) -> dict:
    status = re.findall(r'" (\d{3}) ', text)
    return {
        "http_5xx": sum(1 for s in status if s.startswith("5")),
        "database_is_locked": text.count("database is locked"),
    }


# ---------------------------------------------------------------- README


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
    return f"{os.cpu_count()} cores ({cpu}), load average {os.getloadavg()[0]:.1f} at start"


def table(result: dict) -> str:
    out = [
        "| 页面 | 请求数 | 失败 | 请求/秒 | p50 ms | p95 ms | p99 ms | 目标 p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in result["pages"]:
        target = "≤ 300 ms" if p["name"].startswith("书记") else "≤ 1000 ms" if p["name"].startswith("局党委") else "—"
        if p["name"] == "Aggregated":
            name, target = "**合计**", "—"
        else:
            name = p["name"]
        mark = ""
        if target != "—":
            mark = " ✅" if p["p95"] <= (300 if "300" in target else 1000) else " ❌"
        out.append(
            f"| {name} | {p['requests']} | {p['failures']} | {p['rps']} | {p['p50']:.0f} | {p['p95']:.0f}{mark} | "
            f"{p['p99']:.0f} | {target} |"
        )
    return "\n".join(out)


def _agg(result):
    return next(
        (p for p in result["pages"] if p["name"] == "Aggregated"),
        {"rps": 0, "p50": 0, "p95": 0, "p99": 0, "requests": 0, "failures": 0},
    )


def write_readme(res: dict) -> None:
    lines = [
        BEGIN,
        "## 负载测试 / Load test (issue 20)",
        "",
        f"由 `bench/load/run.py` 生成（{res['when']}，{res['machine']}）。{res['users']} 个模拟用户"
        f"（书记:局党委工作人员 = 6:1，书记每次操作后等待 2–6 秒，工作人员 3–10 秒），每个数据库 {res['seconds']} 秒，"
        f"每秒新增 20 个用户；服务器为 `dangjian serve`（gunicorn，{res['workers']} 个同步工作进程，非调试模式），"
        f"负载发生器（locust，单进程）与服务器在同一台 2 核机器上，只连 127.0.0.1。"
        f"数据：`dangjian scale-data --branches {res['branches']} --members {res['members']}`；"
        f"另开 {res['secretaries']} 个支部书记账号和每个区县一个局党委工作人员账号（`bench/load/setup.py`）。",
        "",
        "书记：花名册、本支部组织生活、昨天党员大会的出席登记（打开并保存全体出席）、登记交费（打开并为一名党员交一个月）、"
        "待办；局党委工作人员（各区县与全市）：工作看板、结构统计、党内统计 .xlsx、待办。每个账号在计时前通过登录页登录一次"
        "（口令哈希每次约 0.5 秒 CPU），几个模拟用户共用一个账号的会话，交费时各自交不同党员的月份。"
        "成功只算 200（保存后 302）；响应或服务器日志中出现 “database is locked” 单独计数。",
        "",
    ]
    if res.get("smoke"):
        lines += ["**这是冒烟运行（--smoke），数字不代表容量。**", ""]
    b = res.get("bare")
    if b:
        ba = _agg(b)
        lines += [
            "### 基准：最小 Django 应用（同一 gunicorn 设置，`bench/load/bare/`）",
            "",
            f"同样 {res['users']} 个用户、等待 2–6 秒：{ba['rps']} 请求/秒，p50 {ba['p50']:.0f} ms，p95 {ba['p95']:.0f} ms，"
            f"p99 {ba['p99']:.0f} ms，失败 {ba['failures']}。",
            "",
        ]
    for db in res["dbs"]:
        r = res["dbs"][db]
        a = _agg(r)
        lines += [
            f"### {r['describe']}",
            "",
            f"合计 {a['requests']} 个请求，{a['rps']} 请求/秒，失败 {a['failures']}；服务器日志：HTTP 5xx {r['server']['http_5xx']} 次，"
            f"“database is locked” {r['server']['database_is_locked']} 次。负载结束时一分钟平均负载 {r.get('load_after', 0):.1f}"
            f"（其他进程也在用这 2 个核时，数字偏慢）。",
            "",
            table(r),
            "",
        ]
        if b and _agg(b)["rps"]:
            offered = _agg(b)["rps"]
            lines += [
                f"同样的用户和等待时间，最小应用每秒收到 {offered} 个请求（即这一组用户的请求速率）；本系统每秒处理 {a['rps']} 个"
                f"（{a['rps'] / offered:.2f}×）。"
                + (
                    "低于请求速率时服务器已饱和，各页的时间主要是排队（5 个工作进程全忙，"
                    "慢页——待办、工作看板、党内统计——占住进程），所以各页 p50 接近。"
                    if a["rps"] < 0.9 * offered
                    else ""
                ),
                "",
            ]
        if r["failures"]:
            lines += [
                "失败：" + "；".join(f"{f['name']}：{f['error']}（{f['count']} 次）" for f in r["failures"][:8]),
                "",
            ]
    sat = res.get("saturation")
    if sat:
        lines += [
            f"### 饱和吞吐（{sat['users']} 个用户、不等待、各 {sat['seconds']} 秒）",
            "",
            "| 目标 | 请求/秒 | p50 ms | p95 ms | 相对基准 |",
            "|---|---|---|---|---|",
        ]
        base = _agg(sat["bare"])["rps"] or 1
        lines.append(
            f"| 最小 Django 页面 | {_agg(sat['bare'])['rps']} | {_agg(sat['bare'])['p50']:.0f} | {_agg(sat['bare'])['p95']:.0f} | 1.00× |"
        )
        for db, r in sat.items():
            if db in ("bare", "users", "seconds"):
                continue
            a = _agg(r)
            lines.append(
                f"| 书记花名册页（{db}） | {a['rps']} | {a['p50']:.0f} | {a['p95']:.0f} | {a['rps'] / base:.2f}× |"
            )
        lines.append("")
    lines += [
        "怎么运行：`pip install -e '.[bench]'`（装 locust），然后 `.venv/bin/python bench/load/run.py`"
        "（默认两个数据库、200 个用户、120 秒；`--smoke` 为 10 个用户 20 秒；`--db sqlite`；`--fresh` 重新生成数据）。"
        "PostgreSQL 由脚本在 56432/56433 端口临时建立主库和热备（`pg_basebackup -R`），结束时停止；需要以 root 运行"
        "（用 postgres 用户建集群）。原始数字：`bench/load/results.json`，locust 的 CSV 与服务器日志在 `bench/out/load/`。",
        END,
    ]
    text = README.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda m: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


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
            agg = _agg(r)
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

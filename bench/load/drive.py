"""The processes of one load-test leg: the server under test (gunicorn, its own process group), the logins made
once before the timed run, and locust headless with its CSV figures read back."""

import csv
import datetime
import os
import re
import signal
import subprocess
import time
from pathlib import Path

from shell import OUT, VENV_BIN, say


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

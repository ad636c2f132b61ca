"""The load test's simulated users (locust). Started by bench/load/run.py, headless, against 127.0.0.1 only.

run.py logs every account in once through the login form before the timed run (a login hashes the password,
which costs ~0.5 s of CPU; two hundred of them would be a test of PBKDF2) and hands the cookies over in
LOAD_PLAN (a JSON file): several simulated users share one account, like a secretary with two tabs open.

Secretaries (weight 6) work in their own branch: the roster, the branch's meetings, the attendance form of the
meeting held yesterday (open it, save everyone present), the dues form (open it, record one member's month),
the to-do list. Bureau officers (weight 1) read: the dashboard, the composition statistics, the statistics
workbook and their to-do list. Every response must be 200 (302 after a saved form) and must not be an error
page; the text "database is locked" anywhere fails the request by name.
"""

import itertools
import json
import os
from urllib.parse import urlsplit

from locust import HttpUser, between, constant, events, task

PLAN = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
_sec_slot = itertools.count()
_bur_slot = itertools.count()
LOCKED = "database is locked"
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "100000"))  # a hard bound besides the run time


@events.test_start.add_listener
def _only_loopback(environment, **kw):
    host = urlsplit(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"load test targets loopback only, not {host!r}")


@events.request.add_listener
def _bound(**kw):
    _bound.count = getattr(_bound, "count", 0) + 1
    if _bound.count == MAX_REQUESTS and _bound.env is not None and _bound.env.runner is not None:
        _bound.env.runner.quit()


@events.init.add_listener
def _keep_env(environment, **kw):
    _bound.env = environment


_bound.env = None


class _Base(HttpUser):
    abstract = True

    def _login(self, account: dict) -> None:
        for name, value in account["cookies"].items():
            self.client.cookies.set(name, value)
        self.csrf = account["cookies"].get("csrftoken", "")

    def _get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            self._judge(r, ok=(200,))

    def _post(self, url: str, data: dict, name: str):
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        with self.client.post(
            url,
            data=data,
            name=name,
            catch_response=True,
            allow_redirects=False,
            headers={"X-CSRFToken": self.csrf, "Referer": self.host + url},
        ) as r:
            self._judge(r, ok=(302,))

    @staticmethod
    def _judge(r, ok):
        body = r.text if r.headers.get("Content-Type", "").startswith(("text/", "application/json")) else ""
        if LOCKED in body:
            r.failure(LOCKED)
        elif r.status_code not in ok:
            r.failure(
                f"HTTP {r.status_code}" + (f" → {r.headers.get('Location')}" if r.status_code in (301, 302) else "")
            )
        else:
            r.success()


class Secretary(_Base):
    weight = 6
    wait_time = between(2, 6)

    def on_start(self):
        n = next(_sec_slot)
        accounts = PLAN["secretaries"]
        self.account = accounts[n % len(accounts)]
        self._login(self.account)
        self.code = self.account["org"]
        # Users sharing an account take disjoint members for the dues form, so no two pay the same month.
        share, lanes = n // len(accounts), max(1, -(-int(os.environ.get("LOAD_USERS", "200")) // len(accounts)))
        people = [p for i, p in enumerate(self.account["people"]) if i % lanes == share % lanes]
        owed = self.account["owed"]
        self.to_pay = [(p, m) for p in people for m in owed.get(str(p), [])]

    @task(4)
    def roster(self):
        self._get(f"/orgs/{self.code}/roster/", "书记 花名册")

    @task(2)
    def meetings(self):
        self._get(f"/meetings/org/{self.code}/", "书记 组织生活")

    @task(1)
    def attendance(self):
        pk = self.account["meeting"]
        self._get(f"/meetings/{pk}/attendance/", "书记 出席登记（打开）")
        data = {"person": self.account["people"]}
        data.update({f"status_{p}": "present" for p in self.account["people"]})
        self._post(f"/meetings/{pk}/attendance/", data, "书记 出席登记（保存）")

    @task(1)
    def dues(self):
        month = PLAN["months"][-1]
        if not self.to_pay:
            self._get(f"/dues/org/{self.code}/pay/?month={month}", "书记 党费交纳（打开）")
            return
        person, month = self.to_pay.pop(0)
        self._get(f"/dues/org/{self.code}/pay/?month={month}", "书记 党费交纳（打开）")
        key = month.replace("-", "")
        self._post(
            f"/dues/org/{self.code}/pay/?month={month}",
            {
                "month": month,
                "paid_on": os.environ.get("LOAD_TODAY", ""),
                "method": "cash",
                "confirm_catch_up": "on",
                f"p{person}-{key}": "on",
            },
            "书记 党费交纳（保存）",
        )

    @task(2)
    def todo(self):
        self._get("/todo/", "书记 待办")


class BureauOfficer(_Base):
    weight = 1
    wait_time = between(3, 10)

    def on_start(self):
        accounts = PLAN["officers"]
        self.account = accounts[next(_bur_slot) % len(accounts)]
        self._login(self.account)
        self.code, self.year = self.account["org"], PLAN["year"]

    @task(3)
    def dashboard(self):
        self._get(f"/reports/org/{self.code}/dashboard/{self.year}/", "局党委 工作看板")

    @task(3)
    def stats(self):
        self._get(f"/orgs/{self.code}/stats/", "局党委 结构统计")

    @task(1)
    def report(self):
        self._get(f"/reports/org/{self.code}/statistics/{self.year}.xlsx", "局党委 党内统计 .xlsx")

    @task(1)
    def todo(self):
        self._get("/todo/", "局党委 待办")


class RosterReader(_Base):
    """Saturation leg: a secretary reading the roster with no think time (compared with the bare page)."""

    wait_time = constant(0)

    def on_start(self):
        accounts = PLAN["secretaries"]
        self.account = accounts[next(_sec_slot) % len(accounts)]
        self._login(self.account)

    @task
    def roster(self):
        self._get(f"/orgs/{self.account['org']}/roster/", "书记 花名册（无等待）")


class SecretaryPagesReader(_Base):
    """Saturation leg over every secretary page that only reads (roster, meetings, attendance form, dues form,
    to-do), no think time: where the time beyond the bare page goes, page by page (bench/README.md, session 5)."""

    wait_time = constant(0)

    def on_start(self):
        accounts = PLAN["secretaries"]
        self.account = accounts[next(_sec_slot) % len(accounts)]
        self._login(self.account)
        self.code = self.account["org"]

    @task(4)
    def roster(self):
        self._get(f"/orgs/{self.code}/roster/", "书记 花名册（无等待）")

    @task(2)
    def meetings(self):
        self._get(f"/meetings/org/{self.code}/", "书记 组织生活（无等待）")

    @task(1)
    def attendance(self):
        self._get(f"/meetings/{self.account['meeting']}/attendance/", "书记 出席登记（打开，无等待）")

    @task(1)
    def dues(self):
        self._get(f"/dues/org/{self.code}/pay/", "书记 党费交纳（打开，无等待）")

    @task(1)
    def todo(self):
        self._get("/todo/", "书记 待办（无等待）")

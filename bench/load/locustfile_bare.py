"""The bare-Django baseline's simulated users: the same think times as the app's secretaries (locustfile.py),
or none in the saturation leg (BareSaturate)."""

import os
from urllib.parse import urlsplit

from locust import HttpUser, between, constant, events, task

MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "100000"))
_seen = {"n": 0, "env": None}


@events.init.add_listener
def _keep_env(environment, **kw):
    _seen["env"] = environment


@events.test_start.add_listener
def _only_loopback(environment, **kw):
    host = urlsplit(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"load test targets loopback only, not {host!r}")


@events.request.add_listener
def _bound(**kw):
    _seen["n"] += 1
    if _seen["n"] == MAX_REQUESTS and _seen["env"] is not None and _seen["env"].runner is not None:
        _seen["env"].runner.quit()


class Bare(HttpUser):
    wait_time = between(2, 6)

    @task
    def page(self):
        with self.client.get("/", name="bare 小页面", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")


class BareSaturate(Bare):
    wait_time = constant(0)

    @task
    def page(self):
        self.client.get("/", name="bare 小页面（无等待）")

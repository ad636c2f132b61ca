"""The root org's roster page (first page, with the total count), as the city bureau officer sees it.

Server time = time around Client.get (URL routing, middleware, session, queries, template), no network.
"""

import re
import time

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from .timing import sample


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def measure(code: str, *, username: str, runs: int, warmup: int) -> dict:
    client = _client(username)
    url = f"/orgs/{code}/roster/"

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    get()
    log = _queries(get)
    body = get().content.decode()
    shown = re.search(r'id="roster-total">(\d+)<', body)
    out = sample(get, runs=runs, warmup=warmup)
    out.update(
        {
            "url": url,
            "user": username,
            "total_shown": int(shown.group(1)) if shown else None,
            "queries": len(log),
            "sql_ms": round(sum(t for t, _ in log), 1),
            "slowest_query_ms": round(max((t for t, _ in log), default=0.0), 1),
        }
    )
    return out


def _queries(fn) -> list[tuple[float, str]]:
    """(milliseconds, sql) of every query fn runs (request_started resets connection.queries, so wrap)."""
    log = []

    def wrapper(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            log.append(((time.perf_counter() - t0) * 1000, sql))

    with connection.execute_wrapper(wrapper):
        fn()
    return log


def explain(code: str, *, username: str) -> list[str]:
    """The SQL of one roster request, for investigating slow pages (printed with --explain)."""
    client = _client(username)
    client.get(f"/orgs/{code}/roster/")
    return [f"{t:8.1f} ms  {sql[:600]}" for t, sql in _queries(lambda: client.get(f"/orgs/{code}/roster/"))]

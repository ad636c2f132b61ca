"""The read replica: a real PostgreSQL hot standby (CI starts one with pg_basebackup -R), the router that
sends the read-only report pages to it, read-your-writes, and falling back to the primary when it is gone.

Three kinds of tests:
- the standby itself, through plain psycopg connections to the real `dangjian` database (a scratch table),
  outside Django's test database: replication works and the standby refuses writes;
- the router and the pages on PostgreSQL with the replica configured: TransactionTestCase-style tests (real
  commits, so the standby replays them) that read the test database on the standby;
- settings parsing and the router's inertness without a replica, which run everywhere.

Without a standby the first two kinds skip on a developer machine; with CI=true on PostgreSQL they fail.
"""

import datetime
import json
import os
import re
import socket
import time
import uuid
import warnings
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from dangjian import settings as project_settings
from dangjian.core import dbrouter
from dangjian.orgs.models import Org

ON_POSTGRES = os.environ.get("DJANGO_DB", "sqlite") == "postgres"
STANDBY_CONFIGURED = bool(os.environ.get("DANGJIAN_DB_REPLICA_HOST") or os.environ.get("DANGJIAN_DB_REPLICA_URL"))
ROUTED = "replica" in settings.DATABASES
YEAR = 2026


def _libpq(db: dict) -> dict:
    return {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "dbname": db["NAME"],
    }


# The real databases (not the test database): the primary from the same PG* variables settings reads,
# the standby as settings derives it from DANGJIAN_DB_REPLICA_*.
PRIMARY_REAL = {
    "HOST": os.environ.get("PGHOST", "127.0.0.1"),
    "PORT": os.environ.get("PGPORT", "5432"),
    "USER": os.environ.get("PGUSER", "dangjian"),
    "PASSWORD": os.environ.get("PGPASSWORD", "dangjian"),
    "NAME": os.environ.get("PGDATABASE", "dangjian"),
}
STANDBY_REAL = project_settings._replica_database(PRIMARY_REAL) if STANDBY_CONFIGURED else None


def _require_standby():
    if STANDBY_CONFIGURED:
        return
    if os.environ.get("CI") == "true" and ON_POSTGRES:
        pytest.fail("CI=true 且 DJANGO_DB=postgres，但未配置只读副本（DANGJIAN_DB_REPLICA_HOST/PORT），见 .ci/run")
    pytest.skip("no read replica configured (DANGJIAN_DB_REPLICA_HOST)")


def _require_routing():
    _require_standby()
    if not ROUTED:
        pytest.skip("the replica is used only with DJANGO_DB=postgres")


def _connect(db: dict, **kw):
    import psycopg

    return psycopg.connect(**_libpq(db), connect_timeout=5, **kw)


def _poll(predicate, seconds=15.0):
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def _without_csrf(html: str) -> str:
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", html)  # the masked CSRF token differs on every page


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the standby itself (plain psycopg, the real `dangjian` database) ----------------------------------------


@contextmanager
def _scratch_table():
    """A table in the real `dangjian` database, created on the primary and dropped afterwards."""
    table = f"replica_probe_{uuid.uuid4().hex[:12]}"
    with _connect(PRIMARY_REAL, autocommit=True) as primary:
        primary.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text NOT NULL)")
        try:
            yield primary, table
        finally:
            primary.execute(f"DROP TABLE {table}")


def test_a_row_committed_on_the_primary_is_read_back_from_the_standby():
    _require_standby()
    marker = f"支部-{uuid.uuid4().hex}"
    with _scratch_table() as (primary, table), _connect(STANDBY_REAL, autocommit=True) as standby:
        assert standby.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True
        primary.execute(f"INSERT INTO {table} VALUES (1, %s)", [marker])

        def replayed():
            exists = standby.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()[0]
            return exists and standby.execute(f"SELECT name FROM {table} WHERE id = 1").fetchone()

        assert _poll(replayed) == (marker,)


def test_the_standby_refuses_writes():
    _require_standby()
    import psycopg

    with _scratch_table() as (primary, table), _connect(STANDBY_REAL, autocommit=True) as standby:
        assert _poll(lambda: standby.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()[0])
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction, match="read-only transaction"):
            standby.execute(f"INSERT INTO {table} VALUES (1, 'x')")
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            standby.execute("CREATE TABLE replica_must_not_exist (id int)")
        assert primary.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


# --- the router and the pages, on the real standby ---------------------------------------------------------


@contextmanager
def _replica_at(port):
    """Point the replica alias somewhere else for the block (a closed port: the standby is down)."""
    conn = connections["replica"]
    old = conn.settings_dict["PORT"]
    conn.close()
    conn.settings_dict["PORT"] = str(port)
    dbrouter.reset_health()
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["PORT"] = old
        dbrouter.reset_health()


def _wait_replayed():
    with connections["default"].cursor() as cur:
        cur.execute("SELECT pg_current_wal_lsn()")
        lsn = cur.fetchone()[0]

    def caught_up():
        with connections["replica"].cursor() as cur:
            cur.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            return cur.fetchone()[0]

    assert _poll(caught_up), "the standby did not replay the test's writes within 15 s"


@pytest.fixture
def standby_world(request):
    """The shared personas, committed (so the standby replays them), with the replica alias on the real standby."""
    _require_routing()
    request.getfixturevalue("transactional_db")
    world = request.getfixturevalue("world")
    replica = connections["replica"]
    # The test mirror shares the primary's test database name; host and port stay the standby's.
    assert replica.settings_dict["NAME"] == connections["default"].settings_dict["NAME"]
    assert (replica.settings_dict["HOST"], str(replica.settings_dict["PORT"])) == (
        STANDBY_REAL["HOST"],
        str(STANDBY_REAL["PORT"]),
    )
    with replica.cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        assert cur.fetchone()[0] is True
    dbrouter.reset_health()
    _wait_replayed()
    yield world
    replica.close()  # no session left on the standby when the primary truncates the tables
    dbrouter.reset_health()


# Real commits (the standby replays them); "replica" only where it is an alias (else the fixture skips or fails).
replica_test = pytest.mark.django_db(transaction=True, databases=["default", "replica"] if ROUTED else ["default"])


def _dashboard_numbers(client, code="BUREAU"):
    resp = client.get(f"/api/v1/reports/org/{code}/dashboard/{YEAR}/")
    assert resp.status_code == 200, resp.content.decode()[:500]
    body = resp.json()
    return {r["code"]: {k: r[k] for k in body["columns"]} for r in body["rows"]}, body["totals"]


@replica_test
def test_the_router_sends_only_replica_reads_to_the_standby(standby_world):
    router = dbrouter.ReplicaRouter()
    assert router.db_for_read(Org) == "default"  # outside replica_reads()
    with dbrouter.replica_reads():
        assert router.db_for_read(Org) == "replica"
        assert router.db_for_write(Org) == "default"
        assert Org.objects.get(code="BRA").name == "飞龙中学党支部"  # read on the standby
        with transaction.atomic():  # a transaction reads its own writes
            assert router.db_for_read(Org) == "default"
        token = dbrouter._pinned.set(True)  # the user has just written
        try:
            assert router.db_for_read(Org) == "default"
        finally:
            dbrouter._pinned.reset(token)
        dbrouter.mark_unhealthy("test")
        assert router.db_for_read(Org) == "default"
    assert router.allow_migrate("default", "orgs") is True
    assert router.allow_migrate("replica", "orgs") is False


@replica_test
def test_the_dashboard_reads_the_standby_and_shows_the_primarys_numbers(standby_world, client):
    w = standby_world
    client.force_login(w.bob)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        numbers, totals = _dashboard_numbers(client)
        page = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/")
    assert page.status_code == 200
    assert len(on_replica.captured_queries) > 0
    # The world fixture: branch BRA has 王芳 and 丁伟 (two members).
    assert numbers["BRA"]["members"] == 2
    # The same question asked of the primary alone.
    with override_settings(DANGJIAN_REPLICA_MAX_LAG_SECONDS=-1):  # no replica is ever healthy enough
        dbrouter.reset_health()
        with CaptureQueriesContext(connections["replica"]) as none:
            assert _dashboard_numbers(client) == (numbers, totals)
        # the health check itself asked the standby; no page query did
        assert all("pg_is_in_recovery" in q["sql"] for q in none.captured_queries)


@replica_test
def test_a_stopped_replica_changes_nothing_the_user_sees(standby_world, client):
    w = standby_world
    client.force_login(w.bob)
    numbers = _dashboard_numbers(client)
    page = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/").content.decode()
    with _replica_at(_closed_port()):
        assert _dashboard_numbers(client) == numbers
        resp = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/")
        assert resp.status_code == 200
        assert _without_csrf(resp.content.decode()) == _without_csrf(page)
        assert client.get("/todo/").status_code == 200
        assert client.get("/orgs/BRA/stats/").status_code == 200
        client.force_login(w.admin)
        status = client.get("/status/").content.decode()
        assert "只读副本不可用，读操作已改用主库" in status


@replica_test
def test_a_replica_that_stops_after_its_health_check_costs_the_user_nothing(standby_world, client):
    client.force_login(standby_world.bob)
    numbers = _dashboard_numbers(client)
    assert dbrouter.replica_health().ok  # cached as healthy ...
    conn = connections["replica"]
    old = conn.settings_dict["PORT"]
    conn.close()
    conn.settings_dict["PORT"] = str(_closed_port())  # ... and then it stops: the next query fails
    try:
        assert _dashboard_numbers(client) == numbers  # the view ran again on the primary
        assert not dbrouter.replica_health().ok
    finally:
        conn.close()
        conn.settings_dict["PORT"] = old


@replica_test
def test_after_saving_the_user_reads_the_primary_for_a_few_seconds(standby_world, client):
    import time_machine

    client.force_login(standby_world.bob)
    resp = client.post("/todo/calendar-token/")  # any successful write
    assert resp.status_code == 302 and dbrouter.COOKIE in resp.cookies
    assert resp.cookies[dbrouter.COOKIE]["httponly"]
    with CaptureQueriesContext(connections["replica"]) as soon:
        _dashboard_numbers(client)
    assert not [q for q in soon.captured_queries if "pg_is_in_recovery" not in q["sql"]]
    with time_machine.travel(datetime.timedelta(seconds=settings.DANGJIAN_READ_YOUR_WRITES_SECONDS + 1)):
        with CaptureQueriesContext(connections["replica"]) as later:
            _dashboard_numbers(client)
    assert [q for q in later.captured_queries if "pg_is_in_recovery" not in q["sql"]]
    # A refused write (a 4xx) does not pin the browser to the primary.
    client.cookies.pop(dbrouter.COOKIE)
    bad = client.post("/api/v1/orgs/", data="{}", content_type="application/json")
    assert bad.status_code >= 400 and dbrouter.COOKIE not in bad.cookies


@replica_test
def test_the_status_page_reports_the_replica_and_its_lag(standby_world, client):
    client.force_login(standby_world.alice)
    assert client.get("/status/").status_code == 403
    client.force_login(standby_world.admin)
    html = client.get("/status/").content.decode()
    assert "只读副本：正常（延迟 " in html and " 秒）" in html


@replica_test
def test_a_standby_too_far_behind_is_not_read(standby_world):
    """Pause replay on the standby, commit on the primary: the standby's lag grows past the limit."""
    standby = _connect(STANDBY_REAL, autocommit=True)
    try:
        standby.execute("SELECT pg_wal_replay_pause()")
        with connections["default"].cursor() as cur:
            cur.execute("UPDATE orgs_org SET name = name WHERE code = 'BRA'")

        def behind():
            return standby.execute("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()").fetchone()[0]

        assert _poll(behind)
        time.sleep(1.2)
        with override_settings(DANGJIAN_REPLICA_MAX_LAG_SECONDS=1):
            health = dbrouter.check_replica()
            assert not health.ok and health.lag > 1
            assert health.text.startswith("只读副本不可用，读操作已改用主库（延迟 ")
            dbrouter.reset_health()
            with dbrouter.replica_reads():
                assert dbrouter.ReplicaRouter().db_for_read(Org) == "default"
    finally:
        standby.execute("SELECT pg_wal_replay_resume()")
        standby.close()
    assert _poll(lambda: dbrouter.check_replica().ok)


@replica_test
def test_the_stats_command_reads_the_standby(standby_world, capsys):
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        call_command("stats", "--org", "BRA", "--json")
    via_replica = json.loads(capsys.readouterr().out)
    assert [q for q in on_replica.captured_queries if "pg_is_in_recovery" not in q["sql"]]
    with _replica_at(_closed_port()):
        call_command("stats", "--org", "BRA", "--json")
    assert json.loads(capsys.readouterr().out) == via_replica
    assert via_replica["total"] == 2  # 王芳 and 丁伟


# --- everywhere: settings and inertness ----------------------------------------------------------------------


def _replica_from_env(monkeypatch, **env):
    for name in ("DANGJIAN_DB_REPLICA_URL", "DANGJIAN_DB_REPLICA_HOST", "DANGJIAN_DB_REPLICA_PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    primary = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "dangjian",
        "USER": "dangjian",
        "PASSWORD": "secret",
        "HOST": "db1.school",
        "PORT": "5432",
    }
    return project_settings._replica_database(primary)


def test_replica_settings_from_host_and_port_or_a_url(monkeypatch):
    assert _replica_from_env(monkeypatch) is None
    host = _replica_from_env(monkeypatch, DANGJIAN_DB_REPLICA_HOST="db2.school", DANGJIAN_DB_REPLICA_PORT="5433")
    assert {k: host[k] for k in ("HOST", "PORT", "NAME", "USER", "PASSWORD")} == {
        "HOST": "db2.school",
        "PORT": "5433",
        "NAME": "dangjian",
        "USER": "dangjian",
        "PASSWORD": "secret",
    }
    assert host["TEST"] == {"MIRROR": "default"}
    same_port = _replica_from_env(monkeypatch, DANGJIAN_DB_REPLICA_HOST="db2.school")
    assert same_port["PORT"] == "5432"
    # RFC 3986 percent-encoding, as libpq reads a connection URI: %40 is "@", %2F is "/".
    url = _replica_from_env(monkeypatch, DANGJIAN_DB_REPLICA_URL="postgresql://ro%40user:p%2Fss@10.1.2.3:6432/dj_ro")
    assert {k: url[k] for k in ("HOST", "PORT", "NAME", "USER", "PASSWORD")} == {
        "HOST": "10.1.2.3",
        "PORT": "6432",
        "NAME": "dj_ro",
        "USER": "ro@user",
        "PASSWORD": "p/ss",
    }
    bare = _replica_from_env(monkeypatch, DANGJIAN_DB_REPLICA_URL="postgres://db3.school")
    assert (bare["HOST"], bare["PORT"], bare["NAME"], bare["USER"]) == ("db3.school", "5432", "dangjian", "dangjian")
    with pytest.raises(RuntimeError, match="DANGJIAN_DB_REPLICA_URL 应为 postgresql://"):
        _replica_from_env(monkeypatch, DANGJIAN_DB_REPLICA_URL="mysql://db3.school/x")


@contextmanager
def _without_replica():
    if not ROUTED:
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Overriding setting DATABASES can lead to unexpected behavior"
        with override_settings(DATABASES={"default": settings.DATABASES["default"]}):
            yield


def test_without_a_replica_the_router_is_inert_and_sets_no_cookie(world, client):
    with _without_replica():
        router = dbrouter.ReplicaRouter()
        with dbrouter.replica_reads():
            assert router.db_for_read(Org) is None and router.db_for_write(Org) is None
        assert router.allow_migrate("default", "orgs") is True
        client.force_login(world.bob)
        resp = client.post("/todo/calendar-token/")
        assert resp.status_code == 302 and dbrouter.COOKIE not in resp.cookies
        numbers, _ = _dashboard_numbers(client)
        assert numbers["BRA"]["members"] == 2
        client.force_login(world.admin)
        assert "未配置只读副本，所有读写都在主库" in client.get("/status/").content.decode()


def test_the_status_page_is_for_the_administrator_only(world, client):
    client.force_login(world.bob)
    resp = client.get("/status/")
    assert resp.status_code == 403 and "只有系统管理员可以查看系统状态" in resp.content.decode()

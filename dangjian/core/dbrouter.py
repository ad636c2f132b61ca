"""Read replica routing: the read-only report pages may read from a PostgreSQL hot standby.

The rule, in one place:
- Only code run inside ``replica_reads()`` may read from the replica: the dashboards, statistics, report
  downloads, the to-do centre, their API endpoints and the ``stats`` command (each marked with the decorator).
  Everything else — every write, every page that writes, sessions, logins — uses the primary ("default").
- Even there, reads go to the primary when
  * no replica is configured (SQLite, or PostgreSQL without DANGJIAN_DB_REPLICA_*): the router is inert;
  * the request is not GET/HEAD, or the primary connection is inside a transaction (a transaction reads
    its own writes; this also keeps TestCase-style tests, which run inside one, on the primary);
  * the user wrote something in the last DANGJIAN_READ_YOUR_WRITES_SECONDS (ReadYourWrites middleware):
    after saving, the next pages show what was saved even if the standby has not replayed it yet;
  * the replica is unreachable or lags more than DANGJIAN_REPLICA_MAX_LAG_SECONDS (checked at most every
    HEALTH_TTL seconds per process), or a query on it failed during this view (the view is run again on
    the primary, so a standby that stops mid-request costs the user nothing).
- Migrations run only on the primary; the standby gets the schema by replication.
"""

import contextvars
import functools
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import InterfaceError, OperationalError, connections

from dangjian.lib import clock

log = logging.getLogger("dangjian.dbrouter")

PRIMARY = "default"
REPLICA = "replica"
HEALTH_TTL = 5.0  # seconds a health verdict is reused (per process)
COOKIE = "dangjian_wrote"  # signed time of the user's last successful write
COOKIE_SALT = "dangjian.core.dbrouter.read-your-writes"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_allowed = contextvars.ContextVar("dangjian_replica_reads_allowed", default=False)
_pinned = contextvars.ContextVar("dangjian_replica_pinned_to_primary", default=False)
_used = contextvars.ContextVar("dangjian_replica_used", default=None)  # a one-item list while a view runs


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def max_lag() -> float:
    return float(getattr(settings, "DANGJIAN_REPLICA_MAX_LAG_SECONDS", 30))


def read_your_writes_seconds() -> float:
    return float(getattr(settings, "DANGJIAN_READ_YOUR_WRITES_SECONDS", 5))


# --- health ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    ok: bool
    lag: float | None  # seconds behind the primary; None when unknown or unreachable
    reason: str  # Chinese, for the status page; "" when ok

    @property
    def text(self) -> str:
        if not replica_configured():
            return "未配置只读副本，所有读写都在主库"
        if self.ok:
            return f"只读副本：正常（延迟 {self.lag:.1f} 秒）"
        return f"只读副本不可用，读操作已改用主库（{self.reason}）"


# Replay lag as the standby sees it: 0 when everything received has been replayed (an idle primary sends
# nothing, so the last replayed transaction can be old without any lag); NULL when it cannot be told.
LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""

_health_lock = threading.Lock()
_health_cache: tuple[float, Health] | None = None


def check_replica() -> Health:
    """Ask the standby itself (uncached). Never raises: any failure is a reason to read from the primary."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            _in_recovery, lag = cursor.fetchone()
    except Exception as exc:  # unreachable, refused, wrong password, or a test that did not ask for it
        try:
            connections[REPLICA].close()
        except Exception:
            pass
        log.warning("read replica unavailable: %s", str(exc).strip().splitlines()[0] if str(exc).strip() else exc)
        return Health(False, None, "无法连接")
    if lag is None:
        return Health(False, None, "延迟未知")
    lag = max(float(lag), 0.0)
    if lag > max_lag():
        log.warning("read replica lags %.1f s (limit %.0f s)", lag, max_lag())
        return Health(False, lag, f"延迟 {lag:.1f} 秒，超过 {max_lag():g} 秒")
    return Health(True, lag, "")


def replica_health(*, refresh: bool = False) -> Health:
    """The cached verdict (HEALTH_TTL seconds), checking again when it is stale or refresh is asked."""
    global _health_cache
    with _health_lock:
        cached = _health_cache
        if not refresh and cached and time.monotonic() - cached[0] < HEALTH_TTL:
            return cached[1]
        health = check_replica()
        _health_cache = (time.monotonic(), health)
        return health


def mark_unhealthy(reason: str) -> None:
    global _health_cache
    with _health_lock:
        _health_cache = (time.monotonic(), Health(False, None, reason))


def reset_health() -> None:
    """Forget the cached verdict (tests; after changing the replica's address)."""
    global _health_cache
    with _health_lock:
        _health_cache = None


# --- the context ----------------------------------------------------------------------------------------


class _ReplicaReads:
    def __enter__(self):
        self._token = _allowed.set(True)
        return self

    def __exit__(self, *exc):
        _allowed.reset(self._token)
        return False


def replica_reads(view=None):
    """``with replica_reads():`` lets the reads in the block use the replica; ``@replica_reads`` on a
    read-only view does the same for its GET/HEAD requests and runs it again on the primary if a query on
    the replica failed."""
    if view is None:
        return _ReplicaReads()

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            return view(request, *args, **kwargs)
        return call_with_replica(view, request, *args, **kwargs)

    return wrapped


def call_with_replica(fn, *args, **kwargs):
    """fn(*args, **kwargs) with replica reads allowed; if a query on the replica fails, once more on the primary."""
    used = [False]
    token = _used.set(used)
    try:
        with _ReplicaReads():
            return fn(*args, **kwargs)
    except (OperationalError, InterfaceError) as exc:
        # A standby that stopped, or a query it cancelled because of a conflict with recovery (psycopg's
        # SerializationFailure is an OperationalError). Only when the replica was read: the view only read,
        # so running it again on the primary is safe.
        if not used[0]:
            raise
        log.warning("query on the read replica failed, retrying on the primary: %s", str(exc).strip()[:200])
        mark_unhealthy("查询失败")
        try:
            connections[REPLICA].close()
        except Exception:
            pass
    finally:
        _used.reset(token)
    return fn(*args, **kwargs)


# --- the router -----------------------------------------------------------------------------------------


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if not _allowed.get() or _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if not replica_health().ok:
            return PRIMARY
        used = _used.get()
        if used is not None:
            used[0] = True
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY if replica_configured() else None

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases are the same database; objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


# --- read your writes -----------------------------------------------------------------------------------


class ReadYourWrites:
    """After a successful write (a non-GET request answered below 400), the same browser reads from the
    primary for DANGJIAN_READ_YOUR_WRITES_SECONDS: the time of the write travels in a signed cookie, so it
    works across processes and needs no session (API clients with a cookie jar get it too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _pinned.set(self._wrote_recently(request))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            window = read_your_writes_seconds()
            response.set_signed_cookie(
                COOKIE,
                f"{clock.now().timestamp():.3f}",
                salt=COOKIE_SALT,
                max_age=max(int(window) + 1, 1),
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        return response

    @staticmethod
    def _wrote_recently(request) -> bool:
        try:
            wrote = float(request.get_signed_cookie(COOKIE, salt=COOKIE_SALT))
        except (KeyError, signing.BadSignature, ValueError):
            return False
        age = clock.now().timestamp() - wrote
        return age < read_your_writes_seconds()

"""The dedicated benchmark database: a SQLite file under bench/out/ or PostgreSQL database dangjian_bench.

configure() must run before django.setup(); it sets the environment the settings read, and the same
environment is handed to subprocesses (the import command) so they use the same database.
"""

import os
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SQLITE_FILE = OUT / "bench.sqlite3"
PG_NAME = "dangjian_bench"


def configure(db: str, *, fresh: bool) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangjian.settings"
    os.environ["DANGJIAN_DATA_DIR"] = str(OUT / "data")
    os.environ["DANGJIAN_DEBUG"] = "0"  # measure as deployed: no debug toolbar-ish overhead, no query log
    os.environ["DJANGO_DB"] = db
    if db == "sqlite":
        os.environ["DANGJIAN_SQLITE"] = str(SQLITE_FILE)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    elif db == "postgres":
        os.environ["PGDATABASE"] = PG_NAME
        for key, default in (
            ("PGHOST", "127.0.0.1"),
            ("PGPORT", "5432"),
            ("PGUSER", "dangjian"),
            ("PGPASSWORD", "dangjian"),
        ):
            os.environ.setdefault(key, default)
        if fresh:
            _recreate_pg()
    else:
        raise SystemExit("--db 只能是 sqlite 或 postgres")
    return dict(os.environ)


def _recreate_pg() -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_NAME}")


def describe(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (WAL)"
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        return f"PostgreSQL {cur.fetchone()[0]}"


def officer(root, fallback_username: str):
    """The bureau officer of the benchmark's root org (scale-data makes one), else a bench superuser."""
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment

    ra = RoleAssignment.objects.filter(org=root, role="bureau_officer").select_related("user").first()
    if ra:
        return ra.user
    user, _ = User.objects.get_or_create(username=fallback_username, defaults={"is_superuser": True})
    return user

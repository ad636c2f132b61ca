"""A throwaway PostgreSQL cluster on loopback for the load test: a primary on 56432 and a hot standby on 56433
(`pg_basebackup -R`, the router's replica), run as the postgres user, stopped at the end."""

import os
import shutil
import subprocess
from pathlib import Path

from shell import run

PG_PORT, REPLICA_PORT = 56432, 56433
PG_DIR, REPLICA_DIR = Path("/tmp/dangjian-load-pg"), Path("/tmp/dangjian-load-pg-replica")


def pgbin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise SystemExit("没有找到 PostgreSQL（apt-get install postgresql）")
    return found[-1].parent


def _as_pg(*cmd):
    return run(["runuser", "-u", "postgres", "--", *map(str, cmd)], stdout=subprocess.DEVNULL)


def pg_start(fresh: bool) -> None:
    b = pgbin()
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
    b = pgbin()
    for d in (REPLICA_DIR, PG_DIR):
        if (d / "postmaster.pid").exists():
            subprocess.run(
                ["runuser", "-u", "postgres", "--", str(b / "pg_ctl"), "-D", str(d), "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def pg_describe() -> str:
    b = pgbin()
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


def pg_vacuum() -> None:
    """Fresh statistics after the city is generated, so the planner sees 60 000 members, not an empty table."""
    run(
        [
            str(pgbin() / "psql"),
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

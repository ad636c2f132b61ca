"""Build the city-scale data set (dangjian scale-data) into the benchmark database."""

import time

from django.core.management import call_command

from dangjian.orgs.models import Org

PREFIX = "SC"


def build(*, branches: int, members: int) -> dict:
    call_command("migrate", verbosity=0, interactive=False)
    if Org.objects.filter(code=PREFIX).exists():
        return {"reused": True}
    wall, cpu = time.perf_counter(), time.process_time()
    call_command("scale-data", branches=branches, members=members, prefix=PREFIX, verbosity=0)
    settle()
    return {
        "branches": branches,
        "members": members,
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
    }


def root() -> Org:
    return Org.objects.get(code=PREFIX)


def settle() -> None:
    """PostgreSQL: VACUUM ANALYZE after the bulk load, the state autovacuum reaches on its own shortly
    after (planner statistics; visibility map for index-only counts). SQLite: nothing (no one runs
    ANALYZE on a deployed SQLite file, so the benchmark does not either)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

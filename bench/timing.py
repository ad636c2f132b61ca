"""Small timing helpers shared by the measurements."""

import statistics
import time


def sample(fn, *, runs: int, warmup: int) -> dict:
    """Call fn warmup times unmeasured, then runs times; figures in milliseconds."""
    for _ in range(warmup):
        fn()
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[min(len(times) - 1, int(len(times) * 0.9))], 1),
        "min_ms": round(times[0], 1),
        "max_ms": round(times[-1], 1),
        # CPU time of this process: the server's own work, insensitive to other load on the machine
        # (the database's share is included for SQLite, which runs in-process, not for PostgreSQL).
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "runs": runs,
        "warmup": warmup,
    }


def median_ms(fn, runs: int = 5, warmup: int = 1) -> float:
    """Just the median of sample(), for scripts that record one figure per measurement."""
    return sample(fn, runs=runs, warmup=warmup)["median_ms"]


def script_main(run) -> None:
    """``python bench/<module>.py [ROOTCODE]`` (with DANGJIAN_DATA_DIR set): run(root) on that database, printed."""
    import json
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangjian.settings")
    import django

    django.setup()
    from dangjian.orgs.models import Org

    code = sys.argv[1] if len(sys.argv) > 1 else "SC"
    print(json.dumps(run(Org.objects.get(code=code)), ensure_ascii=False, indent=2, default=str))

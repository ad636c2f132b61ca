"""City-scale benchmark: .venv/bin/python bench/run.py --db sqlite|postgres

Builds the scale data into a dedicated database, then measures the root roster page, the root's
composition statistics and a 60,000-row roster import; writes bench/results.json and bench/README.md.
"""

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import db as bench_db  # noqa: E402


def machine() -> str:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} "
        f"{platform.release()}; load average at start {load:.1f}"
    )


# Order matters: the import adds 60,000 people, so it runs last.
ALL = ("roster", "stats", "meetings", "dues", "reports", "assessment", "asof", "import")
OPTIONAL = ("batch",)  # every branch's summary (minutes): only with --only batch


def _module(name: str):
    """bench/<name>.py's run(root) when the module exists (assessment lands with its app)."""
    from importlib import import_module

    try:
        return import_module(f"bench.{name}").run
    except ModuleNotFoundError as exc:
        if exc.name == f"bench.{name}":
            return None
        raise


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--branches", type=int, default=2500)
    ap.add_argument("--members", type=int, default=60000)
    ap.add_argument("--rows", type=int, default=60000, help="rows in the import file")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    ap.add_argument("--only", default=",".join(ALL))
    ap.add_argument("--explain", action="store_true", help="print the roster request's SQL with timings")
    ap.add_argument("--notes", default="", help="free text stored with the results")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))

    load_at_start = machine()
    env = bench_db.configure(args.db, fresh=not args.reuse)
    import django

    django.setup()
    from django.db import connection

    from bench import importing, results, roster, scale, stats

    entry = {
        "database": bench_db.describe(connection),
        "machine": load_at_start,
        "date": datetime.date.today().isoformat(),
        "notes": args.notes,
    }
    previous = results.load().get(args.db, {})
    print(f"== {entry['database']} · {load_at_start}")
    t0 = time.perf_counter()
    entry["build"] = scale.build(branches=args.branches, members=args.members)
    if entry["build"].get("reused"):
        entry["build"] = previous.get("build", entry["build"])
    print(f"build: {entry['build']} ({time.perf_counter() - t0:.0f} s)")
    root = scale.root()

    if args.explain:
        for line in roster.explain(root.code, username="sc-city"):
            print(line)
    # Each measurement: name -> callable returning a dict. Order matters: the import adds people.
    measurements = {
        "roster": lambda: roster.measure(root.code, username="sc-city", runs=args.runs, warmup=args.warmup),
        "stats": lambda: stats.measure(root, runs=args.runs, warmup=args.warmup),
        **{
            name: (lambda fn=fn: fn(root))
            for name in ("meetings", "dues", "reports", "assessment", "asof", "batch")
            if (fn := _module(name)) is not None
        },
        "import": lambda: importing.measure(
            rows=args.rows, parent_code=f"{root.code}-D01", env=env, out_dir=bench_db.OUT
        ),
    }
    for name, measure in measurements.items():
        entry[name] = previous.get(name)
        if name in only:
            entry[name] = measure()
            print(f"{name}: {entry[name]}")
    results.save(args.db, entry)
    print(f"written: {results.RESULTS} and {results.README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

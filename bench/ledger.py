"""台账 at demo scale (issue 16): .venv/bin/python bench/ledger.py [--runs 5] [--profile JBJYJ]

Loads the demo into a fresh SQLite database of its own (a temporary DANGJIAN_DATA_DIR), then downloads the 台账 as
PDF and as Word through the real URLs with Django's test client, as the branch secretary (飞龙中学党支部), the 党总支
secretary (昆山市第二中学党总支) and the bureau officer (江北区教育局党委), for the current year. Prints, for each:
the first download in the process (fonts not yet loaded), then the median, p90 and CPU median of `--runs` more,
the SQL statements and the pages. Targets (issue 16): PDF ≤ 2 s for a branch, ≤ 5 s for the bureau.
`--profile CODE` prints cProfile's top functions for that org's PDF instead.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import sample  # noqa: E402

WHO = [("FLZX", "feilong", "党支部"), ("KSEZ", "kunshan", "党总支"), ("JBJYJ", "jyj", "局党委")]
TARGET_S = {"FLZX": 2, "KSEZ": 5, "JBJYJ": 5}


def setup() -> None:
    import atexit
    import shutil

    data = tempfile.mkdtemp(prefix="dangjian-bench-ledger-")
    atexit.register(shutil.rmtree, data, ignore_errors=True)  # a fresh demo database each run, gone after it
    os.environ["DANGJIAN_DATA_DIR"] = data
    os.environ["DJANGO_DB"] = "sqlite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangjian.settings")
    import django

    django.setup()
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    print(f"演示数据载入 {time.perf_counter() - t0:.1f} s（{os.environ['DANGJIAN_DATA_DIR']}）")


def _pages(pdf: bytes) -> int:
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from dangjian.lib import clock
    from dangjian.orgs.models import Org
    from dangjian.reports.ledger.chapters import book

    year = clock.today().year
    if args.profile:
        import cProfile
        import pstats

        from dangjian.orgs.models import Org
        from dangjian.reports.ledger import ledger_pdf

        org = Org.objects.get(code=args.profile)
        ledger_pdf(org, year)
        cProfile.runctx(
            "ledger_pdf(org, year)", globals(), {"ledger_pdf": ledger_pdf, "org": org, "year": year}, "/tmp/ledger.prof"
        )
        pstats.Stats("/tmp/ledger.prof").sort_stats("cumulative").print_stats(30)
        return
    rows = []
    for code, user, level in WHO:
        client = Client()
        client.force_login(User.objects.get(username=user))
        for fmt in ("pdf", "docx"):
            url = f"/reports/org/{code}/ledger/{year}.{fmt}"
            t0 = time.perf_counter()
            resp = client.get(url)
            first = time.perf_counter() - t0
            assert resp.status_code == 200, (url, resp.status_code)
            org = Org.objects.get(code=code)
            statements = []
            with connection.execute_wrapper(lambda run, sql, *rest: statements.append(sql) or run(sql, *rest)):
                book(org, year)  # the book's queries, the same for both formats
            pages = _pages(resp.content) if fmt == "pdf" else None
            s = sample(lambda: client.get(url), runs=args.runs, warmup=0)
            rows.append((level, code, fmt, first, s, len(statements), pages))
    load = os.getloadavg()[0]
    print(f"\n{year}年台账，{args.runs} 次取中位数；负载 {load:.1f}（{os.cpu_count()} 核）")
    print("| 组织 | 格式 | 首次 s | 中位数 s | p90 s | CPU 中位数 s | SQL | 页数 | 目标 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for level, code, fmt, first, s, queries, pages in rows:
        target = (
            f"≤ {TARGET_S[code]} s {'✅' if s['median_ms'] / 1000 <= TARGET_S[code] else '❌'}" if fmt == "pdf" else "—"
        )
        print(
            f"| {level} {code} | {fmt} | {first:.2f} | {s['median_ms'] / 1000:.2f} | {s['p90_ms'] / 1000:.2f} | "
            f"{s['cpu_median_ms'] / 1000:.2f} | {queries} | {pages or '—'} | {target} |"
        )


if __name__ == "__main__":
    main()

"""Reports at city scale: the bureau dashboard over the whole subtree and one branch's summary draft.

``run(root_org) -> dict`` measures (on whatever data is there — run after bench/meetings.py so the
meeting indicators have something to count):

* ``dashboard_ms``: ``dangjian.reports.dashboard.dashboard(root, year)`` (target ≤ 1000), with
  ``dashboard_queries`` the SQL statements it issued and ``dashboard_branches`` its rows;
* ``summary_ms``: ``dangjian.reports.drafting.build(branch, year)`` for the first branch (target ≤ 2000);
* ``statistics_ms``: the year-end .xlsx for the root; ``root_summary_ms``: the summary drafted for the root;
* ``dashboard_page_ms``: the whole dashboard page through the test client as the root's bureau officer.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import sample, script_main  # noqa: E402


def run(root_org, *, year: int | None = None, runs: int = 5, warmup: int = 1) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangjian.orgs.models import BRANCH_KINDS, Org
    from dangjian.reports.dashboard import dashboard
    from dangjian.reports.drafting import build
    from dangjian.reports.statistics import statistics_xlsx

    year = year or datetime.date.today().year
    branch = Org.objects.filter(path__startswith=root_org.path, kind__in=BRANCH_KINDS).order_by("path").first()
    with CaptureQueriesContext(connection) as ctx:
        rows = len(dashboard(root_org, year)["rows"])
    out = {
        "dashboard": sample(lambda: dashboard(root_org, year), runs=runs, warmup=warmup),
        "dashboard_queries": len(ctx.captured_queries),
        "dashboard_branches": rows,
        "statistics": sample(lambda: statistics_xlsx(root_org, year), runs=max(1, runs // 2), warmup=0),
    }
    if branch is not None:
        out["summary"] = sample(lambda: build(branch, year), runs=runs, warmup=warmup)
        out["summary_branch"] = branch.code
    out["root_summary"] = sample(lambda: build(root_org, year), runs=max(1, runs // 2), warmup=0)
    from django.test import Client

    from bench.db import officer

    client = Client()
    client.force_login(officer(root_org, "bench-reports"))
    page = f"/reports/org/{root_org.code}/dashboard/{year}/"
    out["dashboard_page_status"] = client.get(page).status_code
    out["dashboard_page"] = sample(lambda: client.get(page), runs=runs, warmup=warmup)
    out["dashboard_page_ms"] = out["dashboard_page"]["median_ms"]
    out["target_dashboard_ms"] = out["target_dashboard_page_ms"] = 1000
    out["target_summary_ms"] = 2000
    out["dashboard_ms"] = out["dashboard"]["median_ms"]
    out["root_summary_ms"] = out["root_summary"]["median_ms"]
    out["summary_ms"] = out.get("summary", {}).get("median_ms")
    out["statistics_ms"] = out["statistics"]["median_ms"]
    return out


if __name__ == "__main__":  # .venv/bin/python bench/reports.py ROOTCODE (with DANGJIAN_DATA_DIR set)
    script_main(run)

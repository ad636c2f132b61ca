"""Organisational life at city scale: three years of meetings for every branch, then the superior grid.

``run(root_org) -> dict`` generates (once; re-runs reuse what is there) three calendar years of meetings
ending with the current one for every branch under ``root_org`` — 支委会, 主题党日 and (where the branch
has groups) one 党小组会 per group every month, 党员大会 and 党课 every quarter, 组织生活会, 民主评议 and
谈心谈话 once a year, with about 8% of them randomly left out so the grid has red cells — and measures:

* ``grid_year_ms``: median of ``dangjian.meetings.grid.grid(root, year)`` for the current year (target ≤ 1000);
* ``grid_page_ms``: median of the whole grid page (``/meetings/org/<root>/grid/<year>/``) through the test client;
* ``grid_quarter_ms``, ``calendar_ms`` (one branch), ``todos_ms`` (todos_for the root's bureau officer);
* ``grid_queries``: SQL statements the grid function issued.

Attendance rows are not generated (the grid does not read them).
"""

import datetime
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms, script_main  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
SKIP = 0.08
BATCH = 5000


def _plan(year: int, today: datetime.date, groups: list[int], rnd: random.Random):
    """(kind, date, group_id) of one branch-year."""
    out = []
    for month in range(1, 13):
        kinds = [("committee_meeting", None), ("theme_day", None)] + [("group_meeting", g) for g in groups]
        if month % 3 == 0:
            kinds += [("general_meeting", None), ("party_lecture", None)]
        if month == 12:
            kinds += [("org_life_review", None), ("appraisal", None)]
        if month == 6:
            kinds.append(("heart_to_heart_talk", None))
        for kind, group in kinds:
            if rnd.random() < SKIP:
                continue
            day = datetime.date(year, month, rnd.randint(1, 28))
            if day <= today:
                out.append((kind, day, group))
    return out


def generate(root, today: datetime.date, seed: int = 2026) -> dict:
    from dangjian.meetings.models import Meeting
    from dangjian.orgs.models import BRANCH_KINDS, Org, OrgKind
    from dangjian.orgs.selectors import subtree_ids

    if Meeting.objects.filter(org_id__in=subtree_ids(root)).exists():
        return {"reused": True, "meetings": Meeting.objects.filter(org_id__in=subtree_ids(root)).count()}
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    branches = list(
        Org.objects.filter(path__startswith=root.path, kind__in=BRANCH_KINDS, is_active=True).values_list(
            "id", "bureau_id"
        )
    )
    groups: dict[int, list[int]] = {}
    for gid, parent in Org.objects.filter(path__startswith=root.path, kind=OrgKind.GROUP).values_list(
        "id", "parent_id"
    ):
        groups.setdefault(parent, []).append(gid)
    batch, total = [], 0
    for org_id, bureau_id in branches:
        for year in range(today.year - 2, today.year + 1):
            for kind, day, group in _plan(year, today, groups.get(org_id, []), rnd):
                starts = datetime.datetime(day.year, day.month, day.day, 15, 0, tzinfo=TZ)
                batch.append(
                    Meeting(
                        bureau_id=bureau_id or org_id,
                        org_id=org_id,
                        group_id=group,
                        kind=kind,
                        starts_at=starts,
                        held_on=day,
                        year=day.year,
                        month=day.month,
                        for_year=day.year,
                        topic="学习贯彻党的创新理论",
                        attendance_recorded=False,
                    )
                )
                if len(batch) >= BATCH:
                    Meeting.objects.bulk_create(batch)
                    total += len(batch)
                    batch = []
    Meeting.objects.bulk_create(batch)
    total += len(batch)
    return {
        "reused": False,
        "meetings": total,
        "branches": len(branches),
        "generate_s": round(time.perf_counter() - t0, 1),
    }


def run(root_org, *, runs: int = 5) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.db import officer
    from dangjian.meetings.compliance import calendar
    from dangjian.meetings.grid import grid
    from dangjian.meetings.todos import todos_for
    from dangjian.orgs.models import BRANCH_KINDS, Org

    today = timezone.localdate()
    figures = {"generate": generate(root_org, today)}
    year = today.year
    with CaptureQueriesContext(connection) as ctx:
        data = grid(root_org, year, today)
    figures["grid_queries"] = len(ctx.captured_queries)
    figures["branches"] = data["branch_count"]
    figures["grid_year_ms"] = median_ms(lambda: grid(root_org, year, today), runs)
    figures["grid_quarter_ms"] = median_ms(lambda: grid(root_org, year, today, by="quarter"), runs)
    figures["grid_last_year_ms"] = median_ms(lambda: grid(root_org, year - 1, today), runs)
    branch = Org.objects.filter(path__startswith=root_org.path, kind__in=BRANCH_KINDS).order_by("path").first()
    if branch:
        figures["calendar_ms"] = median_ms(lambda: calendar(branch, year, today), runs)
    user = officer(root_org, "bench-meetings")
    figures["todos_ms"] = median_ms(lambda: todos_for(user, today), max(1, runs // 2))
    figures["todos_items"] = len(todos_for(user, today))
    client = Client()
    client.force_login(user)
    url = f"/meetings/org/{root_org.code}/grid/{year}/"
    status = client.get(url).status_code
    figures["grid_page_status"] = status
    figures["grid_page_ms"] = median_ms(lambda: client.get(url), runs)
    figures["target_grid_ms"] = 1000
    return figures


if __name__ == "__main__":  # .venv/bin/python bench/meetings.py ROOTCODE (with DANGJIAN_DATA_DIR set)
    script_main(run)

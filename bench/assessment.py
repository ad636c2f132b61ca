"""Assessment (考核) at city scale: open a rubric for every branch, compute the automatic indicators, results page.

``run(root_org) -> dict`` (on whatever data is there; run after bench/meetings.py and bench/dues.py so the
indicators have something to count). It makes — once, reused on later runs — a published rubric
"基准测试考核细则" of the root org with every automatic indicator plus one manual item, then measures:

* ``open_ms``: ``rubric_open`` (one assessment per active branch in one bulk insert) and ``open_queries``;
  on a rerun nothing is left to create, so ``open_created`` is 0 and the figure is the idempotent pass;
* ``compute_ms``: ``indicators.compute(root, year)`` for every indicator over the whole subtree, with
  ``compute_queries`` (constant whatever the number of branches) and ``compute_branches``;
* ``results_page_ms``: the results page (branches × levels, stars, stage) as the root's bureau officer;
* ``xlsx_ms``: the results .xlsx; ``assessment_page_ms``: one branch's assessment page (three levels, live auto
  scores) as the same officer.
"""

import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import sample, script_main  # noqa: E402

TITLE = "基准测试考核细则"


def _rubric(root, year, actor):
    from dangjian.assessment import services
    from dangjian.assessment.indicators import REGISTRY
    from dangjian.assessment.models import Rubric

    rubric = Rubric.objects.filter(org=root, year=year, title=TITLE).first()
    if rubric is not None:
        return rubric
    codes = list(REGISTRY)
    weight = Decimal(60) / len(codes)
    weights = [weight.quantize(Decimal("0.1"))] * len(codes)
    weights[-1] = Decimal(60) - sum(weights[:-1])
    items = [
        {
            "category": "自动指标",
            "title": REGISTRY[c].label_zh,
            "standard": REGISTRY[c].explanation,
            "weight": w,
            "mode": "auto",
            "indicator": c,
            "evidence_required": False,
        }
        for c, w in zip(codes, weights)
    ]
    items.append(
        {
            "category": "阵地建设",
            "title": "党员活动室",
            "standard": "",
            "weight": Decimal(40),
            "mode": "manual",
            "indicator": "",
            "evidence_required": True,
        }
    )
    rubric = services.rubric_save(
        actor=actor,
        org=root,
        year=year,
        title=TITLE,
        total=Decimal(100),
        thresholds=[{"name": "五星", "min": "95"}, {"name": "三星", "min": "75"}],
        items=items,
    )
    return services.rubric_publish(actor=actor, rubric=rubric)


def run(root_org, *, year: int | None = None, runs: int = 5, warmup: int = 1) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.db import officer
    from dangjian.assessment import services
    from dangjian.assessment.indicators import compute

    year = year or datetime.date.today().year
    user = officer(root_org, "bench-assessment")
    rubric = _rubric(root_org, year, user)
    out: dict = {"rubric": rubric.pk}
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        out["open_created"] = services.rubric_open(actor=user, rubric=rubric)
        out["open_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    out["open_queries"] = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        out["compute_branches"] = len(compute(root_org, year))
    out["compute_queries"] = len(ctx.captured_queries)
    out["compute"] = sample(lambda: compute(root_org, year), runs=runs, warmup=warmup)
    out["compute_ms"] = out["compute"]["median_ms"]
    client = Client()
    client.force_login(user)
    page = f"/assessment/rubrics/{rubric.pk}/results/"
    out["results_page_status"] = client.get(page).status_code
    out["results_page"] = sample(lambda: client.get(page), runs=runs, warmup=warmup)
    out["results_page_ms"] = out["results_page"]["median_ms"]
    out["xlsx"] = sample(
        lambda: client.get(f"/assessment/rubrics/{rubric.pk}/results.xlsx"), runs=max(1, runs // 2), warmup=0
    )
    out["xlsx_ms"] = out["xlsx"]["median_ms"]
    first = rubric.assessments.order_by("org__path").first()
    if first is not None:
        url = f"/assessment/a/{first.pk}/"
        out["assessment_page_status"] = client.get(url).status_code
        out["assessment_page"] = sample(lambda: client.get(url), runs=runs, warmup=warmup)
        out["assessment_page_ms"] = out["assessment_page"]["median_ms"]
    out["target_results_page_ms"] = out["target_compute_ms"] = 1000
    return out


if __name__ == "__main__":  # .venv/bin/python bench/assessment.py ROOTCODE (with DANGJIAN_DATA_DIR set)
    script_main(run)

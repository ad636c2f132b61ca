"""Facts of a past date at city scale: the root's figures as of last year's end against today's.

``run(root_org) -> dict`` measures, each as a median of a few calls:

* ``composition_past_ms`` / ``composition_today_ms``: ``members.stats.composition(root, on=…)`` as of
  12-31 of last year and today (the year-end 党内统计 and summary read the former) — target ≤ 500 ms;
* ``arrears_past_ms`` / ``arrears_today_ms``: ``dues.selectors.arrears(root, …)`` as of the last day of
  the month before last (payments counted by their date, the roll of that day) and today — only when the
  dues data of bench/dues.py are there;
* ``dashboard_past_ms`` / ``dashboard_today_ms``: ``reports.dashboard.dashboard(root, year)`` for last
  year and this year (members per branch from the roll of the year's end).
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms, script_main  # noqa: E402


def run(root) -> dict:
    from dangjian.dues.models import DuesCharge
    from dangjian.dues.selectors import arrears
    from dangjian.lib import clock
    from dangjian.members.stats import composition
    from dangjian.reports.dashboard import dashboard
    from dangjian.rules.periods import add_months, month_start

    today = clock.today()
    year_end = datetime.date(today.year - 1, 12, 31)
    out = {"target_composition_past_ms": 500, "past": year_end.isoformat(), "today": today.isoformat()}
    out["composition_past_ms"] = median_ms(lambda: composition(root, on=year_end), runs=7)
    out["composition_today_ms"] = median_ms(lambda: composition(root, on=today), runs=7)
    out["members_past"] = composition(root, on=year_end)["total"]
    out["members_today"] = composition(root, on=today)["total"]
    if DuesCharge.objects.exists():
        month_end = add_months(month_start(today), -1) - datetime.timedelta(days=1)
        out["arrears_on"] = month_end.isoformat()
        out["arrears_past_ms"] = median_ms(lambda: arrears(root, month_end), runs=3)
        out["arrears_today_ms"] = median_ms(lambda: arrears(root, today), runs=3)
    out["dashboard_past_ms"] = median_ms(lambda: dashboard(root, today.year - 1), runs=3)
    out["dashboard_today_ms"] = median_ms(lambda: dashboard(root, today.year), runs=3)
    return out


if __name__ == "__main__":
    script_main(run)

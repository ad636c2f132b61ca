"""The bureau dashboard: branches × indicators for a year, over any subtree.

The figures come from the facts seam in one bulk pass (``assessment.facts.branch_grid``: one GROUP BY per
figure over the subtree, no per-branch query, shared with the automatic assessment indicators); this module
adds the totals, the drill-down by child org and the sorting.
"""

import datetime
from decimal import Decimal

from dangjian.lib import clock
from dangjian.orgs.facts import children as child_orgs
from dangjian.orgs.models import Org

COLUMNS = [
    ("name", "支部"),
    ("members", "党员数"),
    ("meet_held", "组织生活已开（期）"),
    ("meet_missing", "组织生活缺期"),
    ("dues_charged", "应交党费（元）"),
    ("dues_paid", "实交党费（元）"),
    ("dues_remitted", "上缴党费（元）"),
    ("dev_plan", "计划发展"),
    ("dev_actual", "实际发展"),
    ("appraisal_done", "民主评议"),
    ("study_short", "学时不足人数"),
    ("disclosures", "党务公开"),
    ("assessment", "考核评星"),
    ("rect_open", "整改未销号"),
    ("overdue", "逾期事项"),
]
SORT_KEYS = {k for k, _ in COLUMNS}
ZERO = Decimal("0")


def _children(root: Org, rows: list[dict]) -> list[dict]:
    """The root's direct non-branch children (districts, schools' 党总支) with their branches' totals, for
    drilling down one level at a time instead of scrolling 2,500 rows."""
    kids = child_orgs(root)
    for kid in kids:
        mine = [r for r in rows if r["path"].startswith(kid["path"])]
        kid.update(_totals(mine), branches=len(mine))
    return [k for k in kids if k["branches"]]


def _totals(rows: list[dict]) -> dict:
    totals = {
        k: sum((r[k] or 0) for r in rows)
        for k in (
            "members",
            "meet_held",
            "meet_missing",
            "dues_charged",
            "dues_paid",
            "dues_remitted",
            "dev_actual",
            "study_short",
            "overdue",
            "disclosures",
            "rect_open",
        )
    }
    totals["dev_plan"] = sum(r["dev_plan"] or 0 for r in rows)
    totals["appraisal_done"] = sum(1 for r in rows if r["appraisal_done"] == "已完成")
    totals["assessment"] = sum(1 for r in rows if r["assessment"] and r["assessment"].endswith("星"))
    return totals


def dashboard(root: Org, year: int, today: datetime.date | None = None, *, sort: str = "", desc: bool = False) -> dict:
    from dangjian.assessment.facts import branch_grid

    today = today or clock.today()
    grid = branch_grid(root, year, today)
    out, available = grid["rows"], grid["available"]
    if sort in SORT_KEYS:
        key = {"assessment": "assessment_score"}.get(sort, sort)  # stars sort by the score behind them
        out.sort(key=lambda r: (r.get(key) is None, r[key] if r.get(key) is not None else 0), reverse=desc)
        if desc:  # keep "no data" rows last either way
            out.sort(key=lambda r: r.get(key) is None)
    return {
        "org": root,
        "year": year,
        "rows": out,
        "totals": _totals(out),
        "children": _children(root, out),
        "available": available,
        "columns": COLUMNS,
        "sort": sort,
        "desc": desc,
    }

"""The superior's view: branches × periods with held / missing per required kind, and 静默支部.

Query budget is fixed whatever the number of branches: the branch list, ONE GROUP BY (org, kind,
month) for the year, one GROUP BY for each branch's last meeting, committee sizes, group counts and
the bureau's settings — all filtered with ``org_id__in=<subtree subquery>``.
"""

import datetime

from django.db.models import Max

from dangjian.orgs.models import BRANCH_KINDS, Org, subtree_q
from dangjian.orgs.selectors import subtree_ids

from .compliance import (
    COMMITTEE_MIN_SIZE,
    KIND_SHORT,
    PER_YEAR,
    STATUS_ZH,
    committee_sizes,
    evaluate,
    group_counts,
    month_counts,
    period_index,
    period_states,
    requirements_for,
    settings_for,
)
from .models import Kind, Meeting

QUIET_DAYS = 30
PAGE_SIZE = 100
RANK = {"missing": 0, "due_soon": 1, "open": 2, "future": 3, "met": 4}
CELL_CSS = {
    "missing": "table-danger",
    "due_soon": "table-warning",
    "open": "",
    "future": "table-light",
    "met": "table-success",
}


def _columns(by: str) -> list[tuple[int, str, range]]:
    if by == "quarter":
        return [(q, f"第{q}季度", range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)]
    return [(m, f"{m}月", range(m, m + 1)) for m in range(1, 13)]


def _column_map(columns) -> dict:
    """(period, col) → (indices of periods ending in the column, indices of periods overlapping it)."""
    out = {}
    for period, count in PER_YEAR.items():
        size = 12 // count
        for col, _label, months in columns:
            ending = tuple(i for i in range(1, count + 1) if i * size in months)
            overlapping = tuple(sorted({period_index(period, m) for m in months}))
            out[(period, col)] = (ending, overlapping)
    return out


def _kind_in_column(req, col, result, colmap) -> str | None:
    """Status of a requirement in a column: the worst over periods ending there; a coarser period
    ending later shows (as met) only once it has been held."""
    ending, overlapping = colmap[(req.period, col)]
    if ending:
        return min((result[(req.kind, i)][2] for i in ending), key=RANK.__getitem__)
    for i in overlapping:
        if result[(req.kind, i)][2] == "met":
            return "met"
    return None


def _cells(reqs, result, columns, colmap, kind) -> list[dict]:
    cells = []
    for col, _label, _months in columns:
        parts = []
        for req in reqs:
            status = _kind_in_column(req, col, result, colmap)
            if status is not None:
                parts.append((req.kind, status))
        if not parts:
            cells.append({"col": col, "css": "", "text": "", "title": "", "status": None})
            continue
        worst = min((s for _, s in parts), key=RANK.__getitem__)
        if kind:
            text = {"met": "✓", "missing": "✗", "due_soon": "!", "open": "…", "future": ""}[worst]
        else:
            text = f"{sum(1 for _, s in parts if s == 'met')}/{len(parts)}"
        title = "；".join(f"{KIND_SHORT[k]}：{STATUS_ZH[s]}" for k, s in parts)
        cells.append({"col": col, "css": CELL_CSS[worst], "text": text, "title": title, "status": worst})
    return cells


def grid(
    root: Org,
    year: int,
    today: datetime.date,
    *,
    by: str = "month",
    kind: str | None = None,
    problems_only: bool = False,
    page: int = 1,
) -> dict:
    subtree = subtree_ids(root)
    settings = settings_for(root.bureau_id or root.id)
    branches = list(
        Org.objects.filter(subtree_q(root.path), kind__in=BRANCH_KINDS, is_active=True)
        .order_by("path")
        .values_list("id", "code", "name")
    )
    counts = month_counts(subtree, year)
    last_held = dict(
        Meeting.objects.filter(org_id__in=subtree, voided=False)
        .order_by()
        .values_list("org_id")
        .annotate(last=Max("held_on"))
    )
    sizes, groups = committee_sizes(subtree), group_counts(subtree)
    states = period_states(year, today)
    columns = _columns(by)
    colmap = _column_map(columns)
    req_cache: dict = {}
    summary: dict = {}
    rows = []
    for org_id, code, name in branches:
        has_committee = sizes.get(org_id, 0) >= COMMITTEE_MIN_SIZE
        n_groups = groups.get(org_id, 0)
        key = (has_committee, n_groups > 0)
        if key not in req_cache:
            req_cache[key] = requirements_for(settings, has_committee=has_committee, has_groups=n_groups > 0)
        reqs = [r for r in req_cache[key] if kind is None or r.kind == kind]
        result = evaluate(counts.get((org_id, year), {}), reqs, states, n_groups)
        bad = False
        for (k, _index), value in result.items():
            status = value[2]
            tally = summary.get(k)
            if tally is None:
                tally = summary[k] = {"met": 0, "missing": 0, "due_soon": 0, "open": 0, "future": 0}
            tally[status] += 1
            bad = bad or status == "missing"
        last = last_held.get(org_id)
        quiet_days = (today - last).days if last else None
        quiet = last is None or quiet_days > QUIET_DAYS
        if problems_only and not (bad or quiet):
            continue
        rows.append(
            {
                "id": org_id,
                "code": code,
                "name": name,
                "last": last,
                "reqs": reqs,
                "result": result,
                "quiet": quiet,
                "quiet_days": quiet_days,
                "has_committee": has_committee,
                "n_groups": n_groups,
            }
        )
    total = len(rows)
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    kinds_order = [k for k in Kind.values if k in summary]
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for row in shown:  # cells only for the rows on this page
        row["cells"] = _cells(row.pop("reqs"), row.pop("result"), columns, colmap, kind)
    return {
        "columns": [{"col": c, "label": label} for c, label, _ in columns],
        "rows": shown,
        "total": total,
        "branch_count": len(branches),
        "page": page,
        "pages": pages,
        "quiet_count": sum(1 for r in rows if r["quiet"]),
        "summary": [{"kind": k, "label": KIND_SHORT[k], **summary[k]} for k in kinds_order],
        "settings": settings,
    }

"""The composition statistics page (党员结构统计) of any org the user manages."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import render

from dangjian.core.dbrouter import replica_reads
from dangjian.lib.isodate import parse_day
from dangjian.orgs.selectors import org_get

from .stats import DIMENSIONS, LABELS, composition, composition_by_child, composition_sentence, rows

MAX_CHILDREN = 100  # a city root may have thousands of branches; list the first ones, each links down


def _parse_on(raw: str | None) -> tuple[datetime.date | None, str]:
    if not raw:
        return None, ""
    try:
        return parse_day(raw, label="统计日期", allow_future=False), ""
    except ValidationError as exc:
        return None, f"{exc.messages[0]}，已按今天统计"


@replica_reads
def composition_page(request, code):
    org = org_get(request.user, code=code, manage=True)
    on, error = _parse_on(request.GET.get("on"))
    stats = composition(org, on=on)
    children = composition_by_child(org, on=on)
    tables = []
    for dim in DIMENSIONS:
        table = rows(stats, dim)
        # Shares are of everyone in the table, except the flags: a share of all members.
        base = stats["total"] if dim == "flags" else sum(n for _, _, n in table)
        tables.append({"key": dim, "title": LABELS["dimensions"][dim], "rows": table, "sum": base})
    charts = {
        t["key"]: {"title": t["title"], "labels": [r[1] for r in t["rows"]], "values": [r[2] for r in t["rows"]]}
        for t in tables
    }
    return render(
        request,
        "members/stats.html",
        {
            "org": org,
            "stats": stats,
            "tables": tables,
            "charts": charts,
            "on_error": error,
            "sentence": composition_sentence(stats),
            "children": children[:MAX_CHILDREN],
            "children_total": len(children),
            "max_children": MAX_CHILDREN,
        },
    )

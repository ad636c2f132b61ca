"""整改 facts for an org's subtree and a year — the rectification side of the reports seam."""

import datetime

from dangjian.orgs.selectors import subtree_ids

from .models import Rectification, RectificationStatus
from .selectors import counts_by_org, overdue_q

MAX_NAMED = 5


def year_facts(org, year: int, today: datetime.date) -> dict:
    sub = subtree_ids(org)
    counts = counts_by_org(sub, year, today)
    total = {k: sum(c[k] for c in counts.values()) for k in ("open", "overdue", "closed")}
    overdue = list(
        Rectification.objects.filter(org_id__in=sub, year=year)
        .filter(overdue_q(today))
        .exclude(status=RectificationStatus.CANCELLED)
        .select_related("org")
        .order_by("due_date", "id")[:MAX_NAMED]
    )
    return {
        "raised": total["open"] + total["closed"],
        "closed": total["closed"],
        "open": total["open"],
        "overdue": total["overdue"],
        "overdue_items": [{"org": r.org.name, "problem": r.problem, "due": r.due_date} for r in overdue],
    }


def raised_from(org, source: str, ref_prefix: str) -> dict[int, Rectification]:
    """{the number after the source reference's last ":": the item} of the live (not cancelled) items the org
    raised from `source` with references starting with `ref_prefix` (e.g. an assessment's lost points)."""
    return {
        int(r.source_ref.rsplit(":", 1)[1]): r
        for r in Rectification.objects.filter(org=org, source=source, source_ref__startswith=ref_prefix).exclude(
            status=RectificationStatus.CANCELLED
        )
    }


def ledger_rows(org, year: int, limit: int) -> list[tuple]:
    """(number, org, problem, source, measure, owner, due date, status, closed on) of the year's items."""
    qs = (
        Rectification.objects.filter(org_id__in=subtree_ids(org), year=year)
        .select_related("org", "owner")
        .order_by("org__path", "raised_on", "id")
    )
    return [
        (
            i,
            r.org.name,
            r.problem,
            r.get_source_display(),
            r.measure,
            r.owner.name if r.owner else "",
            r.due_date,
            r.get_status_display(),
            r.closed_on,
        )
        for i, r in enumerate(qs[:limit], start=1)
    ]

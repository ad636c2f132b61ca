"""整改 facts for an org's subtree and a year — the rectification side of the reports seam."""
import datetime

from dangjian.orgs.selectors import subtree_ids

from .models import Rectification, Status
from .selectors import counts_by_org, overdue_q

MAX_NAMED = 5


def year_facts(org, year: int, today: datetime.date) -> dict:
    sub = subtree_ids(org)
    counts = counts_by_org(sub, year, today)
    total = {k: sum(c[k] for c in counts.values()) for k in ("open", "overdue", "closed")}
    overdue = list(Rectification.objects.filter(org_id__in=sub, year=year).filter(overdue_q(today))
                   .exclude(status=Status.CANCELLED).select_related("org").order_by("due_date", "id")[:MAX_NAMED])
    return {"raised": total["open"] + total["closed"], "closed": total["closed"], "open": total["open"],
            "overdue": total["overdue"],
            "overdue_items": [{"org": r.org.name, "problem": r.problem, "due": r.due_date} for r in overdue]}

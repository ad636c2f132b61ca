"""欠费: the current run of unpaid charged months per member (FEE-12), computed in SQL."""
import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q

from dangjian.rules import dues as rules
from dangjian.rules.periods import add_months, month_start

from ..models import DuesCharge
from ._common import is_paid, subtree


def run_rows(org_ids, today: datetime.date):
    """Charges in each member's current unpaid run: elapsed (before ``today``'s month), owed (> 0),
    unpaid, and with no settled (paid or exempt) charge of the same member after them."""
    last = add_months(month_start(today), -1)
    settled_later = DuesCharge.objects.filter(person=OuterRef("person"), month__gt=OuterRef("month"),
                                              month__lte=last).filter(Q(amount=0) | is_paid())
    return (DuesCharge.objects.filter(org_id__in=org_ids, month__lte=last, amount__gt=0, person__on_roll=True)
            .exclude(is_paid()).exclude(Exists(settled_later)))


def arrears(org, today: datetime.date, *, min_run: int = 1, org_ids=None) -> list[dict]:
    """Members of ``org``'s subtree (or of ``org_ids``) with at least ``min_run`` unpaid months in a row,
    longest first: name, branch, months, count and the FEE-12 finding (5 → warning, ≥ 6 → LAPSE_REVIEW)."""
    org_ids = subtree(org) if org_ids is None else org_ids
    rows = run_rows(org_ids, today)
    heads = list(rows.values("person").annotate(n=Count("id"), first=Min("month"), last=Max("month"))
                 .filter(n__gte=min_run).values("person", "n", "first", "last"))
    if not heads:
        return []
    months: dict[int, list] = {}
    amounts: dict[int, object] = {}
    detail = rows.filter(person__in=[h["person"] for h in heads]).order_by("person", "month").values_list(
        "person", "month", "amount", "person__name", "org_id", "org__name", "org__code")
    info = {}
    for pid, month, amount, name, org_id, org_name, org_code in detail:
        months.setdefault(pid, []).append(month)
        amounts[pid] = amounts.get(pid, 0) + amount
        info[pid] = (name, org_id, org_name, org_code)
    out = []
    for h in heads:
        pid = h["person"]
        name, org_id, org_name, org_code = info[pid]
        finding = rules.arrears_finding([], add_months(h["last"], 1), since=h["first"], subject=name)
        out.append({"person_id": pid, "name": name, "org_id": org_id, "org_name": org_name, "org_code": org_code,
                    "months": months[pid], "count": h["n"], "owed": amounts[pid], "finding": finding,
                    "level": finding.level if finding else "info",
                    "code": finding.code if finding else None})
    out.sort(key=lambda r: (-r["count"], r["name"]))
    return out

"""欠费: the current run of unpaid charged months per member (FEE-12), as of a day, computed in SQL.

"As of D" reads the ledger and the roll as they stood that day: the months elapsed before D's month, the
payments made (paid_on) by D, the reversals made by D, and only the people who stood on the subtree's roll
as 党员 on D (members/roll.py) — a catch-up paid after D does not erase D's arrears, someone who had left
by D is not listed, someone who left after D is.
"""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q

from dangjian.core.paging import PER_PAGE
from dangjian.members import roll
from dangjian.rules import dues as rules
from dangjian.rules.periods import add_months, month_start

from ..models import DuesCharge
from ._common import is_paid, subtree


def run_rows(org_ids, today: datetime.date):
    """Charges in each member's unpaid run as of ``today``: elapsed (before ``today``'s month), owed (> 0),
    unpaid by then, with no charge of the same member after them settled by then (paid, or owed 0 = exempt),
    of the people who were 党员 on the roll of ``org_ids`` that day."""
    last = add_months(month_start(today), -1)
    settled_later = DuesCharge.objects.filter(
        person=OuterRef("person"), month__gt=OuterRef("month"), month__lte=last
    ).filter(Q(amount=0) | is_paid(on=today))
    return (
        DuesCharge.objects.filter(
            org_id__in=org_ids, month__lte=last, amount__gt=0, person_id__in=roll.member_ids_on(org_ids, today)
        )
        .exclude(is_paid(on=today))
        .exclude(Exists(settled_later))
    )


def arrears(org, today: datetime.date, *, min_run: int = 1, org_ids=None, person_ids=None) -> list[dict]:
    """Members of ``org``'s subtree (or of ``org_ids``) with at least ``min_run`` unpaid months in a row as of
    ``today`` (any day: see the module's note), longest first: name, branch, months, count and the FEE-12
    finding (5 → warning, ≥ 6 → LAPSE_REVIEW). ``person_ids``: only these people's runs.

    One query: the run rows ordered by member and month, folded per member on the way (a GROUP BY for the
    heads and a second pass for the months ran the correlated run query twice)."""
    org_ids = subtree(org) if org_ids is None else org_ids
    rows = run_rows(org_ids, today)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    rows = rows.order_by("person", "month").values_list(
        "person", "month", "amount", "person__name", "org_id", "org__name", "org__code"
    )
    runs: list[dict] = []
    cur = None
    for pid, month, amount, name, org_id, org_name, org_code in rows.iterator(chunk_size=5000):
        if cur is None or cur["person_id"] != pid:
            cur = {"person_id": pid, "months": [], "owed": 0}
            runs.append(cur)
        cur["months"].append(month)
        cur["owed"] += amount
        # the branch of the latest unpaid month
        cur.update(name=name, org_id=org_id, org_name=org_name, org_code=org_code)
    out = []
    for r in runs:
        if len(r["months"]) < min_run:
            continue
        finding = rules.arrears_finding([], add_months(r["months"][-1], 1), since=r["months"][0], subject=r["name"])
        out.append(
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "org_id": r["org_id"],
                "org_name": r["org_name"],
                "org_code": r["org_code"],
                "months": r["months"],
                "count": len(r["months"]),
                "owed": r["owed"],
                "finding": finding,
                "level": finding.level if finding else "info",
                "code": finding.code if finding else None,
            }
        )
    out.sort(key=lambda r: (-r["count"], r["name"]))
    return out


def arrears_page(org, today: datetime.date, page_number, per_page: int = PER_PAGE) -> Page:
    """One page of ``arrears(org, today)`` (same order, same rows): the run length of everyone in one GROUP BY,
    then the months, branch and finding of the page's people only. A city has 14,000 people in arrears and
    85,000 run months: folding and judging all of them took half of the page's 1.7 s."""
    heads = run_rows(subtree(org), today).order_by().values_list("person", "person__name").annotate(n=Count("id"))
    # arrears() sorts by (-count, name), stably over person ids
    order = sorted(heads, key=lambda h: (-h[2], h[1], h[0]))
    page = Paginator([pid for pid, _, _ in order], per_page).get_page(page_number)
    where = {pid: i for i, pid in enumerate(page.object_list)}
    rows = arrears(org, today, person_ids=list(where)) if where else []
    page.object_list = sorted(rows, key=lambda r: where[r["person_id"]])
    return page

"""Charged, paid, remitted and balance held for an org's subtree; annual totals and summaries."""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum

from dangjian.orgs.models import Org
from dangjian.rules.periods import month_start

from ..models import DuesCharge, DuesPayment, DuesPaymentMonth, DuesReconciliation, DuesRemittance
from ._common import cents, subtree, total


def _remitted_out(org: Org):
    """Remittances from inside the subtree to an org outside it (money that left the subtree)."""
    inside = subtree(org)
    return DuesRemittance.objects.filter(org_id__in=inside).exclude(to_org_id__in=inside)


def balance_held(org: Org, at: datetime.date) -> Decimal:
    """All money received up to ``at`` (reversals included) minus all money remitted up to ``at``."""
    paid = total(DuesPayment.objects.filter(org_id__in=subtree(org), paid_on__lte=at))
    return paid - total(_remitted_out(org).filter(remitted_on__lte=at))


def ledger(org: Org, start: datetime.date, end: datetime.date) -> dict:
    """The ledger of ``org``'s subtree for the dates ``start``…``end`` (charges by month)."""
    sub = subtree(org)
    payments = DuesPayment.objects.filter(org_id__in=sub, paid_on__gte=start, paid_on__lte=end)
    opening = balance_held(org, start - datetime.timedelta(days=1))
    paid = total(payments)
    remitted = total(_remitted_out(org).filter(remitted_on__gte=start, remitted_on__lte=end))
    charges = DuesCharge.objects.filter(org_id__in=sub, month__gte=month_start(start), month__lte=end)
    lines = DuesPaymentMonth.objects.filter(payment__org_id__in=sub, month__gte=month_start(start), month__lte=end)
    return {
        "start": start,
        "end": end,
        "opening": opening,
        "charged": total(charges),
        "paid": paid,
        "paid_for_period": total(lines),
        "voluntary": total(payments, "voluntary_amount"),
        "to_central": total(payments.filter(to_central=True), "voluntary_amount"),
        "reversed": -total(payments.filter(reverses__isnull=False)),
        "remitted": remitted,
        "closing": opening + paid - remitted,
        "remittances": list(
            _remitted_out(org)
            .filter(remitted_on__gte=start, remitted_on__lte=end)
            .select_related("org", "to_org")
            .order_by("remitted_on", "id")
        ),
        "reconciliations": list(DuesReconciliation.objects.filter(org=org).order_by("-period_end", "-id")[:20]),
    }


def annual_total(org: Org, year: int) -> Decimal:
    """党费 received in ``year`` by ``org``'s subtree (net of reversals): the X of
    "2020年我局党员共缴纳党费X元" in the annual work summary."""
    return total(DuesPayment.objects.filter(org_id__in=subtree(org), paid_on__year=year))


def annual_summary(org: Org, year: int) -> list[dict]:
    """One row per org of the subtree (tree order): own and subtree figures for the year."""
    sub = subtree(org)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    charged = dict(
        DuesCharge.objects.filter(org_id__in=sub, month__gte=start, month__lte=end)
        .values("org_id")
        .annotate(t=Sum("amount"))
        .values_list("org_id", "t")
    )
    members = dict(
        DuesCharge.objects.filter(org_id__in=sub, month__gte=start, month__lte=end)
        .values("org_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("org_id", "n")
    )
    pays = DuesPayment.objects.filter(org_id__in=sub, paid_on__gte=start, paid_on__lte=end).values("org_id")
    paid = {
        r["org_id"]: r
        for r in pays.annotate(
            t=Sum("amount"), v=Sum("voluntary_amount"), c=Sum("voluntary_amount", filter=Q(to_central=True))
        )
    }
    remitted = dict(
        DuesRemittance.objects.filter(org_id__in=sub, remitted_on__gte=start, remitted_on__lte=end)
        .values("org_id")
        .annotate(t=Sum("amount"))
        .values_list("org_id", "t")
    )
    orgs = list(Org.objects.filter(id__in=sub).order_by("path").values("id", "name", "code", "kind", "path", "depth"))
    rows = {}
    for o in orgs:
        p = paid.get(o["id"], {})
        own = {
            "members": members.get(o["id"], 0),
            "charged": cents(charged.get(o["id"])),
            "paid": cents(p.get("t")),
            "voluntary": cents(p.get("v")),
            "to_central": cents(p.get("c")),
            "remitted": cents(remitted.get(o["id"])),
        }
        rows[o["id"]] = {**o, "own": own, "total": dict(own), "level": o["depth"] - orgs[0]["depth"]}
    for o in orgs:  # roll each org's own figures up to every ancestor inside the subtree
        ids = [int(x) for x in o["path"].strip("/").split("/")][:-1]
        for anc in ids:
            if anc in rows:
                t = rows[anc]["total"]
                for k, v in rows[o["id"]]["own"].items():
                    if k != "remitted":
                        t[k] += v
    return list(rows.values())

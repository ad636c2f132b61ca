"""党费 facts for an org's subtree and a year — the dues side of the reports seam: whether anything was
recorded, the amount received and by how many people, and the year's 账款核对 (reconciliations)."""
from .models import DuesCharge, DuesPayment, DuesReconciliation
from .selectors import annual_total


def year_facts(org, sub, year: int) -> dict:
    """``all_matched`` is True only when every org of the subtree that received dues in the year checked its
    account in the year and every check matched (so "账款相符" is said of the whole subtree, or not at all)."""
    payments = DuesPayment.objects.filter(org_id__in=sub, paid_on__year=year)
    recorded = payments.exists() or DuesCharge.objects.filter(org_id__in=sub, month__year=year).exists()
    recs = list(DuesReconciliation.objects.filter(org_id__in=sub, period_end__year=year)
                .order_by("period_end", "id").values_list("org_id", "period_end", "difference"))
    paying = set(payments.values_list("org_id", flat=True).distinct())
    mismatches = sum(1 for _, _, d in recs if d != 0)
    return {"recorded": recorded,
            "total": annual_total(org, year) if recorded else None,
            "payers": payments.values("person").distinct().count(),
            "reconciliations": len(recs),
            "last_reconciled": recs[-1][1] if recs else None,
            "all_matched": bool(recs) and not mismatches and paying <= {o for o, _, _ in recs},
            "mismatches": mismatches}


def first_day(sub):
    """The day of the subtree's earliest dues payment on record."""
    from django.db.models import Min

    return DuesPayment.objects.filter(org_id__in=sub).aggregate(d=Min("paid_on"))["d"]

"""党费收缴明细表 for one month: per member base, amount owed, amount paid, date and method."""

import datetime
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery

from dangjian.lib import clock
from dangjian.members import roll
from dangjian.members.models import Person
from dangjian.rules.periods import add_months

from ..models import DuesCharge, DuesPaymentMonth, Method, live_line_filter
from ._common import subtree

METHOD_ZH = dict(Method.choices)
CENT = Decimal("0.01")


def monthly_rows(org, month) -> dict:
    """{"rows": [...], "charged", "paid", "unpaid_count", "count"}; rows in 姓氏笔画 order.

    The month's people: the 党员 on the subtree's roll at the month's end (today for the running month), and
    anyone the subtree charged for the month (someone who left or moved away during it)."""
    sub = subtree(org)
    on = min(add_months(month, 1) - datetime.timedelta(days=1), clock.today())
    charge = DuesCharge.objects.filter(person=OuterRef("pk"), month=month)
    line = DuesPaymentMonth.objects.filter(live_line_filter(), person=OuterRef("pk"), month=month)
    people = (
        Person.objects.filter(
            Q(id__in=roll.member_ids_on(sub, on))
            | Q(id__in=DuesCharge.objects.filter(org_id__in=sub, month=month).values("person_id"))
        )
        .annotate(
            charged=Subquery(charge.values("amount")[:1]),
            base=Subquery(charge.values("base_ref__base")[:1]),
            paid=Subquery(line.values("amount")[:1]),
            paid_on=Subquery(line.values("payment__paid_on")[:1]),
            method=Subquery(line.values("payment__method")[:1]),
            receipt_no=Subquery(line.values("payment__receipt_no")[:1]),
            payment_id=Subquery(line.values("payment_id")[:1]),
        )
        .select_related("org")
        .order_by("org__path", "stroke_key", "id")
    )
    rows = list(people)
    for r in rows:
        r.method_zh = METHOD_ZH.get(r.method, "")
        for name in ("charged", "base", "paid"):  # SQLite hands subquery decimals back unscaled
            value = getattr(r, name)
            if value is not None:
                setattr(r, name, Decimal(value).quantize(CENT))
    charged = sum((r.charged or 0 for r in rows), Decimal("0.00"))
    paid = sum((r.paid or 0 for r in rows), Decimal("0.00"))
    return {
        "rows": rows,
        "charged": charged,
        "paid": paid,
        "count": len(rows),
        "unpaid_count": sum(1 for r in rows if r.charged and r.paid is None),
    }

import datetime
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Sum, Value
from django.db.models.functions import Coalesce

from dangjian.lib import clock
from dangjian.orgs.selectors import subtree_ids

from ..models import DuesPaymentMonth, live_line_filter

ZERO = Value(0, output_field=DecimalField(max_digits=12, decimal_places=2))


subtree = subtree_ids  # the org and everything below it, as a subquery


def live_lines(person_ref="person", month_ref="month", on: datetime.date | None = None):
    """Payment lines that count for the outer row's member-month (see models.live_line_filter).

    ``on``: as of that day — only payments made (paid_on) by then count. A reversal (冲正) undoes its payment
    whenever it was written: it corrects a wrong entry, so the payment never counted. None (or today and
    later: no payment is dated after today) reads the ledger as it stands, without the date condition."""
    qs = DuesPaymentMonth.objects.filter(live_line_filter(), person=OuterRef(person_ref), month=OuterRef(month_ref))
    if on is not None and on < clock.today():
        qs = qs.filter(payment__paid_on__lte=on)
    return qs


def is_paid(person_ref="person", month_ref="month", on: datetime.date | None = None):
    return Exists(live_lines(person_ref, month_ref, on))


CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """SQLite sums decimals as floats (46739744.2900001): bring every aggregate back to the cent."""
    return Decimal(str(value or 0)).quantize(CENT)


def total(qs, field="amount") -> Decimal:
    return cents(qs.aggregate(t=Coalesce(Sum(field), ZERO))["t"])

"""党费收缴明细表 for one month: per member base, amount owed, amount paid, date and method."""

import datetime
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Sum

from dangjian.core.paging import PER_PAGE
from dangjian.lib import clock
from dangjian.members import roll
from dangjian.members.models import Person
from dangjian.rules.periods import add_months

from .. import status as dues_status
from ..models import DuesCharge, DuesPaymentMonth, Method, live_line_filter
from ._common import cents, subtree

METHOD_ZH = dict(Method.choices)
CENT = Decimal("0.01")


def _people(org, month):
    """The month's people (see monthly_rows) and their charge/payment columns, as one queryset."""
    sub = subtree(org)
    on = min(add_months(month, 1) - datetime.timedelta(days=1), clock.today())
    charge = DuesCharge.objects.filter(person=OuterRef("pk"), month=month)
    line = DuesPaymentMonth.objects.filter(live_line_filter(), person=OuterRef("pk"), month=month)
    ids = Person.objects.filter(
        Q(id__in=roll.member_ids_on(sub, on))
        | Q(id__in=DuesCharge.objects.filter(org_id__in=sub, month=month).values("person_id"))
    )
    columns = {
        "charged": Subquery(charge.values("amount")[:1]),
        "base": Subquery(charge.values("base_ref__base")[:1]),
        "paid": Subquery(line.values("amount")[:1]),
        "paid_on": Subquery(line.values("payment__paid_on")[:1]),
        "method": Subquery(line.values("payment__method")[:1]),
        "receipt_no": Subquery(line.values("payment__receipt_no")[:1]),
        "payment_id": Subquery(line.values("payment_id")[:1]),
    }
    return ids, columns


ORDER = ("org__path", "stroke_key", "id")


def _finish(rows):
    for r in rows:
        r.method_zh = METHOD_ZH.get(r.method, "")
        for name in ("charged", "base", "paid"):  # SQLite hands subquery decimals back unscaled
            value = getattr(r, name)
            if value is not None:
                setattr(r, name, Decimal(value).quantize(CENT))
    return rows


def monthly_rows(org, month) -> dict:
    """{"rows": [...], "charged", "paid", "unpaid_count", "count"}; rows in 姓氏笔画 order.

    The month's people: the 党员 on the subtree's roll at the month's end (today for the running month), and
    anyone the subtree charged for the month (someone who left or moved away during it)."""
    ids, columns = _people(org, month)
    rows = _finish(list(ids.annotate(**columns).select_related("org").order_by(*ORDER)))
    charged = sum((r.charged or 0 for r in rows), Decimal("0.00"))
    paid = sum((r.paid or 0 for r in rows), Decimal("0.00"))
    return {
        "rows": rows,
        "charged": charged,
        "paid": paid,
        "count": len(rows),
        "unpaid_count": sum(1 for r in rows if r.charged and r.paid is None),
    }


def monthly_page(org, month, page_number, per_page: int = PER_PAGE) -> dict:
    """monthly_rows for one page of the month table: the same totals (and the people counted by status:
    "counts" = {status code: people}) from one aggregate query, and only the page's rows (a Page, each row
    with ``st``, its status) computed in full. A city's month is 60,000 people: the whole table took 4 s."""
    ids, columns = _people(org, month)
    unpaid = Q(paid__isnull=True)
    agg = ids.annotate(charged=columns["charged"], paid=columns["paid"]).aggregate(
        count=Count("id"),
        t_charged=Sum("charged"),
        t_paid=Sum("paid"),
        n_paid=Count("id", filter=Q(paid__isnull=False)),
        n_none=Count("id", filter=unpaid & Q(charged__isnull=True)),
        n_exempt=Count("id", filter=unpaid & Q(charged=0)),
        n_unpaid=Count("id", filter=unpaid & Q(charged__gt=0)),
    )
    paginator = Paginator(ids.order_by(*ORDER).values_list("id", flat=True), per_page)
    paginator.count = agg["count"]  # known from the aggregate: no second COUNT
    page = paginator.get_page(page_number)
    page_ids = list(page.object_list)
    where = {pk: i for i, pk in enumerate(page_ids)}
    rows = _finish(list(Person.objects.filter(id__in=page_ids).annotate(**columns).select_related("org")))
    rows.sort(key=lambda r: where[r.pk])
    day, today = dues_status.due_day(org), clock.today()
    for r in rows:
        r.st = dues_status.status_of(r.charged, r.paid is not None, month, today, day)
    page.object_list = rows
    counts = {code: agg[f"n_{code}"] for code in dues_status.LABELS}
    return {
        "table": {
            "rows": rows,
            "charged": cents(agg["t_charged"]),
            "paid": cents(agg["t_paid"]),
            "count": agg["count"],
            "unpaid_count": agg["n_unpaid"],
        },
        "page": page,
        "counts": counts,
        "due_day": day,
    }

"""What a member sees of their own dues: base, monthly amount, payments and what they owe."""

import datetime

from dangjian.rules.periods import add_months, month_start

from ..models import DuesBase, DuesCharge, DuesPayment
from ..status import due_day, overdue, status_of
from ._common import is_paid
from .arrears import run_rows


def member_dues(person, today: datetime.date) -> dict:
    this_month = month_start(today)
    base = (
        DuesBase.objects.filter(person=person, effective_month__lte=this_month)
        .order_by("-effective_month", "-id")
        .first()
    )
    charges = list(
        DuesCharge.objects.filter(person=person, month__gte=datetime.date(today.year - 1, 1, 1))
        .annotate(paid=is_paid())
        .order_by("-month")
    )
    day = due_day(person.org)
    for c in charges:  # one wording with the branch's month table (dues.status)
        c.status = status_of(c.amount, c.paid, c.month, today, day)
    # Owed (欠交): unpaid months whose due day has passed; the running month before it is not owed yet.
    owed = [
        c
        for c in DuesCharge.objects.filter(person=person, amount__gt=0, month__lte=this_month)
        .annotate(paid=is_paid())
        .order_by("month")
        if not c.paid and overdue(c.month, today, day)
    ]
    run = list(
        run_rows(DuesCharge.objects.filter(person=person).values("org_id"), today)
        .filter(person=person)
        .values_list("month", flat=True)
    )
    payments = list(
        DuesPayment.objects.filter(person=person)
        .prefetch_related("lines")
        .select_related("reverses")
        .order_by("-paid_on", "-id")[:50]
    )
    return {
        "due_day": day,
        "base": base,
        "charges": charges,
        "owed": owed,
        "owed_total": sum((c.amount for c in owed), 0),
        "run": run,
        "payments": payments,
        "last_month": add_months(this_month, -1),
    }

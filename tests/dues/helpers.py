import datetime
from decimal import Decimal

from dangjian.dues import services

D = Decimal


def set_base(world, person, month="2026-01", base="7650", category="employed", **kw):
    return services.base_set(actor=world.alice, person=person, effective_month=month, category=category,
                             base=base, **kw)


def pay(world, person, months, paid_on=datetime.date(2026, 4, 10), **kw):
    return services.payment_record(actor=world.alice, person=person, paid_on=paid_on, months=months, **kw)


def generate(world, *months, org=None):
    return [services.charges_generate(actor=world.alice, org=org or world.branch_a, month=m) for m in months]

import datetime
from decimal import Decimal

from dangjian.dues import services

D = Decimal


def set_base(world, person, month="2026-01", base="7650", category="employed", actor=None, **kw):
    # branch B's people are charlie's to manage: alice is refused there (dues services check scope)
    actor = actor or (world.charlie if person.org_id == world.branch_b.pk else world.alice)
    return services.base_set(actor=actor, person=person, effective_month=month, category=category, base=base, **kw)


def pay(world, person, months, paid_on=datetime.date(2026, 4, 10), actor=None, **kw):
    return services.payment_record(actor=actor or world.alice, person=person, paid_on=paid_on, months=months, **kw)


def generate(world, *months, org=None, actor=None):
    org = org or world.branch_a
    actor = actor or (world.charlie if org.pk == world.branch_b.pk else world.alice)
    return [services.charges_generate(actor=actor, org=org, month=m) for m in months]

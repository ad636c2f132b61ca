"""应交: one DuesCharge per member and month, generated in one INSERT … SELECT (idempotent)."""

import datetime

from django.db import connection, transaction

from dangjian.core import audit
from dangjian.lib import clock
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.periods import add_months

from ..models import DuesBase, DuesCharge
from ._common import month_start, require_manage, settings_for

STUDENT_FIXED = "0.20"  # FEE-05: a student member without a recorded base still owes 0.20 a month


def _sql(annual: bool) -> str:
    charge, base, person, org = (m._meta.db_table for m in (DuesCharge, DuesBase, Person, Org))
    latest = (
        f"(SELECT b.id FROM {base} b WHERE b.person_id = p.id AND b.effective_month <= %s "
        "ORDER BY b.effective_month DESC, b.id DESC LIMIT 1)"
    )
    base_id = f"COALESCE({latest}, {latest})" if annual else latest
    statuses = ", ".join(f"'{s}'" for s in MEMBER_STATUSES)
    return f"""
INSERT INTO {charge} (person_id, org_id, bureau_id, month, amount, base_ref_id, created_at)
SELECT x.pid, x.oid, x.bid, %s, COALESCE((SELECT b.amount FROM {base} b WHERE b.id = x.base_id), x.fixed),
       x.base_id, %s
FROM (
  SELECT p.id AS pid, p.org_id AS oid, p.bureau_id AS bid, {base_id} AS base_id,
         CASE WHEN p.category = 'student' THEN {STUDENT_FIXED} ELSE NULL END AS fixed
  FROM {person} p
  WHERE p.org_id IN (SELECT o.id FROM {org} o WHERE o.path LIKE %s)
    AND p.on_roll = %s AND p.status IN ({statuses})
    AND (p.join_date IS NULL OR p.join_date < %s)
    AND NOT EXISTS (SELECT 1 FROM {charge} c WHERE c.person_id = p.id AND c.month = %s)
) x
WHERE x.base_id IS NOT NULL OR x.fixed IS NOT NULL
ON CONFLICT DO NOTHING"""


def _members(org: Org, month: datetime.date):
    return Person.objects.filter(
        org_id__in=subtree_ids(org),
        on_roll=True,
        status__in=MEMBER_STATUSES,
    ).exclude(join_date__gte=add_months(month, 1))


def charges_generate(*, actor, org: Org, month) -> dict:
    """Create the month's charges for every member of ``org``'s subtree who owes dues that month
    (FEE-07: from the month of joining) and has a base (students: 0.20 without one).

    Running it again creates nothing new and changes nothing already generated.
    Returns {"created", "existing", "missing_base"} (members skipped for lack of a base).
    """
    require_manage(actor, org)
    month = month_start(month)
    annual = settings_for(org).dues_base_mode == "annual"
    ops = connection.ops
    m = ops.adapt_datefield_value(month)
    params = []
    params += [m]  # month
    params += [ops.adapt_datetimefield_value(clock.now())]
    params += [ops.adapt_datefield_value(datetime.date(month.year, 1, 1)), m] if annual else [m]
    params += [org.path + "%", True, ops.adapt_datefield_value(add_months(month, 1)), m]
    with transaction.atomic():
        existing = DuesCharge.objects.filter(month=month, person__in=_members(org, month)).count()
        with connection.cursor() as cur:
            cur.execute(_sql(annual), params)
            created = max(cur.rowcount, 0)
        total = _members(org, month).count()
        result = {
            "month": month,
            "created": created,
            "existing": existing,
            "missing_base": max(total - existing - created, 0),
        }
        audit.record(
            actor=actor,
            org=org,
            kind="dues.charges_generate",
            subject=org,
            data={"month": month.isoformat(), "created": created, "missing_base": result["missing_base"]},
        )
    return result

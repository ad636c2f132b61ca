"""上缴 (remittance) and 账款相符 (reconciliation) records — appended, never edited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.lib import clock
from dangjian.orgs.models import Org

from ..models import DuesReconciliation, DuesRemittance
from ._common import money, require_manage


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def remittance_record(
    *,
    actor,
    org: Org,
    period_start: datetime.date,
    period_end: datetime.date,
    amount,
    remitted_on: datetime.date,
    to_org: Org | None = None,
    reference: str = "",
) -> DuesRemittance:
    """Money passed from ``org`` to its superior (default: the parent org) for a period."""
    require_manage(actor, org)
    value = money(amount, "amount", "上缴金额")
    if value <= 0:
        raise ValidationError({"amount": "上缴金额应大于0"})
    if period_end < period_start:
        raise ValidationError({"period_end": "所属期间止不能早于所属期间起"})
    if remitted_on > clock.today():
        raise ValidationError({"remitted_on": "上缴日期不能晚于今天"})
    to_org = to_org or (org.parent if org.parent_id else None)
    row = DuesRemittance(
        org=org,
        bureau_id=org.bureau_id or org.pk,
        to_org=to_org,
        period_start=period_start,
        period_end=period_end,
        amount=value,
        remitted_on=remitted_on,
        reference=reference.strip(),
        entered_by=_user(actor),
    )
    with transaction.atomic():
        row.save()
        audit.record(
            actor=actor,
            org=org,
            kind="dues.remittance",
            subject=org,
            data={
                "remittance": row.pk,
                "amount": str(value),
                "remitted_on": remitted_on.isoformat(),
                "to_org": to_org.pk if to_org else None,
                "reference": row.reference,
            },
        )
    return row


def reconciliation_record(
    *, actor, org: Org, period_end: datetime.date, stated_balance, note: str = ""
) -> DuesReconciliation:
    """Compare the balance the treasurer counts with the ledger's balance held at ``period_end``."""
    require_manage(actor, org)
    from ..selectors.ledger import balance_held

    stated = money(stated_balance, "stated_balance", "实存余额", allow_negative=True)
    computed = balance_held(org, period_end)
    row = DuesReconciliation(
        org=org,
        period_end=period_end,
        stated_balance=stated,
        computed_balance=computed,
        difference=stated - computed,
        note=note.strip(),
        entered_by=_user(actor),
    )
    with transaction.atomic():
        row.save()
        audit.record(
            actor=actor,
            org=org,
            kind="dues.reconciliation",
            subject=org,
            data={
                "period_end": period_end.isoformat(),
                "stated": str(stated),
                "computed": str(computed),
                "difference": str(row.difference),
            },
        )
    return row

"""To-do items of the dues ledger (to-do contract): FEE-12 arrears and unreconciled balances."""

import datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids

from .models import DuesReconciliation
from .selectors.arrears import arrears


def todos_for(user, today: datetime.date) -> list[dict]:
    """For orgs the user manages: members with 5 unpaid months (warning) or ≥ 6 (LAPSE_REVIEW, error),
    with the months listed; and the latest 账款相符 check of an org when it shows a difference."""
    managed = visible_org_ids(user, manage=True)
    items, urls = [], {}
    for row in arrears(None, today, min_run=5, org_ids=managed):
        if row["org_code"] not in urls:
            urls[row["org_code"]] = reverse("dues:arrears", args=[row["org_code"]])
        f = row["finding"]
        items.append(
            {
                "due_date": f.due_date or today,
                "title_zh": f"{row['name']}（{row['org_name']}）：{f.message_zh}",
                "rule_id": "FEE-12",
                "url": urls[row["org_code"]],
                "org_id": row["org_id"],
                "level": f.level,
                "code": f.code,
            }
        )
    latest = DuesReconciliation.objects.filter(org=OuterRef("org")).order_by("-period_end", "-id").values("id")[:1]
    for rec in (
        DuesReconciliation.objects.filter(org_id__in=managed, id=Subquery(latest))
        .exclude(difference=0)
        .select_related("org")
    ):
        items.append(
            {
                "due_date": rec.period_end,
                "rule_id": "FEE",
                "org_id": rec.org_id,
                "level": "warning",
                "title_zh": f"{rec.org.name}党费账款不符：截至{rec.period_end:%Y年%m月%d日}账面结存{rec.computed_balance}元，"
                f"实存{rec.stated_balance}元，差额{rec.difference}元，请核对",
                "url": reverse("dues:ledger", args=[rec.org.code]),
            }
        )
    items.sort(key=lambda i: ({"error": 0, "warning": 1, "info": 2}[i["level"]], i["due_date"]))
    return items

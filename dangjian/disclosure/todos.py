"""党务公开 to-dos: items waiting for 审核/审批/公开 (PUB-02) and unanswered letters, for orgs the user manages."""

import datetime

from django.db.models import Count, Max, Min
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids

from .models import DisclosureItem, DisclosureStatus, Message

WAIT_DAYS = 7
NEXT_ZH = {DisclosureStatus.PROPOSED: "审核", DisclosureStatus.REVIEWED: "审批", DisclosureStatus.APPROVED: "公开"}


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    out = []
    pending = (
        DisclosureItem.objects.filter(org_id__in=managed, status__in=list(NEXT_ZH))
        .annotate(last=Max("steps__on"))
        .values("id", "title", "status", "org_id", "last")[:500]
    )
    for r in pending:
        due = (r["last"] or today) + datetime.timedelta(days=WAIT_DAYS)
        out.append(
            {
                "due_date": due,
                "title_zh": f"党务公开“{r['title']}”待{NEXT_ZH[r['status']]}",
                "rule_id": "PUB-02",
                "url": reverse("disclosure:item", args=[r["id"]]),
                "org_id": r["org_id"],
                "level": "warning" if due < today else "info",
            }
        )
    waiting = (
        Message.objects.filter(org_id__in=managed, reply="")
        .values("org_id", "org__code", "org__name")
        .annotate(n=Count("id"), first=Min("sent_at"))
    )
    for r in waiting:
        due = r["first"].date() + datetime.timedelta(days=WAIT_DAYS)
        out.append(
            {
                "due_date": due,
                "title_zh": f"{r['org__name']}：书记信箱/意见反馈{r['n']}件待答复",
                "rule_id": "PUB-01",
                "url": reverse("disclosure:mailbox", args=[r["org__code"]]),
                "org_id": r["org_id"],
                "level": "warning" if due < today else "info",
            }
        )
    return out

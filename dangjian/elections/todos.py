"""换届 to-dos: terms ending within six months (BR-04 reminder) and elected 书记/副书记 awaiting the superior's
approval (BR-06). Overdue elections (BR-05) come from dangjian.orgs.todos, not repeated here."""

import datetime

from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import CommitteeTerm
from dangjian.rules.periods import add_months

from .models import Election, ElectionStatus

REMIND_MONTHS = 6


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    out = []
    horizon = add_months(today, REMIND_MONTHS)
    for t in CommitteeTerm.objects.filter(
        org_id__in=managed, ended_on__isnull=True, ends_on__gte=today, ends_on__lte=horizon, org__is_active=True
    ).values("org_id", "org__code", "org__name", "ends_on")[:2000]:
        out.append(
            {
                "due_date": t["ends_on"],
                "rule_id": "BR-04",
                "org_id": t["org_id"],
                "level": "info",
                "title_zh": f"{t['org__name']}本届任期将于{t['ends_on'].isoformat()}届满，请做好换届准备",
                "url": reverse("elections:home", args=[t["org__code"]]),
            }
        )
    # Elections waiting for approval: shown to the superior (who manages the parent) and to the branch.
    for e in (
        Election.objects.filter(status=ElectionStatus.VOTED)
        .filter(org_id__in=managed)
        .values("id", "org_id", "org__name", "held_on")[:500]
    ):
        out.append(
            {
                "due_date": e["held_on"] + datetime.timedelta(days=30),
                "rule_id": "BR-06",
                "org_id": e["org_id"],
                "level": "warning",
                "title_zh": f"{e['org__name']}选举产生的书记、副书记待上级党组织批复",
                "url": reverse("elections:detail", args=[e["id"]]),
            }
        )
    return out

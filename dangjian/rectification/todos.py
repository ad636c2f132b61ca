"""To-dos of the rectification app (see dangjian/site/todos.py for the contract).

- Items being worked on (整改中) due within 14 days or overdue: for the managers of the item's own org
  (a role on that org) and for the owner when the Person has a login.
- Items reported done (已整改待验收): for the superior who accepts them — a manager of an ancestor org, or of
  the org itself when no ancestor has a manager (the same rule as services.can_accept; role assignments only,
  so a system administrator is not flooded with every branch's items).
rule_id is the item's own rule_id (a regulations.md ID when raised from a finding), else "RECT".
A bounded number of queries whatever the number of items.
"""

import datetime

from django.db.models import Q
from django.urls import reverse

from dangjian.accounts.models import MANAGING_ROLES, RoleAssignment
from dangjian.accounts.scope import visible_org_ids

from .models import Rectification, RectificationStatus

WINDOW = datetime.timedelta(days=14)
LIMIT = 500


def _item(due, title, rule_id, url, org_id, level):
    return {
        "due_date": due,
        "title_zh": title,
        "rule_id": rule_id or "RECT",
        "url": url,
        "org_id": org_id,
        "level": level,
    }


def todos_for(user, today: datetime.date) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    own = list(RoleAssignment.objects.filter(user=user, role__in=MANAGING_ROLES).values_list("org_id", flat=True))
    due = (
        Rectification.objects.filter(status=RectificationStatus.OPEN, due_date__lte=today + WINDOW)
        .filter(Q(org_id__in=own) | Q(owner__user=user))
        .select_related("org")[:LIMIT]
    )
    for r in due:
        late = r.due_date < today
        out.append(
            _item(
                r.due_date,
                f"{r.org.name}整改{'已逾期' if late else '到期'}：{r.problem[:40]}",
                r.rule_id,
                reverse("rectification:detail", args=[r.pk]),
                r.org_id,
                "error" if late else "warning",
            )
        )
    if not own:
        return out
    waiting = list(
        Rectification.objects.filter(
            status=RectificationStatus.DONE, org_id__in=visible_org_ids(user, manage=True)
        ).select_related("org")[:LIMIT]
    )
    ancestors = {a for r in waiting for a in r.org.ancestors_ids()}
    managed_ancestors = set(
        RoleAssignment.objects.filter(org_id__in=ancestors, role__in=MANAGING_ROLES).values_list("org_id", flat=True)
    )
    mine = set(own)
    for r in waiting:
        above = set(r.org.ancestors_ids())
        if (above & mine) or (not (above & managed_ancestors) and r.org_id in mine):
            out.append(
                _item(
                    r.reported_on or today,
                    f"验收{r.org.name}的整改：{r.problem[:40]}",
                    r.rule_id,
                    reverse("rectification:detail", args=[r.pk]),
                    r.org_id,
                    "info",
                )
            )
    return out

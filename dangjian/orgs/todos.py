"""Org-level to-dos: branch findings (BR-01/02/03/05) for every branch the user manages, in a few queries."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.members.models import Person, Status
from dangjian.rules.orgs import check_branch

from .models import BRANCH_KINDS, CommitteeTerm, Org


def todos_for(user, today: datetime.date) -> list[dict]:
    branches = Org.objects.filter(id__in=visible_org_ids(user, manage=True), kind__in=BRANCH_KINDS, is_active=True)
    branch_rows = list(branches.values("id", "code", "name", "kind"))
    if not branch_rows:
        return []
    ids = [b["id"] for b in branch_rows]
    counts = {
        r["org_id"]: r
        for r in Person.objects.filter(org_id__in=ids, on_roll=True)
        .values("org_id")
        .annotate(
            full=Count("id", filter=Q(status=Status.FULL)), prob=Count("id", filter=Q(status=Status.PROBATIONARY))
        )
    }
    terms = {
        t["org_id"]: t
        for t in CommitteeTerm.objects.filter(org_id__in=ids, ended_on__isnull=True)
        .annotate(size=Count("members"))
        .values("org_id", "ends_on", "size")
    }
    out = []
    for b in branch_rows:
        c = counts.get(b["id"], {"full": 0, "prob": 0})
        t = terms.get(b["id"])
        findings = check_branch(
            c["full"],
            c["prob"],
            t["size"] if t else 0,
            t["ends_on"] if t else None,
            today,
            is_joint=b["kind"] == "joint_branch",
            subject=b["name"],
        )
        for f in findings:
            if f.level == "info":
                continue
            out.append(
                {
                    "due_date": f.due_date,
                    "title_zh": f"{b['name']}：{f.message_zh}",
                    "rule_id": f.rule_id,
                    "url": reverse("orgs:detail", args=[b["code"]]),
                    "org_id": b["id"],
                    "level": f.level,
                }
            )
    return out

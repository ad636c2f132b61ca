"""The org tree's facts for the reports seam: the orgs of a subtree, their committee terms, overdue terms."""

import dataclasses
import datetime

from django.db.models import Count

from .models import BRANCH_KINDS, CommitteeRole, CommitteeTerm, Org, subtree_q


def orgs_under(org: Org) -> list[Org]:
    """The org and every org under it, by path."""
    return list(Org.objects.filter(subtree_q(org.path)).order_by("path"))


def all_orgs() -> dict[int, Org]:
    """Every org (id, path, name, kind only), by id: to walk up from a case's branch to its approving org."""
    return {o.id: o for o in Org.objects.all().only("id", "path", "name", "kind")}


def children(root: Org) -> list[dict]:
    """The root's active direct children that are neither branches nor 党小组 (id, code, name, path)."""
    return list(
        Org.objects.filter(parent=root, is_active=True)
        .exclude(kind__in=(*BRANCH_KINDS, "group"))
        .order_by("sort_order", "path")
        .values("id", "code", "name", "path")
    )


@dataclasses.dataclass
class Term:
    started_on: datetime.date
    ended_on: datetime.date | None
    ends_on: datetime.date
    has_secretary: bool


def committee_terms(org_ids) -> dict[int, list[Term]]:
    """{org id: its committee terms} (with whether a 书记 is on each)."""
    out: dict[int, list[Term]] = {}
    for t in CommitteeTerm.objects.filter(org_id__in=org_ids).prefetch_related("members"):
        out.setdefault(t.org_id, []).append(
            Term(t.started_on, t.ended_on, t.ends_on, any(m.role == CommitteeRole.SECRETARY for m in t.members.all()))
        )
    return out


def overdue_terms(sub, today: datetime.date) -> list[tuple[int, int]]:
    """(org id, n) of current terms past their end date (换届 overdue)."""
    return list(
        CommitteeTerm.objects.filter(org_id__in=sub, ended_on__isnull=True, ends_on__lt=today)
        .order_by()
        .values_list("org_id")
        .annotate(n=Count("id"))
    )


def committee_on(org: Org, on: datetime.date, today: datetime.date):
    """(the committee term that ran on day `on` — the current one when `on` is today or later — or None,
    [(post label, name)] of its members)."""
    from django.db.models import Q

    from .models import CommitteeMember
    from .selectors import current_committee

    if on >= today:
        term, posts = current_committee(org)
    else:
        term = (
            CommitteeTerm.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), org=org, started_on__lte=on)
            .order_by("-started_on")
            .first()
        )
        posts = list(CommitteeMember.objects.filter(term=term).select_related("person")) if term else []
    return term, [(m.get_role_display(), m.person.name) for m in posts]

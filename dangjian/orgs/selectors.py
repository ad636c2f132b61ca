"""Every read of the org tree, scoped by visible_org_ids."""
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids

from .models import CommitteeMember, Org, subtree_q


def orgs_visible(user, *, manage: bool = False):
    return Org.objects.filter(id__in=visible_org_ids(user, manage=manage))


def org_get(user, *, pk=None, code=None, manage: bool = False) -> Org:
    qs = orgs_visible(user, manage=manage)
    org = qs.filter(pk=pk).first() if pk is not None else qs.filter(code=code).first()
    if org is None:
        raise Http404("组织不存在或无权查看")
    return org


def subtree_ids(org: Org):
    """Ids of the org and everything below it, as a subquery."""
    return Org.objects.filter(subtree_q(org.path)).values("id")


def top_orgs(user):
    """The highest visible orgs: the roots of what this user may see."""
    orgs = list(orgs_visible(user).order_by("path").only("id", "path", "name", "kind", "code", "depth"))
    tops, seen = [], []
    for o in orgs:
        if not any(o.path.startswith(p) for p in seen):
            tops.append(o)
            seen.append(o.path)
    return tops


def current_committee(org: Org):
    term = org.terms.filter(ended_on__isnull=True).first()
    members = list(CommitteeMember.objects.filter(term=term).select_related("person")) if term else []
    return term, members

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


def branches_of(org: Org) -> list[Org]:
    """The active branches of the org's subtree in tree order (the org itself when it is a branch)."""
    from .models import BRANCH_KINDS

    if org.kind in BRANCH_KINDS:
        return [org]
    return list(Org.objects.filter(subtree_q(org.path), kind__in=BRANCH_KINDS, is_active=True).order_by("path"))


def branch_map(root: Org) -> tuple[list[dict], dict]:
    """The subtree's active branches (tree order) and org id → id of the branch it belongs to (itself or the
    nearest branch above it; None for orgs above the branches)."""
    from .models import BRANCH_KINDS

    orgs = list(
        Org.objects.filter(subtree_q(root.path))
        .order_by("path")
        .values_list("id", "path", "kind", "code", "name", "is_active")
    )
    branch_ids = {o[0] for o in orgs if o[2] in BRANCH_KINDS}
    owner = {}
    for oid, path, _kind, *_ in orgs:
        ids = [int(x) for x in path.strip("/").split("/")]
        owner[oid] = next((i for i in reversed(ids) if i in branch_ids), None)
    branches = [{"id": o[0], "code": o[3], "name": o[4], "path": o[1]} for o in orgs if o[0] in branch_ids and o[5]]
    return branches, owner


def secretary_on(org: Org, on):
    """(person, post label) of the org's 书记 on day `on` (副书记 when no 书记 is recorded), or (None, "")."""
    from django.db.models import Q

    from .models import CommitteeRole

    serving = Q(term__org=org, term__started_on__lte=on) & (Q(term__ended_on__isnull=True) | Q(term__ended_on__gt=on))
    for role in (CommitteeRole.SECRETARY, CommitteeRole.DEPUTY_SECRETARY):
        cm = (
            CommitteeMember.objects.filter(serving, role=role)
            .select_related("person")
            .order_by("-term__started_on")
            .first()
        )
        if cm is not None:
            return cm.person, CommitteeRole(role).label
    return None, ""


def committee_size_on(org: Org, on) -> int:
    """How many served on the org's committee on day `on`."""
    from django.db.models import Q

    return CommitteeMember.objects.filter(
        Q(term__org=org, term__started_on__lte=on) & (Q(term__ended_on__isnull=True) | Q(term__ended_on__gt=on))
    ).count()


def active_children(org: Org):
    """The org's active sub-organizations in the order the tree shows them."""
    return org.children.filter(is_active=True).order_by("sort_order", "name")


def org_fresh(org: Org) -> Org:
    """The org as stored now (an edit form starts from the database, not from the instance a check loaded)."""
    return Org.objects.get(pk=org.pk)


def org_tree_rows(user, *, root: Org | None = None) -> list[dict]:
    """The orgs the user manages (under `root` when given) in tree order, as plain rows for the API."""
    qs = orgs_visible(user, manage=True)
    if root is not None:
        qs = qs.filter(subtree_q(root.path))
    return list(
        qs.order_by("path").values(
            "id", "code", "name", "short_name", "kind", "depth", "unit", "is_retiree", "parent__code"
        )
    )


def move_targets(user, org: Org):
    """Where the user may move `org`: orgs they manage outside its own subtree, never a 党小组."""
    return orgs_visible(user, manage=True).exclude(subtree_q(org.path)).exclude(kind="group")


def orgs_in_tree(user):
    """The orgs the user manages in tree order (the org tree page)."""
    return list(orgs_visible(user, manage=True).order_by("path"))


def children_of(org: Org):
    """All the org's sub-organizations, active or not, in display order (the API lists them)."""
    return org.children.order_by("sort_order", "path")

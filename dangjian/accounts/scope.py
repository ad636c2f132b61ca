"""The one scoping function. Every selector and API endpoint filters through it.

Filter with `org_id__in=visible_org_ids(user)`: it is a subquery of ids, which SQLite and
PostgreSQL plan far better than a path join on the member table.
"""

from django.db.models import Q, QuerySet

from dangjian.core.request_memo import memo
from dangjian.orgs.models import Org, subtree_q

from .models import MANAGING_ROLES, Role, RoleAssignment


def _paths(user, roles) -> list[str]:
    # Memoized for the rest of a GET request: a to-do page asks a dozen modules for the same scope.
    return memo(
        ("scope.paths", user.pk, tuple(roles)),
        lambda: list(RoleAssignment.objects.filter(user=user, role__in=roles).values_list("org__path", flat=True)),
    )


def visible_org_ids(user, *, manage: bool = False) -> QuerySet:
    """Ids of orgs whose records the user may read (manage=False) or manage (manage=True).

    System admin: every org. Bureau officer / secretary / officer: the assigned org's subtree.
    Member (read only): their own branch, for its notices; their own record is scoped by Person.user.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Org.objects.none().values("id")
    if user.is_superuser:
        return Org.objects.values("id")
    return memo(("scope.visible", user.pk, manage), lambda: _visible(user, manage))


def _visible(user, manage: bool) -> QuerySet:
    q = Q()
    for path in _paths(user, MANAGING_ROLES):
        q |= subtree_q(path)
    if not manage:
        member_orgs = RoleAssignment.objects.filter(user=user, role=Role.MEMBER).values("org_id")
        q |= Q(id__in=member_orgs)
    if not q:
        return Org.objects.none().values("id")
    return Org.objects.filter(q).values("id")


def can_manage(user, org) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return memo(
        ("scope.manages", user.pk, org.id), lambda: visible_org_ids(user, manage=True).filter(id=org.id).exists()
    )


def can_see_id_numbers(user) -> bool:
    if user.is_superuser:
        return True
    return memo(
        ("scope.see_ids", user.pk),
        lambda: RoleAssignment.objects.filter(user=user, can_see_id_numbers=True).exists(),
    )

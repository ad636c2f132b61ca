"""Reads for the account pages and API, scoped by authority.users_visible / admin_org_ids."""

from django.db.models import Prefetch, Q
from django.http import Http404

from dangjian.members.models import Person
from dangjian.orgs.models import Org, OrgKind
from dangjian.orgs.selectors import subtree_ids

from .authority import admin_org_ids, users_visible
from .models import ApiToken, LoginProfile, RoleAssignment


def users_list(actor, *, org=None, q: str = "", status: str = ""):
    qs = users_visible(actor)
    if org is not None:
        sub = subtree_ids(org)
        qs = qs.filter(Q(roles__org_id__in=sub) | Q(person__org_id__in=sub))
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q))
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    roles = RoleAssignment.objects.select_related("org").order_by("org__path", "role")
    return (
        qs.distinct()
        .select_related("person", "login_profile")
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by("username")
    )


def user_get(actor, pk):
    user = users_list(actor).filter(pk=pk).first()
    if user is None:
        raise Http404("账号不存在或无权查看")
    return user


def user_by_username(actor, username):
    user = users_list(actor).filter(username=username).first()
    if user is None:
        raise Http404("账号不存在或无权查看")
    return user


def admin_orgs(actor):
    """Orgs where the actor manages logins (no 党小组: roles are held on branches and above)."""
    return Org.objects.filter(id__in=admin_org_ids(actor)).exclude(kind=OrgKind.GROUP).order_by("path")


def admin_org_get(actor, code):
    org = admin_orgs(actor).filter(code=code).first()
    if org is None:
        raise Http404("组织不存在或无权管理")
    return org


def people_without_login(actor, org):
    """On-roll people of the org's subtree with no login yet, in 姓氏笔画 order."""
    return (
        Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, user__isnull=True)
        .filter(org_id__in=admin_org_ids(actor))
        .select_related("org")
        .order_by("stroke_key", "id")
    )


def must_change(user) -> bool:
    return LoginProfile.objects.filter(user=user, must_change_password=True).exists()


def token_of(user):
    return ApiToken.objects.filter(user=user).first()


def roles_of(user):
    return list(RoleAssignment.objects.filter(user=user).select_related("org").order_by("org__path", "role"))


def person_for_new_login(actor, pk):
    """An on-roll person of an org where the actor manages logins, who has no login yet (None otherwise)."""
    if not str(pk).isdigit():
        return None
    return (
        Person.objects.filter(pk=pk, on_roll=True, user__isnull=True, org_id__in=admin_org_ids(actor))
        .select_related("org")
        .first()
    )


def managed_person(actor, pk):
    """A person (on the roll or not) of an org where the actor manages logins, with org and login (or None)."""
    return Person.objects.filter(pk=pk, org_id__in=admin_org_ids(actor)).select_related("org", "user").first()


def role_of(user, pk):
    """One of the user's role assignments (None when the id is not the user's)."""
    return RoleAssignment.objects.select_related("org", "user").filter(pk=pk, user=user).first()


def login_named(username: str):
    """The login with this username, whoever manages it (the caller checks authority), or None."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first()


def token_for_key(key: str):
    """The API token with this key whose user is active, with the user (None otherwise)."""
    return ApiToken.objects.select_related("user").filter(key=key, user__is_active=True).first()

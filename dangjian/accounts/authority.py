"""Who may create logins and grant which role on which org node.

The rule, in one place (pages, API and CLI all ask here):
- Logins and roles are managed by the system administrator, bureau officers (上级党组织工作人员) and
  secretaries (书记), each inside the subtree of the node where they hold that role.
- A role is ranked: 党员 < 支部委员 < 书记 < 上级党组织工作人员. Inside its subtree a manager may grant
  any lower role, and its own role only on nodes strictly below its own (a bureau officer of the
  bureau makes a bureau officer of a school Party committee; a secretary of a 党总支 makes the
  secretaries of its branches). So nobody grants a role above their own or outside their subtree, and
  bureau officers of a top-level node are made only by the administrator.
- Revoking a role needs the same authority as granting it; resetting a password or deactivating a
  login needs authority over every role the login holds (otherwise a secretary could take over a
  bureau officer's login by resetting its password).
"""

from django.db.models import Q

from dangjian.orgs.models import Org, OrgKind, subtree_q

from .models import Role, RoleAssignment

RANK = {Role.MEMBER: 1, Role.OFFICER: 2, Role.SECRETARY: 3, Role.BUREAU_OFFICER: 4}
ACCOUNT_ADMIN_ROLES = (Role.BUREAU_OFFICER, Role.SECRETARY)
ROLE_ZH = dict(Role.choices)
# Which node kinds a role belongs on: bureau officers sit on Party committees / leading groups; no role
# is held on a 党小组 (a group's people belong to its branch).
ROLE_KINDS = {
    Role.BUREAU_OFFICER: {OrgKind.COMMITTEE, OrgKind.LEADING_GROUP},
    Role.SECRETARY: {
        OrgKind.COMMITTEE,
        OrgKind.LEADING_GROUP,
        OrgKind.GENERAL_BRANCH,
        OrgKind.BRANCH,
        OrgKind.JOINT_BRANCH,
    },
    Role.OFFICER: {
        OrgKind.COMMITTEE,
        OrgKind.LEADING_GROUP,
        OrgKind.GENERAL_BRANCH,
        OrgKind.BRANCH,
        OrgKind.JOINT_BRANCH,
    },
    Role.MEMBER: {OrgKind.GENERAL_BRANCH, OrgKind.BRANCH, OrgKind.JOINT_BRANCH},
}


class Console:
    """The administrator at the server's console (`dangjian user …`): full authority, no User row."""

    is_superuser = True
    is_authenticated = False  # audit rows get actor=None
    is_active = True
    pk = None
    username = "（命令行）"


CONSOLE = Console()
NOT_AN_ADMIN = "只有系统管理员、上级党组织工作人员和书记可以管理账号和角色"


def _admin_assignments(actor) -> list[tuple[str, str, int]]:
    """(role, org path, org id) of the actor's account-managing roles."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    rows = RoleAssignment.objects.filter(user=actor, role__in=ACCOUNT_ADMIN_ROLES).values_list(
        "role", "org__path", "org_id"
    )
    return list(rows)


def is_account_admin(actor) -> bool:
    return actor.is_superuser or bool(_admin_assignments(actor))


def admin_org_ids(actor):
    """Ids of the orgs in whose subtree the actor manages logins (a subquery)."""
    if actor.is_superuser:
        return Org.objects.values("id")
    q = Q()
    for _role, path, _id in _admin_assignments(actor):
        q |= subtree_q(path)
    return Org.objects.filter(q).values("id") if q else Org.objects.none().values("id")


def grant_refusal(actor, role: str, org: Org, *, see_ids: bool = False) -> str | None:
    """Why the actor may not grant (or revoke) `role` on `org`; None when it may."""
    role = Role(role)
    if org.kind not in ROLE_KINDS[role]:
        return f"“{ROLE_ZH[role]}”不能设在{org.get_kind_display()}上"
    if actor.is_superuser:
        return None
    if see_ids and not RoleAssignment.objects.filter(user=actor, can_see_id_numbers=True).exists():
        return "您本人不能查看完整身份证号，不能授予他人该权限"
    mine = _admin_assignments(actor)
    if not mine:
        return NOT_AN_ADMIN
    best = None
    for own, path, org_id in mine:
        if not org.path.startswith(path):
            continue
        own_rank, want = RANK[Role(own)], RANK[role]
        if want < own_rank or (want == own_rank and org_id != org.id):
            return None
        best = own
    if best is None:
        return f"{org.name}不在您管理的范围内"
    if role == Role.BUREAU_OFFICER and org.parent_id is None:
        return "顶级组织的上级党组织工作人员只能由系统管理员设置"
    return f"您是{ROLE_ZH[Role(best)]}，不能在{org.name}设置“{ROLE_ZH[role]}”（不能授予高于或等同于本人的角色）"


def can_grant(actor, role: str, org: Org) -> bool:
    return grant_refusal(actor, role, org) is None


def grantable_roles(actor, org: Org) -> list[str]:
    return [r for r in Role.values if can_grant(actor, r, org)]


def users_visible(actor):
    """Logins the actor may look at: those holding a role, or linked to a person, inside its subtree."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if actor.is_superuser:
        return User.objects.all()
    ids = admin_org_ids(actor)
    return User.objects.filter(
        Q(id__in=RoleAssignment.objects.filter(org_id__in=ids).values("user_id")) | Q(person__org_id__in=ids)
    ).exclude(is_superuser=True)


def manage_refusal(actor, target) -> str | None:
    """Why the actor may not reset the password of / deactivate `target`; None when it may."""
    if getattr(actor, "pk", None) is not None and actor.pk == target.pk:
        return "不能对自己的账号执行此操作（修改本人密码请到“我的账号”页面）"
    if actor.is_superuser:
        return None
    if target.is_superuser:
        return "系统管理员账号只能由系统管理员管理"
    for ra in RoleAssignment.objects.filter(user=target).select_related("org"):
        if not can_grant(actor, ra.role, ra.org):
            return f"该账号在{ra.org.name}担任“{ra.get_role_display()}”，超出您的管理权限"
    person = getattr(target, "person", None)  # reverse one-to-one: None when not linked
    if person is not None and not admin_org_ids(actor).filter(id=person.org_id).exists():
        return "该账号对应的人员不在您管理的范围内"
    return None

"""Roles held on an organization: granted and revoked within the actor's authority."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..authority import grant_refusal
from ..models import Role, RoleAssignment
from ._common import check_visible, record_event, refuse


@transaction.atomic
def role_grant(*, actor, user, org, role: str, can_see_id_numbers: bool = False) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": "角色无效"})
    refuse(grant_refusal(actor, role, org, see_ids=can_see_id_numbers))
    if not actor.is_superuser:
        check_visible(actor, user)
    if user.is_superuser:
        raise ValidationError("系统管理员已有全部权限，不需要再设置角色")
    if not user.is_active:
        raise ValidationError("该账号已停用，请先启用")
    if RoleAssignment.objects.filter(user=user, org=org, role=role).exists():
        raise ValidationError({"role": f"{user.get_full_name() or user.username}已是{org.name}的“{Role(role).label}”"})
    ra = RoleAssignment.objects.create(user=user, org=org, role=role, can_see_id_numbers=can_see_id_numbers)
    record_event(
        actor, "account.role_grant", user, org=org, role=role, org_code=org.code, can_see_id_numbers=can_see_id_numbers
    )
    return ra


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment):
    refuse(grant_refusal(actor, assignment.role, assignment.org))
    user, org, role = assignment.user, assignment.org, assignment.role
    if getattr(actor, "pk", None) == user.pk and not actor.is_superuser:
        raise PermissionDenied("不能撤销自己的角色")
    assignment.delete()
    record_event(actor, "account.role_revoke", user, org=org, role=role, org_code=org.code)

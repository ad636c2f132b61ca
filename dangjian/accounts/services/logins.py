"""Opening, stopping and restarting logins (one by one or for a roster)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..authority import admin_org_ids, grant_refusal, manage_refusal
from ..models import ApiToken, LoginProfile, Role, RoleAssignment
from ._common import USERNAME_RE, User, new_password, record_event, refuse, username_for


@transaction.atomic
def user_create(
    *, actor, name: str, org, role: str, person=None, username: str = "", can_see_id_numbers: bool = False
) -> tuple:
    """Create a login holding `role` on `org`; returns (user, initial password)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写姓名"})
    if len(name) > 50:
        raise ValidationError({"name": "姓名最多 50 个字"})
    if role not in Role.values:
        raise ValidationError({"role": "角色无效"})
    if person is not None:
        if not actor.is_superuser and not admin_org_ids(actor).filter(id=person.org_id).exists():
            raise PermissionDenied(f"{person.name}不在您管理的范围内")
        if person.user_id:
            raise ValidationError({"person": f"{person.name}已有账号（用户名 {person.user.username}）"})
        if not person.on_roll:
            raise ValidationError({"person": f"{person.name}已不在册，不能开通账号"})
    refuse(grant_refusal(actor, role, org, see_ids=can_see_id_numbers))
    username = (username or "").strip().lower()
    if username:
        if not USERNAME_RE.match(username):
            raise ValidationError({"username": "用户名须以字母开头，由 2–30 个小写字母、数字或 _ . - 组成"})
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": f"用户名“{username}”已被使用"})
    else:
        username = username_for(name)
    password = new_password()
    user = User(username=username, first_name=name, is_active=True)
    user.set_password(password)
    user.save()
    LoginProfile.objects.create(user=user, must_change_password=True)
    RoleAssignment.objects.create(user=user, org=org, role=role, can_see_id_numbers=can_see_id_numbers)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    record_event(
        actor,
        "account.create",
        user,
        org=org,
        name=name,
        role=role,
        org_code=org.code,
        person_id=person.pk if person is not None else None,
        can_see_id_numbers=can_see_id_numbers,
    )
    return user, password


@transaction.atomic
def users_create_from_roster(*, actor, people, role: str = Role.MEMBER) -> list[dict]:
    """One login per person (role on the person's branch), all or none; rows for the slips."""
    rows = []
    for person in people:
        user, password = user_create(actor=actor, name=person.name, org=person.org, role=role, person=person)
        rows.append(
            {
                "person": person,
                "user": user,
                "name": person.name,
                "username": user.username,
                "password": password,
                "org": person.org,
            }
        )
    return rows


@transaction.atomic
def user_deactivate(*, actor, user):
    refuse(manage_refusal(actor, user))
    if not user.is_active:
        raise ValidationError("该账号已经停用")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ApiToken.objects.filter(user=user).delete()  # a reactivated login starts without a live token
    record_event(actor, "account.deactivate", user)
    return user


@transaction.atomic
def user_reactivate(*, actor, user):
    refuse(manage_refusal(actor, user))
    if user.is_active:
        raise ValidationError("该账号正在使用中")
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_event(actor, "account.reactivate", user)
    return user

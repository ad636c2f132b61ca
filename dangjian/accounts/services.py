"""Every write to logins, roles, passwords and API tokens. Keyword-only, atomic, audited ("account.*").

Authority (who may do what to whom) is decided in authority.py; a refusal is PermissionDenied with a
Chinese reason, bad input is ValidationError naming the field. Initial passwords are returned to the
caller once and stored nowhere in clear.
"""

import datetime
import re
import secrets

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.lib import clock
from dangjian.lib.pinyin import name_pinyin

from .authority import CONSOLE, admin_org_ids, grant_refusal, manage_refusal, users_visible
from .models import ApiToken, LoginProfile, Role, RoleAssignment

User = get_user_model()

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{1,29}$")
# Initial passwords are read off a slip and typed by hand: no 0/O, 1/l/I look-alikes.
LOWER, UPPER, DIGITS = "abcdefghjkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"
TOKEN_TOUCH_EVERY = datetime.timedelta(minutes=1)
EVENT_ZH = {
    "account.create": "开通账号",
    "account.role_grant": "设置角色",
    "account.role_revoke": "撤销角色",
    "account.deactivate": "停用账号",
    "account.reactivate": "重新启用",
    "account.password_reset": "重置密码",
    "account.password_change": "本人修改密码",
    "account.token_create": "生成 API 令牌",
    "account.token_rotate": "重新生成 API 令牌",
    "account.token_revoke": "作废 API 令牌",
    "auth.login": "登录",
    "auth.logout": "退出",
    "auth.login_failed": "登录失败",
    "auth.lockout": "登录被锁定",
}
MUST_CHANGE_MESSAGE = "首次登录或密码被重置后，须先修改密码才能继续使用：请登录网页，在“我的账号”中设置新密码"


# ---- helpers ---------------------------------------------------------------------------------------


def new_password(length: int = 10) -> str:
    """A random initial password that meets the policy: lower, upper and digits, no look-alikes."""
    rng = secrets.SystemRandom()
    chars = [rng.choice(UPPER), rng.choice(UPPER), rng.choice(DIGITS), rng.choice(DIGITS), rng.choice(DIGITS)]
    chars += [rng.choice(LOWER) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)


def username_base(name: str) -> str:
    """'王芳' -> 'wangfang' (surname readings as in roster search); non-letters dropped."""
    full = name_pinyin(name).split(" ")[0] if name.strip() else ""
    base = re.sub(r"[^a-z0-9]", "", full.lower().replace("ü", "v"))
    if not base or not base[0].isalpha():
        base = "u" + base
    return base[:26]


def username_for(name: str) -> str:
    """The name's pinyin, with 2, 3 … appended when taken (wangfang, wangfang2, …)."""
    base = username_base(name)
    taken = {u.lower() for u in User.objects.filter(username__istartswith=base).values_list("username", flat=True)}
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def home_org(user):
    """The org an account event is filed under: the person's branch, else the first role's org."""
    person = getattr(user, "person", None)
    if person is not None:
        return person.org
    ra = RoleAssignment.objects.filter(user=user).select_related("org").order_by("id").first()
    return ra.org if ra else None


def _record(actor, kind, user, org=None, **data):
    if actor is CONSOLE:
        data["via"] = "cli"
    audit.record(
        actor=actor,
        org=org if org is not None else home_org(user),
        kind=kind,
        subject=user,
        data={"username": user.username, **data},
    )


def _refuse(reason):
    if reason:
        raise PermissionDenied(reason)


def _visible(actor, user):
    if not users_visible(actor).filter(pk=user.pk).exists():
        raise PermissionDenied("该账号不在您管理的范围内")


def _set_must_change(user, value: bool):
    profile, _ = LoginProfile.objects.get_or_create(user=user)
    profile.must_change_password = value
    if not value:
        profile.password_changed_at = clock.now()
    profile.save()


def must_change_password(user) -> bool:
    return LoginProfile.objects.filter(user=user, must_change_password=True).exists()


# ---- logins ----------------------------------------------------------------------------------------


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
    _refuse(grant_refusal(actor, role, org, see_ids=can_see_id_numbers))
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
    _record(
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
    _refuse(manage_refusal(actor, user))
    if not user.is_active:
        raise ValidationError("该账号已经停用")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ApiToken.objects.filter(user=user).delete()  # a reactivated login starts without a live token
    _record(actor, "account.deactivate", user)
    return user


@transaction.atomic
def user_reactivate(*, actor, user):
    _refuse(manage_refusal(actor, user))
    if user.is_active:
        raise ValidationError("该账号正在使用中")
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(actor, "account.reactivate", user)
    return user


@transaction.atomic
def password_reset(*, actor, user) -> str:
    """A new initial password (returned once); the next login must change it."""
    _refuse(manage_refusal(actor, user))
    password = new_password()
    user.set_password(password)  # also ends the user's open sessions (their auth hash no longer matches)
    user.save(update_fields=["password"])
    _set_must_change(user, True)
    _unlock(user.username)
    _record(actor, "account.password_reset", user)
    return password


def _unlock(username: str):
    from axes.utils import reset

    reset(username=username)


@transaction.atomic
def password_change(*, user, old_password: str, new_password1: str, new_password2: str):
    """The user's own change: the old password, the new one twice, the policy (AUTH_PASSWORD_VALIDATORS)."""
    errors = {}
    if not user.check_password(old_password or ""):
        errors["old_password"] = "原密码不正确"
    if not new_password1:
        errors["new_password1"] = "请填写新密码"
    elif new_password1 != new_password2:
        errors["new_password2"] = "两次输入的新密码不一致"
    elif new_password1 == old_password:
        errors["new_password1"] = "新密码不能与原密码相同"
    else:
        try:
            password_validation.validate_password(new_password1, user)
        except ValidationError as exc:
            errors["new_password1"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(new_password1)
    user.save(update_fields=["password"])
    _set_must_change(user, False)
    _record(user, "account.password_change", user)
    return user


# ---- roles -----------------------------------------------------------------------------------------


@transaction.atomic
def role_grant(*, actor, user, org, role: str, can_see_id_numbers: bool = False) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": "角色无效"})
    _refuse(grant_refusal(actor, role, org, see_ids=can_see_id_numbers))
    if not actor.is_superuser:
        _visible(actor, user)
    if user.is_superuser:
        raise ValidationError("系统管理员已有全部权限，不需要再设置角色")
    if not user.is_active:
        raise ValidationError("该账号已停用，请先启用")
    if RoleAssignment.objects.filter(user=user, org=org, role=role).exists():
        raise ValidationError({"role": f"{user.get_full_name() or user.username}已是{org.name}的“{Role(role).label}”"})
    ra = RoleAssignment.objects.create(user=user, org=org, role=role, can_see_id_numbers=can_see_id_numbers)
    _record(
        actor, "account.role_grant", user, org=org, role=role, org_code=org.code, can_see_id_numbers=can_see_id_numbers
    )
    return ra


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment):
    _refuse(grant_refusal(actor, assignment.role, assignment.org))
    user, org, role = assignment.user, assignment.org, assignment.role
    if getattr(actor, "pk", None) == user.pk and not actor.is_superuser:
        raise PermissionDenied("不能撤销自己的角色")
    assignment.delete()
    _record(actor, "account.role_revoke", user, org=org, role=role, org_code=org.code)


# ---- API tokens ------------------------------------------------------------------------------------


@transaction.atomic
def token_rotate(*, user) -> tuple[str, bool]:
    """A new token for the user (the old one stops working); returns (key, had_one)."""
    from dangjian.accounts.tokens import token_for

    had = ApiToken.objects.filter(user=user).exists()
    key = token_for(user, reset=True)
    ApiToken.objects.filter(user=user).update(last_used_at=None)
    _record(user, "account.token_rotate" if had else "account.token_create", user)
    return key, had


@transaction.atomic
def token_revoke(*, user) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    if deleted:
        _record(user, "account.token_revoke", user)
    return bool(deleted)


def token_used(token: ApiToken, path: str = "") -> str | None:
    """Note the token's use (at most once a minute); a refusal message while the password must change."""
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    if not path.rstrip("/").endswith("/accounts/me/password") and must_change_password(token.user):
        return MUST_CHANGE_MESSAGE
    return None

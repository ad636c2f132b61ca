"""What the account writes share: names and passwords made up for a new login, the audit line, the checks of
authority, and the must-change-password flag."""

import datetime
import re
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from dangjian.core import audit
from dangjian.lib import clock
from dangjian.lib.pinyin import name_pinyin

from ..authority import CONSOLE, users_visible
from ..models import LoginProfile, RoleAssignment

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


def record_event(actor, kind, user, org=None, **data):
    if actor is CONSOLE:
        data["via"] = "cli"
    audit.record(
        actor=actor,
        org=org if org is not None else home_org(user),
        kind=kind,
        subject=user,
        data={"username": user.username, **data},
    )


def refuse(reason):
    if reason:
        raise PermissionDenied(reason)


def check_visible(actor, user):
    if not users_visible(actor).filter(pk=user.pk).exists():
        raise PermissionDenied("该账号不在您管理的范围内")


def set_must_change(user, value: bool):
    profile, _ = LoginProfile.objects.get_or_create(user=user)
    profile.must_change_password = value
    if not value:
        profile.password_changed_at = clock.now()
    profile.save()


def must_change_password(user) -> bool:
    return LoginProfile.objects.filter(user=user, must_change_password=True).exists()

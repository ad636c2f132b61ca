"""A login's password: reset by a manager (a new initial password), changed by its owner."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from ..authority import manage_refusal
from ._common import new_password, record_event, refuse, set_must_change


@transaction.atomic
def password_reset(*, actor, user) -> str:
    """A new initial password (returned once); the next login must change it."""
    refuse(manage_refusal(actor, user))
    password = new_password()
    user.set_password(password)  # also ends the user's open sessions (their auth hash no longer matches)
    user.save(update_fields=["password"])
    set_must_change(user, True)
    _unlock(user.username)
    record_event(actor, "account.password_reset", user)
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
    set_must_change(user, False)
    record_event(user, "account.password_change", user)
    return user

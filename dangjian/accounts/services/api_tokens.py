"""A login's API token: made or rotated, revoked, and noted when used."""

from django.db import transaction

from dangjian.lib import clock

from ..models import ApiToken
from ._common import MUST_CHANGE_MESSAGE, TOKEN_TOUCH_EVERY, must_change_password, record_event


@transaction.atomic
def token_rotate(*, user) -> tuple[str, bool]:
    """A new token for the user (the old one stops working); returns (key, had_one)."""
    from dangjian.accounts.tokens import token_for

    had = ApiToken.objects.filter(user=user).exists()
    key = token_for(user, reset=True)
    ApiToken.objects.filter(user=user).update(last_used_at=None)
    record_event(user, "account.token_rotate" if had else "account.token_create", user)
    return key, had


@transaction.atomic
def token_revoke(*, user) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    if deleted:
        record_event(user, "account.token_revoke", user)
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

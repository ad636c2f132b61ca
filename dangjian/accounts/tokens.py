"""Issuing API tokens (the API checks them in dangjian.api.auth). Here, below the API, so accounts' services
and the `token` command can issue one without importing the top floor."""

from django.db import transaction

from dangjian.lib import clock

from .models import ApiToken


@transaction.atomic
def token_for(user, *, reset: bool = False) -> str:
    """The user's API token, created when missing; reset=True, or an expired token, issues a new one (the old
    stops working)."""
    token = ApiToken.objects.select_for_update().filter(user=user).first()
    if token is None:
        token = ApiToken.objects.create(user=user, key=ApiToken.new_key())
    elif reset or token.is_expired():
        token.key = ApiToken.new_key()
        token.created_at = clock.now()
        token.save(update_fields=["key", "created_at"])
    return token.key

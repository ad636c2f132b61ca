"""Writes of the top-floor pages."""

import secrets

from dangjian.core.models import CalendarToken


def calendar_token_rotate(user) -> CalendarToken:
    """A new secret calendar-feed address for the user; the old one stops working."""
    token, _ = CalendarToken.objects.update_or_create(user=user, defaults={"key": secrets.token_urlsafe(32)})
    return token

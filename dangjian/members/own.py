"""A member's own summary on their person page (dues owed, unread notices, study hours).

It is gathered from work apps, which members may not import (docs/ARCHITECTURE.md), so the top floor passes the
function in: dangjian.site.apps.SiteConfig.ready() calls set_provider(dangjian.site.start.member_summary)."""

import datetime

_provider = None


def set_provider(fn) -> None:
    global _provider
    _provider = fn


def member_summary(person, today: datetime.date) -> dict | None:
    return _provider(person, today) if _provider else None

"""The one clock: every "today" and "now" in dangjian is read here.

Time is an input (DESIGN.md): code asks this module, tests pin it (tests/conftest.py travels the whole
process with time-machine), and a fact about a past date is computed from that date, never from the wall
clock. The day is the school's day in China (Asia/Shanghai), whatever the server's own time zone.
"""

import datetime
from zoneinfo import ZoneInfo

_CHINA = ZoneInfo("Asia/Shanghai")
# The earliest year a form or the API accepts (the latest is next year): one bound for pages and API alike.
MIN_YEAR = 2000


def now() -> datetime.datetime:
    """The current instant, time-zone aware (UTC), as Django stores it."""
    return datetime.datetime.now(datetime.UTC)


def today() -> datetime.date:
    """Today's date in China."""
    return datetime.datetime.now(_CHINA).date()


def local_now() -> datetime.datetime:
    """The current wall time in China (for file names and printed timestamps)."""
    return datetime.datetime.now(_CHINA)

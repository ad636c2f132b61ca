import datetime

from dangjian.lib import clock
from dangjian.rules.periods import add_months, month_start


def parse_month(value, default=None) -> datetime.date:
    try:
        return month_start(value)
    except (TypeError, ValueError, AttributeError):
        return default or month_start(clock.today())


def quarter_months(month: datetime.date) -> list[datetime.date]:
    first = datetime.date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    return [add_months(first, i) for i in range(3)]


def parse_date(value, default=None):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default

import datetime

from django.core.exceptions import ValidationError

from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.lib.isodate import parse_month as read_month
from dangjian.rules.periods import add_months, month_start


def parse_month(value, default=None) -> datetime.date:
    # a page's ?month= that does not read shows the default month (this month) rather than an error page
    try:
        return read_month(value)
    except ValidationError:
        return default or month_start(clock.today())


def quarter_months(month: datetime.date) -> list[datetime.date]:
    first = datetime.date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    return [add_months(first, i) for i in range(3)]


def parse_date(value, default=None):
    try:
        return parse_day(value)
    except ValidationError:
        return default

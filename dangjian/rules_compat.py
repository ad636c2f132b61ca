"""Period arithmetic needed before dangjian.rules lands; delegates to it when present."""
import calendar
import datetime

try:  # pragma: no cover - prefer the rule engine's implementation
    from dangjian.rules.periods import add_months, add_years  # noqa: F401
except ImportError:  # pragma: no cover
    def add_months(d: datetime.date, n: int) -> datetime.date:
        month = d.month - 1 + n
        year, month = d.year + month // 12, month % 12 + 1
        return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))

    def add_years(d: datetime.date, n: int) -> datetime.date:
        return add_months(d, 12 * n)

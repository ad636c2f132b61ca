"""Working days per GEN-03.

Weekends and statutory holidays are not working days; weekend days turned into working days
(调休上班) are. Sources, in order of precedence:

1. the override table (``set_holiday_overrides`` / ``set_holiday_table``) that the Django layer
   fills from the admin-edited holiday table: per-date ``is_workday`` values plus the set of
   years it holds completely;
2. the ``chinese_calendar`` package for the years it knows;
3. for any other year: Monday–Friday, and every result is marked ``provisional``
   (the UI says 「该年度法定节假日安排尚未录入」).

Nothing here raises for an unknown year.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Iterable, Mapping, NamedTuple, Protocol, runtime_checkable

try:  # the package is a declared dependency, but the engine must still work without it
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover
    _cc = None

MAX_SCAN_DAYS = 3660  # a table that marks ten years as holidays is an input error
UNKNOWN_YEAR_MESSAGE_ZH = "该年度法定节假日安排尚未录入"


class WorkdayResult(NamedTuple):
    date: date
    provisional: bool


class DayStatus(NamedTuple):
    workday: bool
    provisional: bool


class WorkdayCount(NamedTuple):
    count: int
    provisional: bool


@runtime_checkable
class HolidayTable(Protocol):
    """What the Django layer provides: per-date overrides plus the years it holds completely."""

    def lookup(self, d: date) -> bool | None:
        """True/False when the table says the day is / is not a working day, else None."""

    def complete_years(self) -> set[int]:
        """Years whose full holiday arrangement the table holds."""


class DictHolidayTable:
    """A HolidayTable over a plain mapping ``{date: is_workday}``."""

    def __init__(self, days: Mapping[date, bool] | None = None, complete_years: Iterable[int] = ()):
        self._days = dict(days or {})
        self._years = set(complete_years)

    def lookup(self, d: date) -> bool | None:
        return self._days.get(d)

    def complete_years(self) -> set[int]:
        return set(self._years)


_table: HolidayTable = DictHolidayTable()


def set_holiday_table(table: HolidayTable | None) -> None:
    """Install the override table used by every function here (None clears it)."""
    global _table
    _table = table if table is not None else DictHolidayTable()


def set_holiday_overrides(mapping: Mapping[date, bool], complete_years: Iterable[int] = ()) -> None:
    """Shortcut for ``set_holiday_table(DictHolidayTable(mapping, complete_years))``."""
    set_holiday_table(DictHolidayTable(mapping, complete_years))


def clear_holiday_overrides() -> None:
    set_holiday_table(None)


def get_holiday_table() -> HolidayTable:
    return _table


@functools.cache
def package_years() -> range:
    """Years the installed ``chinese_calendar`` knows (empty range without the package)."""
    if _cc is None:  # pragma: no cover
        return range(0)
    from chinese_calendar.constants import holidays

    years = [d.year for d in holidays]
    return range(min(years), max(years) + 1)


def _package_is_workday(d: date) -> bool | None:
    if _cc is None:  # pragma: no cover
        return None
    try:
        return bool(_cc.is_workday(d))
    except NotImplementedError:
        return None


def is_year_known(year: int, table: HolidayTable | None = None) -> bool:
    """True when the override table or the package holds ``year``'s holiday arrangement."""
    table = table if table is not None else _table
    return year in table.complete_years() or year in package_years()


def workday_status(d: date, table: HolidayTable | None = None) -> DayStatus:
    """Is ``d`` a working day, and is that answer provisional (year not known)?"""
    table = table if table is not None else _table
    override = table.lookup(d)
    known = is_year_known(d.year, table)
    if override is not None:
        return DayStatus(bool(override), not known)
    if d.year in package_years():
        value = _package_is_workday(d)
        if value is not None:
            return DayStatus(value, False)
    return DayStatus(d.weekday() < 5, not known)


def is_workday(d: date, table: HolidayTable | None = None) -> bool:
    """GEN-03: is ``d`` a working day? Weekends only for years nobody knows; never raises."""
    return workday_status(d, table).workday


def nth_workday(start: date, n: int, table: HolidayTable | None = None) -> WorkdayResult:
    """The ``n``-th working day counting ``start`` itself when it is one (GEN-03).

    A 公示 of 5 working days from Monday 2026-06-01 ends on Friday 2026-06-05.
    ``provisional`` is True when any day scanned lies in a year whose holidays are unknown.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    provisional = False
    day = start
    seen = 0
    for _ in range(MAX_SCAN_DAYS):
        works, unsure = workday_status(day, table)
        provisional = provisional or unsure
        if works:
            seen += 1
            if seen == n:
                return WorkdayResult(day, provisional)
        day += timedelta(days=1)
    raise ValueError("holiday table leaves no working days")


def next_workday(d: date, table: HolidayTable | None = None) -> WorkdayResult:
    """``d`` itself when it is a working day, otherwise the next one."""
    return nth_workday(d, 1, table)


def add_workdays(start: date, n: int, table: HolidayTable | None = None) -> WorkdayResult:
    """The ``n``-th working day strictly after ``start`` (n ≥ 1)."""
    return nth_workday(start + timedelta(days=1), n, table)


def workdays_between(start: date, end: date, table: HolidayTable | None = None) -> WorkdayCount:
    """Working days from ``start`` to ``end``, both included (0 when end < start)."""
    count = 0
    provisional = False
    day = start
    while day <= end:
        works, unsure = workday_status(day, table)
        provisional = provisional or unsure
        count += 1 if works else 0
        day += timedelta(days=1)
    return WorkdayCount(count, provisional)


def unknown_years(start: date, end: date, table: HolidayTable | None = None) -> list[int]:
    """Years touched by [start, end] whose holiday arrangement is not known."""
    return [y for y in range(start.year, end.year + 1) if not is_year_known(y, table)]

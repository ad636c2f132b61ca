"""Calendar periods per GEN-01 / GEN-02 (《民法典》第201–203条 as the national default).

* A period of N months/years ends on the corresponding day of the target month; when that
  day does not exist it ends on the last day of that month (2026-01-31 + 1 month = 2026-02-28).
* The start day is not counted, so "within one month of D" means "on or before add_months(D, 1)".
* "以上/以下/以内/届满" include the bound, "不满/超过/以外" exclude it (GEN-01).
* Moving a deadline off a holiday (第203条) is off by default (``shift_deadlines_off_holidays``).

Months are represented by the ``date`` of their first day (``month_start``).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Iterable, Iterator

from .settings import DEFAULTS, LocalSettings


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, n: int) -> date:
    """GEN-02: the corresponding day ``n`` months later (or earlier), clipped to the month end."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day(year, month)))


def add_years(d: date, n: int) -> date:
    """GEN-02: the corresponding day ``n`` years later; 29 Feb → 28 Feb in a common year."""
    return add_months(d, 12 * n)


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def deadline(start: date, *, months: int = 0, years: int = 0, settings: LocalSettings = DEFAULTS) -> date:
    """End of a period of ``years`` + ``months`` from ``start`` (GEN-02).

    With ``settings.shift_deadlines_off_holidays`` the end moves to the next working day
    when it falls on a weekend or statutory holiday (民法典第203条; off by default).
    """
    end = add_months(start, 12 * years + months)
    if settings.shift_deadlines_off_holidays:
        from .workdays import next_workday

        end = next_workday(end).date
    return end


def anniversary(birth: date, years: int, settings: LocalSettings = DEFAULTS) -> date:
    """GEN-05: the day someone born on ``birth`` reaches ``years`` full years.

    A 29 February birthday falls on 1 March in a common year by default (``leap_birthday``);
    with ``age_from_day_after_birthday`` the age is reached one day later.
    """
    day = add_years(birth, years)
    if (birth.month, birth.day) == (2, 29) and day.day == 28 and settings.leap_birthday == "mar1":
        day = date(day.year, 3, 1)
    if settings.age_from_day_after_birthday:
        day += timedelta(days=1)
    return day


def month_start(value: date | str | tuple[int, int]) -> date:
    """Normalise a month given as a date, 'YYYY-MM' or (year, month) to its first day."""
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    if isinstance(value, str):
        year, month = value.split("-")[:2]
        return date(int(year), int(month), 1)
    year, month = value
    return date(int(year), int(month), 1)


def month_label(month: date) -> str:
    """'2026年3月'."""
    return f"{month.year}年{month.month}月"


def months_between(first: date, second: date) -> int:
    """Whole calendar months from the month of ``first`` to the month of ``second``."""
    return (second.year - first.year) * 12 + (second.month - first.month)


def iter_months(first: date, last: date) -> Iterator[date]:
    """First days of every month from ``first``'s month to ``last``'s month, inclusive."""
    month = month_start(first)
    end = month_start(last)
    while month <= end:
        yield month
        month = add_months(month, 1)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def half_of(d: date) -> int:
    return 1 if d.month <= 6 else 2


MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12}
PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}


def period_index(kind: str, month: int) -> int:
    """The 1-based month / quarter / half / year a month (1–12) falls in."""
    return (month - 1) // MONTHS_PER[kind] + 1


def period_months(kind: str, index: int) -> range:
    size = MONTHS_PER[kind]
    return range((index - 1) * size + 1, index * size + 1)


def period_name(year: int, kind: str, index: int, *, year_word: str = "年度") -> str:
    """2026年3月 / 2026年第3季度 / 2026年上半年 / 2026年度 (``year_word`` for the whole year)."""
    if kind == "month":
        return f"{year}年{index}月"
    if kind == "quarter":
        return f"{year}年第{index}季度"
    if kind == "half":
        return f"{year}年{'上' if index == 1 else '下'}半年"
    return f"{year}{year_word}"


def period_bounds(year: int, kind: str, index: int) -> tuple[date, date]:
    """First and last day of a month / quarter / half / year of ``year`` (index is 1-based)."""
    size = MONTHS_PER[kind]
    first = date(year, (index - 1) * size + 1, 1)
    last_month = first.month + size - 1
    return first, date(year, last_month, _last_day(year, last_month))


def periods_of_year(year: int, kind: str) -> list[tuple[int, date, date]]:
    """(index, first day, last day) of each period of ``kind`` in ``year``."""
    return [(i, *period_bounds(year, kind, i)) for i in range(1, PER_YEAR[kind] + 1)]


def consecutive_months(
    covered: Iterable, last_month: date, *, exempt: Iterable = (), since: date | None = None
) -> list[date]:
    """The run of consecutive months ending at ``last_month`` that are neither covered nor exempt.

    Walks back from ``last_month`` and stops at the first covered or exempt month, or before
    ``since`` (the first month that counts). With no ``since`` and nothing covered, the run
    stops after 600 months so the walk always ends.
    """
    covered_set = {month_start(m) for m in covered}
    exempt_set = {month_start(m) for m in exempt}
    floor = month_start(since) if since else None
    run: list[date] = []
    month = month_start(last_month)
    while len(run) < 600:
        if floor and month < floor:
            break
        if month in covered_set or month in exempt_set:
            break
        if not floor and covered_set and month < min(covered_set):
            break
        run.append(month)
        month = add_months(month, -1)
    run.reverse()
    return run

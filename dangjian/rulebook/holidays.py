"""The admin-edited holiday table, plugged into dangjian.rules.workdays (GEN-03).

``DB_TABLE`` implements the engine's HolidayTable protocol. It loads HolidayDay/HolidayYear
lazily on first use (never at import or app start, so migrations on an empty database work),
keeps them in memory, and reloads when a row changes in this process (signals) or when the
snapshot is older than ``MAX_AGE`` seconds (changes made by another worker process).
Views and the API pass ``table()`` explicitly to the engine; ``install()`` also makes it the
engine's default table for code that does not pass one.
"""

from __future__ import annotations

import threading
import time
from datetime import date

from django.db import DatabaseError, transaction

from dangjian.rules import workdays

MAX_AGE = 30.0
RETRY_AFTER = 1.0  # seconds before a failed load is tried again


class DbHolidayTable:
    def __init__(self):
        self._lock = threading.Lock()
        self._days: dict[date, bool] | None = None
        self._years: set[int] = set()
        self._loaded_at = 0.0

    def invalidate(self) -> None:
        with self._lock:
            self._days = None

    def _load(self) -> None:
        from .models import HolidayDay, HolidayYear

        try:
            with transaction.atomic():  # a savepoint: a missing table must not break the caller's transaction
                days = dict(HolidayDay.objects.values_list("date", "is_workday"))
                years = set(HolidayYear.objects.filter(complete=True).values_list("year", flat=True))
        except (DatabaseError, RuntimeError):
            # Table not migrated yet, or no database access here (pytest-django blocks it in pure
            # tests): behave as an empty table and try again on the next lookup.
            self._days, self._years, self._loaded_at = {}, set(), time.monotonic() - MAX_AGE + RETRY_AFTER
            return
        self._days, self._years, self._loaded_at = days, years, time.monotonic()

    def _ensure(self) -> None:
        if self._days is None or time.monotonic() - self._loaded_at > MAX_AGE:
            with self._lock:
                if self._days is None or time.monotonic() - self._loaded_at > MAX_AGE:
                    self._load()

    def lookup(self, d: date) -> bool | None:
        self._ensure()
        return self._days.get(d)

    def complete_years(self) -> set[int]:
        self._ensure()
        return set(self._years)


DB_TABLE = DbHolidayTable()


def table() -> DbHolidayTable:
    return DB_TABLE


def install() -> None:
    """Make the DB table the engine's default (called from AppConfig.ready; no query here)."""
    workdays.set_holiday_table(DB_TABLE)


def invalidate(*args, **kwargs) -> None:
    DB_TABLE.invalidate()


def is_year_known(year: int) -> bool:
    return workdays.is_year_known(year, DB_TABLE)


def package_days(year: int) -> list[tuple[date, bool, str]]:
    """(date, is_workday, name) of the chinese_calendar package for ``year`` (empty when unknown)."""
    if year not in workdays.package_years():
        return []
    from chinese_calendar import constants

    names = {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
    }
    out = []
    for source, works in ((constants.holidays, False), (constants.workdays, True)):
        for d, name in source.items():
            if d.year == year:
                label = getattr(name, "value", name)
                if isinstance(label, tuple):
                    label = label[0]
                out.append((d, works, names.get(str(label), str(label))))
    return sorted(out)

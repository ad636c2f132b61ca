"""One member-month's dues status, worded the same on every page (month table, payment sheet, member's phone).

已交 / 未交 / 免交 / 未生成; an unpaid month is 逾期 (欠交) only once the branch's due day of that month has
passed (LocalSettings.dues_due_day, FEE-11, default the 25th): on the 5th the running month is simply 未交,
due by the 25th, and is never shown in red or counted as owed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dangjian.rules.periods import month_start

PAID, UNPAID, EXEMPT, NONE = "paid", "unpaid", "exempt", "none"
LABELS = {PAID: "已交", UNPAID: "未交", EXEMPT: "免交", NONE: "未生成"}


def due_day(org) -> int:
    """The day of the month by which the org's members pay (its bureau's local setting)."""
    from dangjian.rulebook.selectors import local_settings_for

    return local_settings_for(org).dues_due_day


def overdue(month: datetime.date, today: datetime.date, day: int) -> bool:
    """Is an unpaid charge for ``month`` late on ``today``? Past months are; the running one after ``day``."""
    this = month_start(today)
    return month < this or (month == this and today.day > day)


@dataclass(frozen=True)
class Status:
    code: str
    overdue: bool = False
    due_day: int | None = None  # set for an unpaid month that is not late yet

    @property
    def label(self) -> str:
        return LABELS[self.code]

    @property
    def note(self) -> str:
        if self.code == UNPAID and self.overdue:
            return "已逾期"
        if self.code == UNPAID and self.due_day:
            return f"{self.due_day}日前交纳"
        return ""


def status_of(charged, paid, month: datetime.date, today: datetime.date, day: int) -> Status:
    """``charged``: the charge amount (None: not generated); ``paid``: truthy when the month is paid."""
    if paid:
        return Status(PAID)
    if charged is None:
        return Status(NONE)
    if not charged:
        return Status(EXEMPT)
    if overdue(month, today, day):
        return Status(UNPAID, overdue=True)
    return Status(UNPAID, due_day=day if month_start(today) == month else None)

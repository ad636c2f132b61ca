"""党内统计 (STAT-01): the year-end snapshot and which year a case counts in."""

from __future__ import annotations

from datetime import date

from .settings import DEFAULTS, LocalSettings


def snapshot_date(year: int) -> date:
    """STAT-01: statistics are taken at 12-31 of the year (截至YYYY年12月31日)."""
    return date(year, 12, 31)


def statistics_year(approval_date: date) -> int:
    """STAT-01: 发展党员 and 转正 count in the year of the upper-level approval, not the meeting."""
    return approval_date.year


def in_snapshot(meeting_date: date, approval_date: date | None, year: int, settings: LocalSettings = DEFAULTS) -> bool:
    """Is a new 预备党员 on the roll in ``year``'s 12-31 snapshot?

    Known ambiguity: 党籍 starts at the meeting (MGMT-01) but the statistics forms use the approval
    date. ``settings.stat_membership_basis`` picks one: "approval" (default) or "meeting".
    Meeting 2026-12-20, approval 2027-01-10 → not in the 2026 snapshot under "approval".
    """
    snap = snapshot_date(year)
    if settings.stat_membership_basis == "meeting":
        return meeting_date <= snap
    return approval_date is not None and approval_date <= snap

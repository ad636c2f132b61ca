"""FEE-11 (catch-up at most 6 months) and FEE-12 / CON-06 (6 consecutive unpaid months).

Months are given as dates (any day of the month), 'YYYY-MM' strings or (year, month).
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from .findings import Finding, make
from .periods import add_months, consecutive_months, month_label, month_start, months_between

LAPSE_MONTHS = 6
WARN_MONTHS = 5
CATCH_UP_MONTHS = 6


def unpaid_months(paid_months: Iterable, today: date, exempt_months: Iterable = (), *, since=None) -> list[date]:
    """The months of the current unpaid run (see ``unpaid_run``), oldest first."""
    last_elapsed = add_months(month_start(today), -1)
    return consecutive_months(paid_months, last_elapsed, exempt=exempt_months, since=since)


def unpaid_run(paid_months: Iterable, today: date, exempt_months: Iterable = (), *, since=None) -> int:
    """FEE-12: consecutive fully elapsed unpaid months up to the month before ``today``'s month.

    Counting walks back from the month before today's month (the current month is never counted:
    it is not over) and stops at the first month that is paid or exempt (an approved exemption
    or documented reason, FEE-06), at ``since`` (first month owed, e.g. ``first_dues_month``),
    or — when ``since`` is None — before the earliest paid month.
    Last paid 2026-01: on 2026-08-01 the run is 6 (Feb–Jul); on 2026-07-15 it is 5.
    """
    return len(unpaid_months(paid_months, today, exempt_months, since=since))


def arrears_finding(
    paid_months: Iterable, today: date, exempt_months: Iterable = (), *, since=None, subject: str | None = None
) -> Finding | None:
    """FEE-12: 1–4 unpaid months → info, 5 → warning, 6 or more → error ``LAPSE_REVIEW``.

    The engine never removes anyone: the 支部党员大会 decides, after confirming there was no
    good reason (无正当理由), and the upper organisation approves (党章第九条).
    """
    months = unpaid_months(paid_months, today, exempt_months, since=since)
    n = len(months)
    if n == 0:
        return None
    listed = "、".join(month_label(m) for m in months)
    if n >= LAPSE_MONTHS:
        return make(
            "FEE-12",
            "error",
            f"已连续{n}个月未交纳党费（{listed}）。如确认无正当理由，应提交支部党员大会讨论是否按自行脱党处理，"
            "并报上级党组织批准；系统不会自动除名",
            subject=subject,
            code="LAPSE_REVIEW",
        )
    if n == WARN_MONTHS:
        return make(
            "FEE-12",
            "warning",
            f"已连续{n}个月未交纳党费（{listed}），再有1个月将达到连续六个月，请及时批评教育、限期改正",
            due_date=add_months(months[-1], 2),
            subject=subject,
            code="ARREARS_5M",
        )
    return make(
        "FEE-12", "info", f"有{n}个月未交纳党费（{listed}），应批评教育、限期改正", subject=subject, code="ARREARS"
    )


def catch_up_findings(months_covered: Iterable, paid_on: date, *, subject: str | None = None) -> list[Finding]:
    """FEE-11: a 补交 generally reaches back at most 6 months from the month of payment.

    Paid on 2026-09-10 for 2026-02 … 2026-08 → the oldest month is 7 months back → warning.
    """
    months = sorted(month_start(m) for m in months_covered)
    if not months:
        return []
    reach = months_between(months[0], paid_on)
    if reach > CATCH_UP_MONTHS:
        return [
            make(
                "FEE-11",
                "warning",
                f"本次补交追溯至{month_label(months[0])}，距交纳月份{reach}个月，补交一般不超过六个月",
                subject=subject,
                code="CATCH_UP_OVER_6M",
            )
        ]
    return []

"""Dates as Chinese prose writes them (GB/T 9704-2012 7.3.5.2: Arabic numerals, year in full, no leading zeros)."""

import datetime


def _as_date(d) -> datetime.date | None:
    if d is None or d == "":
        return None
    if isinstance(d, datetime.datetime):
        return d.date()
    if isinstance(d, datetime.date):
        return d
    return datetime.date.fromisoformat(str(d)[:10])


def zh_date(d) -> str:
    """2026-12-31 -> "2026年12月31日"; accepts a date, a datetime or an ISO string; None -> ""."""
    d = _as_date(d)
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def zh_month_day(d) -> str:
    """2027-01-16 -> "1月16日"."""
    d = _as_date(d)
    return f"{d.month}月{d.day}日" if d else ""


def zh_month(d) -> str:
    """2026-07-10 -> "2026年7月"."""
    d = _as_date(d)
    return f"{d.year}年{d.month}月" if d else ""


_DIGITS = "零一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """1 -> "一", 10 -> "十", 15 -> "十五", 57 -> "五十七", 100 -> "一百" (for 一、（一） headings)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else ("零" + _DIGITS[rest] if rest < 10 else ("一" + zh_numeral(rest) if rest < 20 else zh_numeral(rest)))
        )
        return _DIGITS[n // 100] + "百" + tail
    return str(n)

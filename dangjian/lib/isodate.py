"""A day or a month typed by a user or given on a command line ("2026-06-30", "2026-03"), read once for every
page, API and command."""

import datetime
import re

from django.core.exceptions import ValidationError

from dangjian.lib import clock

# Only the written-out form: fromisoformat would also take "20260630" or "2026-W27-2", which nobody means.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value, *, label: str = "日期", allow_future: bool = True, future_reason: str = "") -> datetime.date:
    """The date in `value` (YYYY-MM-DD, spaces around it ignored).

    Raises ValidationError with one Chinese message naming the field (`label`) and the text given: not a date,
    or (with allow_future=False) after today, followed by `future_reason` when one is given.
    """
    text = "" if value is None else str(value).strip()
    day = None
    if _ISO_DAY.fullmatch(text):
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            day = None
    if day is None:
        raise ValidationError(f"{label}“{text}”格式不正确，应为 2026-06-30 这样的日期", code="invalid")
    if not allow_future and day > clock.today():
        raise ValidationError(
            f"{label}“{text}”晚于今天" + (f"：{future_reason}" if future_reason else ""), code="future"
        )
    return day


_ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def parse_month(value, *, label: str = "月份") -> datetime.date:
    """The first day of the month in `value` (YYYY-MM, spaces around it ignored).

    Raises ValidationError with one Chinese message naming the field (`label`) and the text given."""
    text = "" if value is None else str(value).strip()
    if _ISO_MONTH.fullmatch(text):
        year, month = int(text[:4]), int(text[5:])
        if year >= 1 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    raise ValidationError(f"{label}“{text}”格式不正确，应为 2026-03 这样的月份", code="invalid")

"""One ISO-date reader (dangjian.lib.isodate.parse_day, parse_month) for the pages, the API and the commands."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from dangjian.lib.isodate import parse_day, parse_month


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_every_date_written_out_reads_back_as_itself(day):
    assert parse_day(day.isoformat()) == day
    assert parse_day(f"  {day.isoformat()}\n") == day


@given(st.text().filter(lambda t: not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", t)))
def test_anything_else_is_refused_in_chinese_naming_the_field(text):
    with pytest.raises(ValidationError) as exc:
        parse_day(text, label="统计日期")
    assert exc.value.messages == [f"统计日期“{text.strip()}”格式不正确，应为 2026-06-30 这样的日期"]


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2026-00-10", "20260630", "2026-W27-2", "2026/6/30", ""])
def test_impossible_or_other_forms_are_refused(text):
    with pytest.raises(ValidationError, match="格式不正确"):
        parse_day(text, label="日期")


def test_none_is_refused_like_an_empty_field():
    with pytest.raises(ValidationError) as exc:
        parse_day(None, label="开始日期")
    assert exc.value.messages == ["开始日期“”格式不正确，应为 2026-06-30 这样的日期"]


def test_a_future_day_is_refused_only_when_asked_with_the_reason():
    # the suite's clock stands at 2026-11-22 (tests/conftest.py)
    assert parse_day("2026-11-23") == datetime.date(2026, 11, 23)
    assert parse_day("2026-11-22", allow_future=False) == datetime.date(2026, 11, 22)
    with pytest.raises(ValidationError) as exc:
        parse_day("2026-11-23", label="统计日期", allow_future=False, future_reason="统计只能按已经发生的记录计算")
    assert exc.value.messages == ["统计日期“2026-11-23”晚于今天：统计只能按已经发生的记录计算"]
    with pytest.raises(ValidationError) as exc:
        parse_day("2027-01-01", label="日期", allow_future=False)
    assert exc.value.messages == ["日期“2027-01-01”晚于今天"]


@pytest.mark.today("2027-01-05")
def test_the_future_is_counted_from_the_clock_not_the_wall():
    assert parse_day("2027-01-05", allow_future=False) == datetime.date(2027, 1, 5)
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_day("2027-01-06", allow_future=False)


# parse_month: "2026-03" → 2026-03-01. The expected first days are built with the stdlib's date(), not the parser.


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_every_month_written_out_reads_back_as_its_first_day(day):
    written = f"{day.year:04d}-{day.month:02d}"
    assert parse_month(written) == datetime.date(day.year, day.month, 1)
    assert parse_month(f" {written}\t") == day.replace(day=1)
    assert f"{parse_month(written):%Y-%m}" == written  # and writes back the same text


@given(st.text().filter(lambda t: not re.fullmatch(r"\s*\d{4}-\d{2}\s*", t)))
def test_anything_else_is_refused_as_a_month_naming_the_field(text):
    with pytest.raises(ValidationError) as exc:
        parse_month(text, label="统计月份")
    assert exc.value.messages == [f"统计月份“{text.strip()}”格式不正确，应为 2026-03 这样的月份"]


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "0000-05", "2026-3", "202603", "2026-03-01", "2026/03", "", None]
)
def test_impossible_or_other_month_forms_are_refused(text):
    with pytest.raises(ValidationError, match="格式不正确"):
        parse_month(text)


def test_the_months_of_a_year_in_order():
    assert [parse_month(f"2026-{m:02d}") for m in range(1, 13)] == [datetime.date(2026, m, 1) for m in range(1, 13)]


def test_a_command_line_day_that_does_not_read_is_refused_in_chinese():
    # the day is read before any record is touched: a plain CommandError, no traceback
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as exc:
        call_command("send-reminders", date="2026-02-30")
    assert str(exc.value) == "--date“2026-02-30”格式不正确，应为 2026-06-30 这样的日期"

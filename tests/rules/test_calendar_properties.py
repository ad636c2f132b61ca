"""Hypothesis properties of the GEN-02 / GEN-03 calendar."""

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian.rules import periods, workdays

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
months = st.integers(min_value=-600, max_value=600)


@given(dates, months)
def test_add_months_lands_in_the_target_month_and_never_skips_a_month_end(d, n):
    result = periods.add_months(d, n)
    assert periods.months_between(d, result) == n  # never skips into the next month (GEN-02)
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(d.day, last)
    if d.day == calendar.monthrange(d.year, d.month)[1] and d.day <= last:
        assert result.day == d.day


@given(dates, st.integers(min_value=0, max_value=24), st.integers(min_value=0, max_value=24))
def test_add_months_is_monotonic(d, a, b):
    lo, hi = sorted((a, b))
    assert periods.add_months(d, lo) <= periods.add_months(d, hi)


@given(dates, st.integers(min_value=-50, max_value=50))
def test_add_years_is_twelve_months(d, n):
    assert periods.add_years(d, n) == periods.add_months(d, 12 * n)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=1, max_value=30))
def test_nth_workday_lands_on_a_workday_and_counts_exactly_n(start, n):
    result = workdays.nth_workday(start, n)
    assert workdays.is_workday(result.date)
    assert result.date >= start
    assert workdays.workdays_between(start, result.date).count == n


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=1, max_value=20))
def test_nth_workday_is_monotonic_in_n_and_start(start, n):
    assert workdays.nth_workday(start, n).date < workdays.nth_workday(start, n + 1).date
    assert workdays.nth_workday(start, n).date <= workdays.nth_workday(start + timedelta(days=1), n).date


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_is_workday_never_raises_and_unknown_years_are_provisional(d):
    status = workdays.workday_status(d)
    assert status.provisional == (not workdays.is_year_known(d.year))
    if status.provisional:
        assert status.workday == (d.weekday() < 5)

"""GEN — general conventions: inclusive wording, periods, working days, 一般/原则上, age."""

from datetime import date

import pytest

from dangjian.rules import periods, workdays
from dangjian.rules.findings import Finding, level_for_wording, make, worst
from dangjian.rules.recruitment import earliest_candidate_date, is_adult_on, publicity_end
from dangjian.rules.settings import DEFAULTS, LocalSettings
from dangjian.rules.votes import half_or_more, more_than_half


# GEN-01 -----------------------------------------------------------------------------------
def test_gen01_yi_shang_includes_the_bound_one_year_cultivation():
    """GEN-01: yi shang includes the bound one year cultivation."""
    assert earliest_candidate_date(date(2025, 5, 20)) == date(2026, 5, 20)


@pytest.mark.parametrize(
    "count,ok", [pytest.param(5, False, id="GEN-01-5-of-10"), pytest.param(6, True, id="GEN-01-6-of-10")]
)
def test_gen01_chao_guo_ban_shu_excludes_half(count, ok):
    """GEN-01: chao guo ban shu excludes half."""
    assert more_than_half(count, 10) is ok


def test_gen01_ban_shu_yi_shang_inclusive_reading_includes_half():
    """GEN-01: ban shu yi shang inclusive reading includes half."""
    assert half_or_more(5, 10) and not half_or_more(4, 10)


# GEN-02 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "start,months,end",
    [
        pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="GEN-02-jan31-plus-1m"),
        pytest.param(date(2026, 3, 15), 3, date(2026, 6, 15), id="GEN-02-mar15-plus-3m"),
        pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="GEN-02-leap-feb"),
        pytest.param(date(2026, 3, 31), -1, date(2026, 2, 28), id="GEN-02-backwards"),
        pytest.param(date(2026, 11, 30), 3, date(2027, 2, 28), id="GEN-02-year-wrap"),
    ],
)
def test_gen02_add_months_clips_to_month_end(start, months, end):
    """GEN-02: add months clips to month end."""
    assert periods.add_months(start, months) == end


def test_gen02_add_years_leap_day():
    """GEN-02: add years leap day."""
    assert periods.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert periods.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_gen02_holiday_shift_is_off_by_default_and_configurable():
    """GEN-02: holiday shift is off by default and configurable."""
    # 2026-09-05 + 1 month = 2026-10-05, inside the National Day holiday.
    assert periods.deadline(date(2026, 9, 5), months=1) == date(2026, 10, 5)
    shifted = periods.deadline(date(2026, 9, 5), months=1, settings=LocalSettings(shift_deadlines_off_holidays=True))
    assert shifted == date(2026, 10, 8)


def test_gen02_month_helpers():
    """GEN-02: month helpers."""
    assert periods.month_start("2026-07") == date(2026, 7, 1)
    assert periods.month_start((2026, 7)) == date(2026, 7, 1)
    assert periods.months_between(date(2026, 2, 1), date(2026, 9, 10)) == 7
    assert list(periods.iter_months(date(2026, 11, 5), date(2027, 1, 2))) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]
    assert periods.period_bounds(2026, "quarter", 3) == (date(2026, 7, 1), date(2026, 9, 30))


# GEN-03 -----------------------------------------------------------------------------------
def test_gen03_publicity_of_five_workdays_from_monday_ends_friday():
    """GEN-03: publicity of five workdays from monday ends friday."""
    result = workdays.nth_workday(date(2026, 6, 1), 5)
    assert result == workdays.WorkdayResult(date(2026, 6, 5), False)


def test_gen03_first_day_counts_only_when_it_is_a_workday():
    """GEN-03: first day counts only when it is a workday."""
    # Sat 2026-06-06: counting starts on Mon 06-08.
    assert workdays.nth_workday(date(2026, 6, 6), 1).date == date(2026, 6, 8)
    assert workdays.nth_workday(date(2026, 6, 6), 5).date == date(2026, 6, 12)


def test_gen03_national_day_2026_is_never_counted():
    """GEN-03: national day 2026 is never counted."""
    # Fri 09-25 is 中秋; 09-28/29/30 then 10-08 (first workday after 10-01..10-07), 10-09.
    result = publicity_end(date(2026, 9, 25))
    assert result.date == date(2026, 10, 9) and not result.provisional
    assert workdays.workdays_between(date(2026, 10, 1), date(2026, 10, 7)).count == 0


def test_gen03_adjusted_weekend_workday_counts():
    """GEN-03: adjusted weekend workday counts."""
    assert workdays.is_workday(date(2026, 9, 20))  # Sunday, 调休上班
    assert not workdays.is_workday(date(2026, 10, 1))


def test_gen03_unknown_year_falls_back_to_weekends_and_is_provisional():
    """GEN-03: unknown year falls back to weekends and is provisional."""
    assert not workdays.is_year_known(2099)
    assert workdays.is_workday(date(2099, 1, 1))  # a Thursday: no holiday table, weekends only
    result = workdays.nth_workday(date(2099, 6, 1), 5)
    assert result.provisional and result.date == date(2099, 6, 5)


def test_gen03_override_table_beats_the_package_and_completes_a_year():
    """GEN-03: override table beats the package and completes a year."""
    workdays.set_holiday_overrides({date(2026, 6, 3): False, date(2027, 1, 1): False}, complete_years={2027})
    assert not workdays.is_workday(date(2026, 6, 3))
    assert workdays.nth_workday(date(2026, 6, 1), 5).date == date(2026, 6, 8)
    assert workdays.is_year_known(2027)
    result = workdays.nth_workday(date(2026, 12, 31), 2)
    assert result == workdays.WorkdayResult(date(2027, 1, 4), False)


def test_gen03_override_in_unknown_year_stays_provisional():
    """GEN-03: override in unknown year stays provisional."""
    workdays.set_holiday_overrides({date(2099, 6, 2): False})
    result = workdays.nth_workday(date(2099, 6, 1), 2)
    assert result == workdays.WorkdayResult(date(2099, 6, 3), True)


def test_gen03_custom_holiday_table_protocol():
    """GEN-03: custom holiday table protocol."""

    class Table:
        def lookup(self, d):
            return False if d == date(2030, 5, 1) else None

        def complete_years(self):
            return {2030}

    table = Table()
    assert isinstance(table, workdays.HolidayTable)
    assert not workdays.is_workday(date(2030, 5, 1), table)
    assert workdays.is_year_known(2030, table) and not workdays.is_year_known(2030)


def test_gen03_helpers():
    """GEN-03: helpers."""
    assert workdays.next_workday(date(2026, 10, 1)).date == date(2026, 10, 8)
    assert workdays.add_workdays(date(2026, 6, 5), 1).date == date(2026, 6, 8)
    assert workdays.unknown_years(date(2026, 12, 1), date(2028, 1, 1)) == [2027, 2028]
    with pytest.raises(ValueError):
        workdays.nth_workday(date(2026, 6, 1), 0)


# GEN-04 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,level",
    [
        pytest.param("必须由党委审批", "error", id="GEN-04-bixu"),
        pytest.param("不得超过六个月", "error", id="GEN-04-bude"),
        pytest.param("一般每季度召开1次", "warning", id="GEN-04-yiban"),
        pytest.param("原则上不超过五十人", "warning", id="GEN-04-yuanzeshang"),
    ],
)
def test_gen04_level_follows_wording(text, level):
    """GEN-04: level follows wording."""
    assert level_for_wording(text) == level


def test_gen04_findings_carry_citation_and_level():
    """GEN-04: findings carry citation and level."""
    f = make("DEV-03", "warning", "已逾期。")
    assert f.message_zh == "已逾期（DEV-03，《中国共产党发展党员工作细则》第七条）"
    assert worst([f, make("BR-02", "info", "x")]) == "warning"
    with pytest.raises(ValueError):
        Finding("DEV-03", "fatal", "x")


# GEN-05 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "day,ok",
    [
        pytest.param(date(2026, 5, 20), True, id="GEN-05-birthday"),
        pytest.param(date(2026, 5, 19), False, id="GEN-05-day-before"),
    ],
)
def test_gen05_adult_on_the_18th_birthday(day, ok):
    """GEN-05: adult on the 18th birthday."""
    assert is_adult_on(date(2008, 5, 20), day) is ok


def test_gen05_leap_day_birthday_is_configurable():
    """GEN-05: leap day birthday is configurable."""
    birth = date(2008, 2, 29)
    assert periods.anniversary(birth, 18) == date(2026, 3, 1)
    assert periods.anniversary(birth, 18, LocalSettings(leap_birthday="feb28")) == date(2026, 2, 28)
    assert not is_adult_on(birth, date(2026, 2, 28), DEFAULTS)


def test_gen05_day_after_birthday_setting():
    """GEN-05: day after birthday setting."""
    strict = LocalSettings(age_from_day_after_birthday=True)
    assert not is_adult_on(date(2008, 5, 20), date(2026, 5, 20), strict)
    assert is_adult_on(date(2008, 5, 20), date(2026, 5, 21), strict)

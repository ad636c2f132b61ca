"""DEV — deadlines and earliest dates for the 发展党员时间节点计算器 and the case page."""

from datetime import date

from dangjian.rules import workdays
from dangjian.rules.recruitment import deadlines, next_steps
from dangjian.rules.settings import LocalSettings


def by_code(lines):
    return {line.code: line for line in lines}


def test_calculator_from_known_dates_only():
    lines = by_code(deadlines({"application": date(2026, 1, 31), "activist_selected": date(2026, 3, 10)}))
    assert lines["talk_deadline"].date == date(2026, 2, 28) and lines["talk_deadline"].rule_id == "DEV-03"
    assert lines["earliest_candidate"].date == date(2027, 3, 10) and lines["earliest_candidate"].kind == "earliest"
    assert lines["next_review"].date == date(2026, 9, 10) and lines["next_review"].rule_id == "DEV-06"


def test_publicity_lines_are_working_days_and_marked_provisional_for_unknown_years():
    lines = by_code(deadlines({"publicity": date(2026, 6, 1)}))
    assert lines["publicity_end"].date == date(2026, 6, 5) and not lines["publicity_end"].provisional
    assert lines["earliest_listing"].date == date(2026, 6, 5)
    strict = by_code(deadlines({"publicity": date(2026, 6, 1)}, LocalSettings(list_on_last_publicity_day=False)))
    assert strict["earliest_listing"].date == date(2026, 6, 6)
    unknown = by_code(deadlines({"publicity": date(2099, 6, 1)}))
    assert unknown["publicity_end"].provisional and unknown["earliest_listing"].provisional


def test_admission_and_probation_lines():
    lines = by_code(
        deadlines({"pre_review": date(2026, 6, 30), "branch_meeting": date(2026, 7, 20), "approval": date(2026, 9, 1)})
    )
    assert lines["branch_meeting_deadline"].date == date(2026, 7, 30) and lines["branch_meeting_deadline"].done
    assert lines["approval_deadline"].date == date(2026, 10, 20)
    assert lines["approval_hard_limit"].date == date(2027, 1, 20)
    assert lines["first_dues_month"].date == date(2026, 7, 1) and lines["first_dues_month"].rule_id == "FEE-07"
    assert lines["oath_deadline"].date == date(2026, 10, 1) and lines["oath_deadline"].rule_id == "DEV-18"
    assert lines["probation_end"].date == date(2027, 7, 20) and lines["probation_end"].rule_id == "DEV-19"


def test_2014_pre_review_has_no_branch_meeting_deadline():
    assert "branch_meeting_deadline" not in by_code(deadlines({"pre_review": date(2026, 5, 10)}))


def test_extension_moves_the_probation_end():
    events = [
        {"step": "branch_meeting", "date": date(2026, 6, 1)},
        {"step": "conversion_meeting", "date": date(2027, 6, 5), "data": {"outcome": "extend", "extension_months": 6}},
    ]
    lines = by_code(deadlines(events))
    assert lines["probation_end"].date == date(2027, 12, 1) and lines["probation_end"].rule_id == "DEV-20"


def test_conversion_approval_deadline_after_decision():
    events = [
        {"step": "branch_meeting", "date": date(2026, 3, 15)},
        {"step": "conversion_meeting", "date": date(2027, 3, 20), "data": {"outcome": "convert"}},
    ]
    assert by_code(deadlines(events))["conversion_approval_deadline"].date == date(2027, 6, 20)


def test_transferred_in_discussion_limit():
    events = [{"step": "branch_meeting", "date": date(2025, 9, 1), "data": {"transferred_in": True}}]
    assert by_code(deadlines(events))["transferred_discussion"].date == date(2027, 3, 1)


def test_next_steps_hides_done_steps_and_flags_overdue():
    events = {"application": date(2026, 1, 31), "activist_selected": date(2026, 3, 10)}
    upcoming = by_code(next_steps(events, today=date(2026, 3, 20)))
    assert upcoming["talk_deadline"].overdue
    assert not upcoming["earliest_candidate"].overdue  # an earliest date is never overdue
    events["application_talk"] = date(2026, 2, 20)
    assert "talk_deadline" not in by_code(next_steps(events, today=date(2026, 3, 20)))


def test_lines_are_sorted_by_date_and_holiday_overrides_apply():
    workdays.set_holiday_overrides({date(2026, 6, 3): False})
    lines = deadlines({"application": date(2026, 5, 1), "publicity": date(2026, 6, 1)})
    assert [line.date for line in lines] == sorted(line.date for line in lines)
    assert by_code(lines)["publicity_end"].date == date(2026, 6, 8)

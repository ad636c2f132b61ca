"""DEV step order: no step dated before a step it follows, no non-repeatable step twice.

Expected values are worked by hand from the regulation's step list (regulations.md, DEV stage and
step list; 2014 第十三条 备案, 2026 第十三条 同意 → 公示 → 确定发展对象).
"""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dangjian.rules.recruitment import AFTER, STEP_BY_CODE, STEPS, check_case, sequence_findings

D = date


def ev(step, day, **data):
    return {"step": step, "date": day, "data": data}


def of(findings, code):
    return [f for f in findings if f.code == code]


def test_filing_before_the_activist_decision_names_the_step_and_its_date():
    events = [
        ev("application", D(2024, 9, 1)),
        ev("activist_selected", D(2025, 4, 15)),
        ev("activist_filed", D(2025, 4, 1)),
    ]
    [f] = sequence_findings(events)
    assert f.code == "STEP_OUT_OF_ORDER" and f.level == "error" and f.rule_id == "DEV-04"
    assert f.message_zh.startswith(
        "“报上级党委备案（入党积极分子）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）"
    )
    assert "DEV-04" in f.message_zh and f.due_date == D(2025, 4, 15)


def test_filing_on_the_same_day_is_in_order():
    events = [
        ev("application", D(2024, 9, 1)),
        ev("activist_selected", D(2025, 4, 15)),
        ev("activist_filed", D(2025, 4, 15)),
    ]
    assert sequence_findings(events) == []


def test_second_filing_is_refused_but_half_yearly_reviews_repeat():
    events = [
        ev("application", D(2024, 9, 1)),
        ev("activist_selected", D(2025, 4, 15)),
        ev("activist_filed", D(2025, 4, 20)),
        ev("activist_filed", D(2025, 5, 6)),
        ev("activist_review", D(2025, 10, 10)),
        ev("activist_review", D(2026, 4, 10)),
    ]
    [f] = sequence_findings(events)
    assert f.code == "STEP_REPEATED" and f.rule_id == "DEV-04"
    assert "“报上级党委备案（入党积极分子）”已于2025年4月20日登记，不能重复登记" in f.message_zh


def test_2014_path_candidate_filing_before_listing():
    events = [
        ev("activist_selected", D(2023, 10, 10)),
        ev("candidate_selected", D(2024, 10, 10)),
        ev("candidate_filed", D(2024, 10, 1)),
    ]
    [f] = sequence_findings(events)
    assert f.rule_id == "DEV-08"
    assert f.message_zh.startswith("“报上级党委备案（发展对象）”的日期不能早于“确定发展对象”（2024年10月10日）")


def test_2026_path_publicity_before_consent_and_consent_before_activist():
    events = [
        ev("activist_selected", D(2025, 4, 15)),
        ev("upper_consent", D(2025, 4, 1)),
        ev("publicity", D(2026, 5, 18)),
        ev("upper_consent", D(2026, 5, 20)),
    ]
    found = sequence_findings(events)
    assert [f.code for f in found] == ["STEP_OUT_OF_ORDER", "STEP_REPEATED"]
    assert found[0].message_zh.startswith(
        "“报上级党委同意（发展对象）”的日期不能早于“推荐和确定入党积极分子”（2025年4月15日）"
    )
    # the publicity follows the first consent (2025-04-01), so only the duplicate and the early consent count
    events = [
        ev("activist_selected", D(2025, 4, 15)),
        ev("publicity", D(2026, 5, 18)),
        ev("upper_consent", D(2026, 5, 20)),
    ]
    [f] = sequence_findings(events)
    assert f.message_zh.startswith("“发展对象公示”的日期不能早于“报上级党委同意（发展对象）”（2026年5月20日）")


def test_missing_intermediate_steps_do_not_break_the_chain():
    # 预审 with no 支委会审查 recorded still follows 确定发展对象 (through 支委会审查)
    events = [
        ev("activist_selected", D(2023, 10, 10)),
        ev("candidate_selected", D(2024, 10, 10)),
        ev("pre_review", D(2024, 9, 30)),
    ]
    [f] = sequence_findings(events)
    assert f.message_zh.startswith("“上级党委预审”的日期不能早于“确定发展对象”（2024年10月10日）")


def test_the_latest_step_it_must_follow_is_named():
    # branch meeting after 预审 (12-01) but before the 入党志愿书 (12-05): the 志愿书 is the binding date
    events = [
        ev("pre_review", D(2024, 12, 1)),
        ev("volunteer_form", D(2024, 12, 5)),
        ev("branch_meeting", D(2024, 12, 3), expected=3, present=3, yes=3),
    ]
    [f] = sequence_findings(events)
    assert f.message_zh.startswith("“支部党员大会讨论接收预备党员”的日期不能早于“填写入党志愿书”（2024年12月5日）")


def test_steps_side_by_side_are_not_ordered():
    # 谈话 may come after the activist decision; 介绍人, 政审 and 培训 in any order after the listing
    events = [
        ev("application", D(2023, 9, 1)),
        ev("activist_selected", D(2023, 9, 25)),
        ev("application_talk", D(2023, 9, 28)),
        ev("candidate_selected", D(2024, 10, 10)),
        ev("training", D(2024, 10, 12)),
        ev("political_review", D(2024, 10, 20)),
        ev("sponsors_assigned", D(2024, 10, 11)),
    ]
    assert sequence_findings(events) == []


def test_conversion_meeting_repeats_only_after_an_extension():
    base = [ev("branch_meeting", D(2025, 1, 10)), ev("approval", D(2025, 2, 20))]
    extended = base + [
        ev("conversion_meeting", D(2026, 1, 12), outcome="extend", extension_months=6),
        ev("conversion_approval", D(2026, 2, 1)),
        ev("conversion_meeting", D(2026, 7, 12), outcome="convert"),
        ev("conversion_approval", D(2026, 8, 1)),
    ]
    assert sequence_findings(extended) == []
    converted_twice = base + [
        ev("conversion_meeting", D(2026, 1, 12), outcome="convert"),
        ev("conversion_meeting", D(2026, 2, 12), outcome="convert"),
    ]
    [f] = sequence_findings(converted_twice)
    assert f.code == "STEP_REPEATED" and f.rule_id == "DEV-20" and "2026年1月12日" in f.message_zh
    approved_twice = base + [
        ev("conversion_meeting", D(2026, 1, 12), outcome="convert"),
        ev("conversion_approval", D(2026, 2, 1)),
        ev("conversion_approval", D(2026, 2, 9)),
    ]
    [f] = sequence_findings(approved_twice)
    assert f.code == "STEP_REPEATED" and f.rule_id == "DEV-21"


def test_check_case_reports_the_order_findings():
    events = [ev("pre_review", D(2026, 6, 10)), ev("branch_meeting", D(2026, 6, 1), expected=3, present=3, yes=3)]
    assert [f.code for f in check_case(events) if f.code == "STEP_OUT_OF_ORDER"] == ["STEP_OUT_OF_ORDER"]


# Laws over every step of both paths (the dependency table must agree with the regulation's step list).
def test_every_dependency_points_back_in_the_regulation_sequence():
    order = {s.code: i for i, s in enumerate(STEPS)}
    for step, befores in AFTER.items():
        assert step in STEP_BY_CODE
        for before, rule_id in befores:
            assert order[before] < order[step], (before, step)
            assert rule_id.startswith("DEV-")


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=len(STEPS), max_size=len(STEPS)))
def test_dates_that_never_go_back_along_the_step_list_are_in_order(gaps):
    day, events = D(2020, 1, 1), []
    for step, gap in zip(STEPS, gaps):
        day += timedelta(days=gap)
        events.append(ev(step.code, day))
    assert sequence_findings(events) == []


@given(st.sampled_from([(s, b) for s, bs in AFTER.items() for b, _ in bs]), st.integers(min_value=1, max_value=400))
def test_a_step_dated_before_a_step_it_follows_is_always_an_error(edge, days_early):
    step, before = edge
    events = [ev(before, D(2025, 6, 1)), ev(step, D(2025, 6, 1) - timedelta(days=days_early))]
    [f] = sequence_findings(events)
    assert f.code == "STEP_OUT_OF_ORDER" and f.level == "error" and f.due_date == D(2025, 6, 1)

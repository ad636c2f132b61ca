"""DEV — check_case over whole development cases (application to admission)."""

from datetime import date

import pytest

from dangjian.rules import workdays
from dangjian.rules.recruitment import check_case
from dangjian.rules.settings import LocalSettings

FULL = {"name": "甲", "full_member": True}
FULL2 = {"name": "乙", "full_member": True}


def ev(step, day, **data):
    return {"step": step, "date": day, "data": data}


def clean_case_2026():
    """A compliant case under the 2026 细则 (no holidays in early June 2027)."""
    return [
        ev("application", date(2026, 5, 20), birth_date=date(2000, 1, 1)),
        ev("application_talk", date(2026, 6, 10)),
        ev("activist_selected", date(2026, 6, 1), recommendation="member"),
        ev("activist_filed", date(2026, 6, 5)),
        ev("mentors_assigned", date(2026, 6, 5), mentors=[FULL]),
        ev("activist_review", date(2026, 11, 30)),
        ev("activist_review", date(2027, 5, 20)),
        ev("upper_consent", date(2027, 5, 25)),
        ev("publicity", date(2027, 6, 1)),
        ev("candidate_selected", date(2027, 6, 7)),
        ev("sponsors_assigned", date(2027, 6, 7), sponsors=[FULL, FULL2]),
        ev("political_review", date(2027, 7, 1), conclusion="qualified", has_conclusion_material=True),
        ev("training", date(2027, 7, 10), days=3, hours=24),
        ev("committee_review", date(2027, 8, 1)),
        ev("pre_review", date(2027, 8, 20)),
        ev("branch_meeting", date(2027, 9, 10), expected=9, present=7, yes=7),
        ev("approval_talk", date(2027, 9, 20)),
        ev("approval", date(2027, 10, 10), approver_kind="committee"),
        ev("approval_filed", date(2027, 10, 20)),
        ev("oath", date(2027, 10, 25)),
        ev("conversion_application", date(2028, 9, 10)),
        ev("conversion_meeting", date(2028, 9, 15), expected=10, present=8, yes=8, outcome="convert"),
        ev("conversion_approval", date(2028, 10, 15), conversion_date=date(2028, 9, 10)),
        ev(
            "archive",
            date(2028, 11, 1),
            documents=[
                "volunteer_form",
                "application",
                "activist_review_form",
                "political_review",
                "probation_review_form",
                "conversion_application",
            ],
        ),
    ]


def replace(events, step, **data):
    out = []
    for e in events:
        if e["step"] == step:
            e = {**e, "data": {**e["data"], **data}}
        out.append(e)
    return out


def codes(findings):
    return {f.code for f in findings}


@pytest.fixture
def known_2027_2028():
    """The package does not know 2027/2028 yet: declare them complete (no holidays used here)."""
    workdays.set_holiday_overrides({}, complete_years={2027, 2028})


def test_clean_2026_case_has_no_findings(known_2027_2028):
    assert check_case(clean_case_2026(), today=date(2028, 11, 2)) == []


def test_unknown_year_marks_the_publicity_provisional():
    found = check_case(clean_case_2026(), today=date(2028, 11, 2))
    assert [(f.code, f.level) for f in found] == [("PROVISIONAL_CALENDAR", "info")]


def test_every_finding_cites_its_rule():
    found = check_case([ev("application", date(2026, 5, 19), birth_date=date(2008, 5, 20))], today=date(2026, 8, 1))
    assert found and all(f.message_zh.endswith("）") and f"（{f.rule_id}，" in f.message_zh for f in found)


@pytest.mark.parametrize(
    "applied,under",
    [
        pytest.param(date(2026, 5, 19), True, id="DEV-01-UNDER_18"),
        pytest.param(date(2026, 5, 20), False, id="DEV-01-ok"),
    ],
)
def test_dev01_under_18(applied, under):
    """DEV-01: under 18."""
    found = check_case([ev("application", applied, birth_date=date(2008, 5, 20))])
    assert ("UNDER_18" in codes(found)) is under


@pytest.mark.parametrize(
    "talk,overdue",
    [
        pytest.param(date(2026, 2, 28), False, id="DEV-03-on-deadline"),
        pytest.param(date(2026, 3, 1), True, id="DEV-03-TALK_OVERDUE"),
    ],
)
def test_dev03_talk(talk, overdue):
    """DEV-03: talk."""
    found = check_case([ev("application", date(2026, 1, 31)), ev("application_talk", talk)])
    assert ("TALK_OVERDUE" in codes(found)) is overdue


def test_dev03_missing_talk_is_overdue_only_after_deadline():
    """DEV-03: missing talk is overdue only after deadline."""
    events = [ev("application", date(2026, 1, 31))]
    assert check_case(events, today=date(2026, 2, 28)) == []
    assert codes(check_case(events, today=date(2026, 3, 1))) == {"TALK_OVERDUE"}


def test_dev04_activist_not_filed():
    """DEV-04: activist not filed."""
    found = check_case([ev("activist_selected", date(2026, 1, 10))], today=date(2026, 2, 1))
    assert codes(found) == {"ACTIVIST_NOT_FILED"}
    assert next(iter(found)).level == "warning"


@pytest.mark.parametrize(
    "today,overdue",
    [
        pytest.param(date(2026, 7, 10), False, id="DEV-06-due-day"),
        pytest.param(date(2026, 7, 11), True, id="DEV-06-REVIEW_OVERDUE"),
    ],
)
def test_dev06_review_overdue(today, overdue):
    """DEV-06: review overdue."""
    events = [ev("activist_selected", date(2026, 1, 10)), ev("activist_filed", date(2026, 1, 12))]
    assert ("REVIEW_OVERDUE" in codes(check_case(events, today=today))) is overdue


def test_dev07_listing_before_one_year_is_an_error():
    """DEV-07: listing before one year is an error."""
    events = [
        e if e["step"] != "candidate_selected" else ev("candidate_selected", date(2027, 5, 31))
        for e in clean_case_2026()
    ]
    events = [e for e in events if e["step"] != "publicity"] + [ev("publicity", date(2027, 5, 24))]
    found = [f for f in check_case(events) if f.code == "DEV_OBJECT_TOO_EARLY"]
    assert len(found) == 1 and found[0].level == "error" and found[0].due_date == date(2027, 6, 1)


@pytest.mark.parametrize(
    "listed,ok",
    [
        pytest.param(date(2027, 6, 4), True, id="DEV-08-listed-last-publicity-day"),
        pytest.param(date(2027, 6, 3), False, id="DEV-08-PUBLICITY_NOT_COMPLETE"),
    ],
)
def test_dev08_listing_after_publicity(listed, ok):
    """DEV-08: listing after publicity."""
    # 公示 from Mon 2027-05-31: 05-31, 06-01, 06-02, 06-03, 06-04 → ends Fri 06-04.
    events = [e for e in clean_case_2026() if e["step"] not in ("publicity", "candidate_selected")]
    events += [ev("publicity", date(2027, 5, 31)), ev("candidate_selected", listed)]
    assert ("PUBLICITY_NOT_COMPLETE" not in codes(check_case(events))) is ok


def test_dev08_strict_setting_needs_the_day_after():
    """DEV-08: strict setting needs the day after."""
    events = [e for e in clean_case_2026() if e["step"] not in ("publicity", "candidate_selected")]
    events += [ev("publicity", date(2027, 5, 31)), ev("candidate_selected", date(2027, 6, 4))]
    strict = LocalSettings(list_on_last_publicity_day=False)
    assert "PUBLICITY_NOT_COMPLETE" in codes(check_case(events, settings=strict))


def test_dev08_missing_consent_and_publicity_are_errors_in_2026():
    """DEV-08: missing consent and publicity are errors in 2026."""
    events = [e for e in clean_case_2026() if e["step"] not in ("publicity", "upper_consent")]
    found = check_case(events)
    assert {"CONSENT_MISSING", "PUBLICITY_MISSING"} <= codes(found)
    assert all(f.level == "error" for f in found if f.rule_id == "DEV-08")


def test_dev08_mobile_person_needs_two_places():
    """DEV-08: mobile person needs two places."""
    events = replace(clean_case_2026(), "candidate_selected", mobile=True)
    events = replace(events, "political_review", both_opinions=True)
    assert "PUBLICITY_ONE_PLACE" in codes(check_case(events))
    events = replace(events, "publicity", places=[date(2027, 6, 1), date(2027, 6, 1)])
    assert "PUBLICITY_ONE_PLACE" not in codes(check_case(events))


def test_dev08_recorded_publicity_shorter_than_five_workdays():
    """DEV-08: recorded publicity shorter than five workdays."""
    events = replace(clean_case_2026(), "publicity", end=date(2027, 6, 3))
    assert "PUBLICITY_TOO_SHORT" in codes(check_case(events))


def test_dev08_provisional_calendar_is_reported():
    """DEV-08: provisional calendar is reported."""
    workdays.set_holiday_overrides({}, complete_years=())
    events = [
        ev("activist_selected", date(2098, 1, 5)),
        ev("activist_filed", date(2098, 1, 6)),
        ev("activist_review", date(2098, 7, 1)),
        ev("activist_review", date(2098, 12, 30)),
        ev("upper_consent", date(2099, 1, 5)),
        ev("publicity", date(2099, 1, 6)),
        ev("candidate_selected", date(2099, 1, 13)),
    ]
    assert codes(check_case(events)) == {"PROVISIONAL_CALENDAR"}


def test_dev09_one_sponsor_is_an_error():
    """DEV-09: one sponsor is an error."""
    events = replace(clean_case_2026(), "sponsors_assigned", sponsors=[FULL])
    assert "SPONSOR_COUNT" in codes(check_case(events))


def test_dev10_political_review_missing_or_failed():
    """DEV-10: political review missing or failed."""
    events = [e for e in clean_case_2026() if e["step"] != "political_review"]
    assert "POLITICAL_REVIEW_MISSING" in codes(check_case(events))
    events = replace(clean_case_2026(), "political_review", conclusion="unqualified")
    assert "POLITICAL_REVIEW_FAILED" in codes(check_case(events))


def test_dev11_training_insufficient_is_a_warning_with_override():
    """DEV-11: training insufficient is a warning with override."""
    events = replace(clean_case_2026(), "training", days=2, hours=16)
    found = [f for f in check_case(events) if f.code == "TRAINING_INSUFFICIENT"]
    assert found[0].level == "warning"
    events = replace(events, "training", special_case_reason="援外任务")
    assert [f.level for f in check_case(events) if f.code == "TRAINING_INSUFFICIENT"] == ["info"]


def test_dev12_leaving_within_3_months():
    """DEV-12: leaving within 3 months."""
    events = [
        ev("committee_review", date(2026, 6, 1), expected_departure=date(2026, 8, 1), planned_meeting=date(2026, 6, 15))
    ]
    found = check_case(events)
    assert codes(found) == {"LEAVING_WITHIN_3_MONTHS"} and found[0].level == "warning"


def test_dev12_branch_meeting_without_pre_review():
    """DEV-12: branch meeting without pre review."""
    events = [e for e in clean_case_2026() if e["step"] != "pre_review"]
    assert "PRE_REVIEW_MISSING" in codes(check_case(events))


@pytest.mark.parametrize(
    "meeting,late",
    [
        pytest.param(date(2026, 7, 30), False, id="DEV-13-on-deadline"),
        pytest.param(date(2026, 7, 31), True, id="DEV-13-BRANCH_MEETING_OVERDUE"),
    ],
)
def test_dev13_meeting_deadline_after_pre_review(meeting, late):
    """DEV-13: meeting deadline after pre review."""
    events = [ev("pre_review", date(2026, 6, 30)), ev("branch_meeting", meeting, expected=9, present=5, yes=5)]
    assert ("BRANCH_MEETING_OVERDUE" in codes(check_case(events))) is late


@pytest.mark.parametrize(
    "e,a,y,written,quorum,passed",
    [
        pytest.param(9, 5, 5, 0, True, True, id="DEV-14-9-5-5"),
        pytest.param(10, 5, 5, 0, False, False, id="DEV-14-10-5-5-no-quorum"),
        pytest.param(10, 6, 5, 0, True, False, id="DEV-14-10-6-5-fails"),
        pytest.param(10, 6, 4, 2, True, True, id="DEV-14-written-opinions"),
        pytest.param(3, 2, 2, 0, True, True, id="DEV-14-3-2-2"),
    ],
)
def test_dev14_meeting_findings(e, a, y, written, quorum, passed):
    """DEV-14: meeting findings."""
    events = [
        ev("pre_review", date(2026, 6, 1)),
        ev("branch_meeting", date(2026, 6, 20), expected=e, present=a, yes=y, written_yes=written),
    ]
    found = codes(check_case(events))
    assert ("NO_QUORUM" in found) is (not quorum)
    assert ("NOT_PASSED" in found) is (quorum and not passed)


def test_dev14_unrecorded_vote_is_flagged():
    """DEV-14: unrecorded vote is flagged."""
    events = [ev("pre_review", date(2026, 6, 1)), ev("branch_meeting", date(2026, 6, 20))]
    assert "VOTE_NOT_RECORDED" in codes(check_case(events))


def test_dev15_and_dev16_approval_needs_talk_and_a_committee():
    """DEV-15, DEV-16: approval needs talk and a committee."""
    events = [e for e in clean_case_2026() if e["step"] != "approval_talk"]
    events = replace(events, "approval", approver_kind="general_branch")
    assert {"APPROVAL_TALK_MISSING", "APPROVER_INVALID"} <= codes(check_case(events))


@pytest.mark.parametrize(
    "approved,code,level",
    [
        pytest.param(date(2026, 6, 15), None, None, id="DEV-17-on-time"),
        pytest.param(date(2026, 7, 1), "APPROVAL_OVER_3M", "warning", id="DEV-17-APPROVAL_OVER_3M"),
        pytest.param(date(2026, 9, 16), "APPROVAL_OVER_6M", "error", id="DEV-17-APPROVAL_OVER_6M"),
    ],
)
def test_dev17_approval_deadline(approved, code, level):
    """DEV-17: approval deadline."""
    events = [
        ev("pre_review", date(2026, 3, 1)),
        ev("branch_meeting", date(2026, 3, 10), expected=3, present=3, yes=3, submitted=date(2026, 3, 15)),
        ev("approval_talk", date(2026, 3, 20)),
        ev("approval", approved),
        ev("approval_filed", approved),
    ]
    found = [f for f in check_case(events) if f.rule_id == "DEV-17"]
    assert [(f.code, f.level) for f in found] == ([(code, level)] if code else [])


@pytest.mark.parametrize(
    "oath,collective,late",
    [
        pytest.param(date(2026, 7, 1), False, False, id="DEV-18-ok"),
        pytest.param(date(2026, 7, 25), False, True, id="DEV-18-late"),
        pytest.param(date(2026, 7, 25), True, False, id="DEV-18-collective"),
    ],
)
def test_dev18_oath(oath, collective, late):
    """DEV-18: oath."""
    events = [
        ev("pre_review", date(2026, 5, 20)),
        ev("branch_meeting", date(2026, 6, 1), expected=3, present=3, yes=3),
        ev("approval_talk", date(2026, 6, 10)),
        ev("approval", date(2026, 6, 20)),
        ev("approval_filed", date(2026, 6, 21)),
        ev("oath", oath, collective=collective),
    ]
    assert ("OATH_LATE" in codes(check_case(events))) is late


def test_dev23_incomplete_archive():
    """DEV-23: incomplete archive."""
    events = replace(clean_case_2026(), "archive", documents=["volunteer_form"])
    assert "ARCHIVE_INCOMPLETE" in codes(check_case(events))


def test_steps_out_of_order():
    events = [ev("pre_review", date(2026, 6, 10)), ev("branch_meeting", date(2026, 6, 1), expected=3, present=3, yes=3)]
    assert "STEP_OUT_OF_ORDER" in codes(check_case(events))

"""DEV — check_case for probation and conversion (DEV-20…22), and the 2026-05-11 version switch."""

from datetime import date

import pytest

from dangjian.rules.recruitment import check_case, regulation_version
from dangjian.rules.settings import LocalSettings

FULL = {"name": "甲", "full_member": True}
FULL2 = {"name": "乙", "full_member": True}


def ev(step, day, **data):
    return {"step": step, "date": day, "data": data}


def codes(findings):
    return {f.code for f in findings}


def _probation_case(*conversion_meetings, approval=None):
    events = [
        ev("sponsors_assigned", date(2026, 1, 5), sponsors=[FULL, FULL2]),
        ev("political_review", date(2026, 1, 20), conclusion="qualified"),
        ev("training", date(2026, 2, 1), hours=24),
        ev("pre_review", date(2026, 2, 20)),
        ev("branch_meeting", date(2026, 3, 15), expected=3, present=3, yes=3),
        ev("approval_talk", date(2026, 4, 1)),
        ev("approval", date(2026, 5, 20)),
        ev("approval_filed", date(2026, 5, 21)),
        ev("oath", date(2026, 6, 1)),
    ]
    events += list(conversion_meetings)
    if approval:
        events.append(approval)
    return events


@pytest.mark.parametrize(
    "months,ok",
    [
        pytest.param(3, False, id="DEV-20-3-months-invalid"),
        pytest.param(12, True, id="DEV-20-12-months-ok"),
        pytest.param(13, False, id="DEV-20-13-months-invalid"),
    ],
)
def test_dev20_extension_in_case(months, ok):
    """DEV-20: extension in case."""
    events = _probation_case(
        ev(
            "conversion_meeting",
            date(2027, 3, 20),
            expected=3,
            present=3,
            yes=3,
            outcome="extend",
            extension_months=months,
        )
    )
    assert ("EXTENSION_INVALID" not in codes(check_case(events))) is ok


def test_dev20_second_extension_is_invalid():
    """DEV-20: second extension is invalid."""
    events = _probation_case(
        ev("conversion_meeting", date(2027, 3, 20), expected=3, present=3, yes=3, outcome="extend", extension_months=6),
        ev("conversion_meeting", date(2027, 9, 20), expected=3, present=3, yes=3, outcome="extend", extension_months=6),
    )
    found = [f for f in check_case(events) if f.code == "EXTENSION_INVALID"]
    assert len(found) == 1 and "只能一次" in found[0].message_zh


def test_dev20_conversion_due_after_probation_ends():
    """DEV-20: conversion due after probation ends."""
    assert "CONVERSION_DUE" in codes(check_case(_probation_case(), today=date(2027, 3, 16)))
    assert "CONVERSION_DUE" not in codes(check_case(_probation_case(), today=date(2027, 3, 15)))


def test_dev21_conversion_date_and_approval_deadline():
    """DEV-21: conversion date and approval deadline."""
    meeting = ev("conversion_meeting", date(2027, 3, 20), expected=3, present=3, yes=3, outcome="convert")
    good = ev("conversion_approval", date(2027, 6, 20), conversion_date=date(2027, 3, 15))
    assert check_case(_probation_case(meeting, approval=good)) == []
    wrong = ev("conversion_approval", date(2027, 6, 21), conversion_date=date(2027, 3, 20))
    assert codes(check_case(_probation_case(meeting, approval=wrong))) == {
        "CONVERSION_DATE_WRONG",
        "CONVERSION_APPROVAL_OVER_3M",
    }


def test_dev21_early_conversion_application_warns():
    """DEV-21: early conversion application warns."""
    events = _probation_case() + [ev("conversion_application", date(2027, 3, 1))]
    assert "EARLY_CONVERSION_APPLICATION" in codes(check_case(events))


def test_dev22_transferred_in_postponement_limit():
    """DEV-22: transferred in postponement limit."""
    late = ev(
        "conversion_meeting", date(2027, 9, 16), expected=3, present=3, yes=3, outcome="convert", transferred_in=True
    )
    assert "CONVERSION_POSTPONED_TOO_LONG" in codes(check_case(_probation_case(late)))
    ok = ev(
        "conversion_meeting", date(2027, 9, 15), expected=3, present=3, yes=3, outcome="convert", transferred_in=True
    )
    assert "CONVERSION_POSTPONED_TOO_LONG" not in codes(check_case(_probation_case(ok)))


# Version switch (2014 before 2026-05-11, 2026 from that day) --------------------------------
@pytest.mark.parametrize(
    "day,version",
    [
        pytest.param(date(2026, 5, 10), "2014", id="DEV-08-version-day-before"),
        pytest.param(date(2026, 5, 11), "2026", id="DEV-08-version-effective-day"),
    ],
)
def test_regulation_version_switch(day, version):
    assert regulation_version(day) == version


def _listing_case(listed):
    return [
        ev("activist_selected", date(2025, 4, 1)),
        ev("activist_filed", date(2025, 4, 2)),
        ev("activist_review", date(2025, 10, 1)),
        ev("activist_review", date(2026, 3, 20)),
        ev("candidate_selected", listed),
    ]


def test_version_switch_publicity_and_consent_required_only_from_2026():
    assert codes(check_case(_listing_case(date(2026, 5, 10)))) == {"CANDIDATE_NOT_FILED"}
    assert codes(check_case(_listing_case(date(2026, 5, 11)))) == {"CONSENT_MISSING", "PUBLICITY_MISSING"}


def test_version_switch_2014_publicity_can_be_required_locally():
    found = check_case(_listing_case(date(2026, 5, 10)), settings=LocalSettings(require_publicity_2014=True))
    assert "PUBLICITY_MISSING" in codes(found)
    assert all("2014年" in f.message_zh for f in found if f.rule_id == "DEV-08")


def test_version_switch_branch_meeting_deadline_only_from_2026():
    for pre, meeting, late in (
        (date(2026, 5, 10), date(2026, 8, 1), False),
        (date(2026, 5, 11), date(2026, 8, 1), True),
    ):
        events = [ev("pre_review", pre), ev("branch_meeting", meeting, expected=3, present=3, yes=3)]
        assert ("BRANCH_MEETING_OVERDUE" in codes(check_case(events))) is late


def test_version_switch_extension_minimum():
    for day, ok in ((date(2026, 5, 10), True), (date(2026, 5, 11), False)):
        events = _probation_case(
            ev("conversion_meeting", day, expected=3, present=3, yes=3, outcome="extend", extension_months=3)
        )
        assert ("EXTENSION_INVALID" not in codes(check_case(events))) is ok

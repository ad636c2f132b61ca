"""Both standard paths go through end to end with no refusal, and the roster follows the case."""

import datetime

from .conftest import advance, path_2014, path_2026

D = datetime.date


def test_2014_path_runs_from_application_to_confirmation(world, open_case):
    case = open_case()
    case = advance(case, world.alice, path_2014(world))
    person = case.person
    person.refresh_from_db()
    assert case.stage == "full_member" and case.result == "converted"
    assert person.status == "full_member"
    assert person.join_date == D(2025, 1, 10)  # DEV-19: the branch meeting, not the approval date
    assert person.confirmation_date == D(2026, 1, 10)  # DEV-21: probation end, not the 2026-02-20 approval


def test_2026_path_lists_candidate_after_consent_and_publicity(world, open_case):
    case = open_case(applied=D(2025, 3, 10))
    case = advance(case, world.alice, path_2026(world))
    case.person.refresh_from_db()
    assert case.person.status == "probationary_member"
    assert case.person.join_date == D(2026, 7, 10)

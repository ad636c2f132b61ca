"""BR — 党支部 setup, size, committee, terms and elections; votes for BR-07."""

from datetime import date

import pytest

from dangjian.rules import orgs
from dangjian.rules.settings import LocalSettings
from dangjian.rules.votes import candidates_sufficient, elected, election_valid, min_candidates

TODAY = date(2026, 6, 1)


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "full,probationary,joint,units,expected",
    [
        pytest.param(3, 0, False, 1, [], id="BR-01-three-full-members"),
        pytest.param(2, 5, False, 1, ["TOO_FEW_FULL_MEMBERS"], id="BR-01-probationary-do-not-count"),
        pytest.param(2, 0, True, 5, [], id="BR-01-joint-five-units"),
        pytest.param(2, 0, True, 6, ["JOINT_TOO_MANY_UNITS"], id="BR-01-joint-six-units"),
    ],
)
def test_br01_setup(full, probationary, joint, units, expected):
    """BR-01: setup."""
    assert codes(orgs.check_branch(full, probationary, 0, None, TODAY, is_joint=joint, units=units)) == expected
    assert orgs.must_set_up_branch(full) is (full >= 3)


@pytest.mark.parametrize(
    "full,probationary,warn",
    [
        pytest.param(3, 47, False, id="BR-02-fifty"),
        pytest.param(3, 48, True, id="BR-02-fifty-one"),
    ],
)
def test_br02_size(full, probationary, warn):
    """BR-02: size."""
    found = orgs.check_branch(full, probationary, 0, None, TODAY)
    assert ("BRANCH_TOO_LARGE" in codes(found)) is warn


@pytest.mark.parametrize(
    "full,size,expected,level",
    [
        pytest.param(7, 0, "COMMITTEE_REQUIRED", "error", id="BR-03-seven-no-committee"),
        pytest.param(6, 0, None, None, id="BR-03-six-secretary-only"),
        pytest.param(9, 2, "COMMITTEE_TOO_SMALL", "error", id="BR-03-committee-of-2"),
        pytest.param(9, 5, None, None, id="BR-03-committee-of-5"),
        pytest.param(30, 6, "COMMITTEE_ABOVE_FIVE", "warning", id="BR-03-committee-of-6"),
        pytest.param(30, 8, "COMMITTEE_TOO_LARGE", "error", id="BR-03-committee-of-8"),
    ],
)
def test_br03_committee(full, size, expected, level):
    """BR-03: committee."""
    found = orgs.check_branch(full, 0, size, None, TODAY)
    assert [(f.code, f.level) for f in found] == ([(expected, level)] if expected else [])


@pytest.mark.parametrize(
    "village,end",
    [
        pytest.param(False, date(2029, 6, 10), id="BR-04-school"),
        pytest.param(True, date(2031, 6, 10), id="BR-04-village"),
    ],
)
def test_br04_term_end(village, end):
    """BR-04: term end."""
    assert orgs.term_end(date(2026, 6, 10), village=village) == end


@pytest.mark.parametrize(
    "today,approved,expected",
    [
        pytest.param(date(2026, 6, 10), False, [], id="BR-05-on-term-end"),
        pytest.param(date(2026, 12, 1), False, [("ELECTION_OVERDUE", "error")], id="BR-05-late-unapproved"),
        pytest.param(date(2027, 6, 10), True, [("ELECTION_DELAYED", "warning")], id="BR-05-approved-until-limit"),
        pytest.param(date(2027, 6, 11), True, [("ELECTION_OVERDUE", "error")], id="BR-05-beyond-one-year"),
    ],
)
def test_br05_elections_on_time(today, approved, expected):
    """BR-05: elections on time."""
    found = orgs.election_findings(date(2026, 6, 10), today, delay_approved=approved)
    assert [(f.code, f.level) for f in found] == expected


def test_br05_in_check_branch():
    """BR-05: in check branch."""
    found = orgs.check_branch(9, 0, 5, date(2025, 1, 1), TODAY)
    assert codes(found) == ["ELECTION_OVERDUE"]


def test_br06_secretary_needs_upper_approval():
    """BR-06: secretary needs upper approval."""
    assert codes(orgs.secretary_findings(date(2026, 6, 10), None)) == ["SECRETARY_NOT_APPROVED"]
    assert orgs.secretary_findings(date(2026, 6, 10), date(2026, 6, 20)) == []
    assert codes(orgs.secretary_findings(date(2026, 6, 10), date(2026, 6, 1))) == ["SECRETARY_APPROVAL_DATE"]


@pytest.mark.parametrize(
    "present,valid",
    [
        pytest.param(16, False, id="BR-07-16-of-20"),
        pytest.param(17, True, id="BR-07-17-of-20"),
    ],
)
def test_br07_election_quorum(present, valid):
    """BR-07: election quorum."""
    assert election_valid(20, present) is valid


def test_br07_candidates_exceed_seats_by_20_percent():
    """BR-07: candidates exceed seats by 20 percent."""
    assert min_candidates(5) == 6
    assert not candidates_sufficient(5, 5)
    assert candidates_sufficient(5, 6)
    assert candidates_sufficient(1, 1, same_number_allowed=True)  # 书记 等额
    assert min_candidates(3) == 4 and min_candidates(10) == 12


def test_br07_majority_base_is_configurable():
    """BR-07: majority base is configurable."""
    assert elected(9, present=17, expected=20)  # 9 > 17/2
    assert not elected(9, present=17, expected=20, settings=LocalSettings(election_majority_base="expected"))

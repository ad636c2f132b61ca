"""EDU and MGMT — 《中国共产党党员教育管理工作条例》: study hours, 党籍, lost contact, transfers,
mobile members, unqualified members."""

from datetime import date
from decimal import Decimal

import pytest

from dangjian.rules import learning, membership
from dangjian.rules.settings import LocalSettings


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "hours,warn",
    [
        pytest.param(30, True, id="EDU-01-30-hours"),
        pytest.param(32, False, id="EDU-01-32-hours"),
    ],
)
def test_edu01_member_hours(hours, warn):
    """EDU-01: member hours."""
    assert bool(learning.check_study_hours(hours, "member", year=2026)) is warn


def test_edu01_hour_conversion():
    """EDU-01: hour conversion."""
    assert learning.study_hours(days=3, half_days=1, hours=2) == Decimal(30)
    assert learning.study_hours(days=4) == Decimal(32)


def test_edu02_cadre_hours_and_central_training():
    """EDU-02: cadre hours and central training."""
    found = learning.check_study_hours(40, "cadre")
    assert codes(found) == ["STUDY_HOURS_SHORT"] and found[0].rule_id == "EDU-02"
    assert codes(learning.check_study_hours(60, "cadre", had_central_training=False)) == ["CENTRAL_TRAINING_MISSING"]
    assert learning.check_study_hours(56, "cadre") == []
    assert learning.new_secretary_training_due(date(2026, 3, 1)) == date(2026, 9, 1)


def test_edu_thresholds_are_settings():
    assert learning.check_study_hours(32, "member", settings=LocalSettings(member_study_hours=40))


def test_edu03_training_between_admission_and_one_year_after_conversion():
    """EDU-03: training between admission and one year after conversion."""
    args = (date(2026, 3, 15), date(2027, 3, 15))
    assert learning.new_member_training_findings(*args, [date(2027, 10, 1)], date(2028, 6, 1)) == []
    assert learning.new_member_training_findings(*args, [], date(2028, 3, 15)) == []
    found = learning.new_member_training_findings(*args, [date(2025, 1, 1)], date(2028, 3, 16))
    assert codes(found) == ["NEW_MEMBER_TRAINING_MISSING"] and found[0].due_date == date(2028, 3, 15)


def test_mgmt01_party_standing_from_the_meeting_once_approved():
    """MGMT-01: party standing from the meeting once approved."""
    assert membership.party_standing_start(date(2026, 3, 15), approved=True) == date(2026, 3, 15)
    assert membership.party_standing_start(date(2026, 3, 15), approved=False) is None


def test_mgmt02_abroad_more_than_five_years():
    """MGMT-02: abroad more than five years."""
    assert membership.abroad_review_date(date(2020, 9, 1)) == date(2025, 9, 2)


@pytest.mark.parametrize(
    "fn,start,end",
    [
        pytest.param(
            membership.suspension_eligible_from, date(2026, 1, 10), date(2026, 7, 10), id="MGMT-03-suspension"
        ),
        pytest.param(membership.removal_eligible_from, date(2026, 8, 1), date(2028, 8, 1), id="MGMT-03-removal"),
    ],
)
def test_mgmt03_lost_contact(fn, start, end):
    """MGMT-03: lost contact."""
    assert fn(start) == end


def test_mgmt04_exactly_one_organisation():
    """MGMT-04: exactly one organisation."""
    assert membership.membership_findings(1) == []
    assert codes(membership.membership_findings(0)) == ["NO_ORG"]
    assert codes(membership.membership_findings(2)) == ["MULTIPLE_ORGS"]


def test_mgmt04_graduate_transfer_overdue_after_six_months():
    """MGMT-04: graduate transfer overdue after six months."""
    left = date(2026, 7, 1)
    assert codes(membership.transfer_findings(left, date(2026, 12, 31), "employer_change")) == ["TRANSFER_DUE"]
    found = membership.transfer_findings(left, date(2027, 1, 1), "employer_change")
    assert [(f.code, f.level) for f in found] == [("TRANSFER_OVERDUE", "warning")]
    assert membership.transfer_findings(left, date(2027, 1, 1), "employer_change", transferred=True) == []


def test_mgmt04_four_month_internship_needs_no_transfer():
    """MGMT-04: four month internship needs no transfer."""
    assert not membership.transfer_required("work", 4)
    assert membership.transfer_findings(date(2026, 7, 1), date(2027, 1, 1), "work", expected_months=4) == []
    assert membership.transfer_required("study", 6)


def test_mgmt05_mobile_members():
    """MGMT-05: mobile members."""
    assert membership.is_mobile(4, fixed_place=True)
    assert membership.is_mobile(12, fixed_place=False)
    assert not membership.is_mobile(6, fixed_place=True)


def test_mgmt06_removal_needs_meeting_and_approval():
    """MGMT-06: removal needs meeting and approval."""
    found = membership.disposal_findings("remove", branch_resolution=False, upper_approval=False)
    assert [(f.code, f.level) for f in found] == [("DISPOSAL_NOT_APPROVED", "error")]
    assert membership.disposal_findings("remove", branch_resolution=True, upper_approval=True) == []


def test_mgmt06_persuasion_follows_correction_period():
    """MGMT-06: persuasion follows correction period."""
    found = membership.disposal_findings("persuade", branch_resolution=True, upper_approval=True)
    assert codes(found) == ["CORRECTION_MISSING"]
    early = membership.disposal_findings(
        "persuade",
        branch_resolution=True,
        upper_approval=True,
        correction_started=date(2026, 1, 10),
        decided_on=date(2026, 3, 1),
    )
    assert codes(early) == ["CORRECTION_NOT_OVER"] and early[0].due_date == date(2026, 4, 10)
    six = LocalSettings(correction_months=6)
    assert membership.correction_deadline(date(2026, 1, 10), six) == date(2026, 7, 10)
    lapse = membership.disposal_findings("persuade", branch_resolution=True, upper_approval=True, basis="lapse")
    assert lapse == []


def test_con06_six_months_without_org_life():
    """CON-06: six months without org life."""
    f = membership.org_life_lapse_finding(["2026-01"], date(2026, 8, 1))
    assert (f.rule_id, f.code, f.level) == ("CON-06", "LAPSE_REVIEW", "error")
    assert membership.org_life_lapse_finding(["2026-01"], date(2026, 7, 31)) is None

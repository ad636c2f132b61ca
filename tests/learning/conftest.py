import datetime

import pytest

from tests.conftest import add_person


@pytest.fixture
def committee(world):
    """Branch A's committee: 王芳 secretary, 张敏 member; 丁伟 is a plain member."""
    from dangjian.orgs.services import term_create

    zhang = add_person(world.branch_a, "张敏", actor=world.admin, seq=4)
    term_create(
        actor=world.admin,
        org=world.branch_a,
        started_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2029, 1, 1),
        posts=[
            (world.person_a, "secretary"),
            (zhang, "publicity_officer"),
            (world.person_dave, "organization_officer"),
        ],
    )
    # 丁伟 leaves the committee in a later term: only current members count as cadres.
    term_create(
        actor=world.admin,
        org=world.branch_a,
        started_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2030, 1, 1),
        posts=[(world.person_a, "secretary"), (zhang, "publicity_officer")],
    )
    world.zhang = zhang
    return world


def meeting_with(world, day, hours, present=(), absent=(), kind="study_session"):
    from dangjian.meetings.services import attendance_set, meeting_create
    from tests.meetings.conftest import at

    m = meeting_create(
        actor=world.alice, org=world.branch_a, kind=kind, starts_at=at(day), topic="集中学习", study_hours=hours
    )
    rows = [{"person_id": p.id, "status": "present"} for p in present] + [
        {"person_id": p.id, "status": "absent", "reason": ""} for p in absent
    ]
    attendance_set(actor=world.alice, meeting=m, rows=rows)
    return m

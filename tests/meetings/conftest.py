"""Helpers for organisational-life tests: a committee for branch A and a quick way to record a meeting."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import add_person

TZ = ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def hold(org, kind, day, *, actor=None, topic="学习贯彻会议精神", **fields):
    from dangjian.meetings.services import meeting_create

    return meeting_create(actor=actor, org=org, kind=kind, starts_at=at(day), topic=topic, **fields)


@pytest.fixture
def committee(world):
    """Branch A gets a 3-member committee: 王芳 (secretary), 丁伟, 张敏."""
    from dangjian.orgs.services import term_create

    zhang = add_person(world.branch_a, "张敏", actor=world.admin, seq=4)
    term_create(
        actor=world.admin,
        org=world.branch_a,
        started_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2029, 1, 1),
        posts=[
            (world.person_a, "secretary"),
            (world.person_dave, "organization_officer"),
            (zhang, "publicity_officer"),
        ],
    )
    world.zhang = zhang
    return world


def records_began(day: datetime.date) -> None:
    """Story: everyone now on the roll was entered into the system on ``day`` (Person.recorded_on), as a branch
    that has kept its records here since then. Without it the fixture's people are "entered today", and nobody
    entered today can have six months without organisational life on record."""
    from dangjian.members.models import Person

    Person.objects.update(recorded_on=day)

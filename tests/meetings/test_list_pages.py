"""A branch's meetings of a year come 50 a page, the year and kind filters kept (issue 20)."""

import datetime
import re

import pytest

from dangjian.meetings.services import meeting_create

pytestmark = pytest.mark.django_db


def test_fifty_three_meetings_are_two_pages(world, login):
    start = datetime.datetime(2026, 1, 5, 15, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    for i in range(53):
        meeting_create(
            actor=world.alice,
            org=world.branch_a,
            kind="study_session",
            starts_at=start + datetime.timedelta(days=5 * i),
            topic=f"集中学习第{i + 1:02d}次",
        )
    c = login(world.alice)
    pages = [c.get(f"/meetings/org/BRA/?year=2026&page={n}").content.decode() for n in (1, 2)]
    topics = [re.findall(r"集中学习第(\d\d)次", page) for page in pages]
    assert [len(t) for t in topics] == [50, 3]
    assert sorted(topics[0] + topics[1]) == [f"{i:02d}" for i in range(1, 54)]
    assert topics[0][0] == "53"  # newest first
    assert 'href="?year=2026&amp;page=2"' in pages[0]

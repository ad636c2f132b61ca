"""The paged 学时 selector (issue 20) is hours_table cut into pages: a law over a generated branch.

Expected values come from the unpaged ``hours_table`` (its worked examples are in test_hours.py): the pages
together are its rows in its order (or only the rows short of hours), and the two counts are of all its rows.
"""

import datetime
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.learning import services
from dangjian.learning.selectors import hours_page, hours_table
from tests.conftest import add_person

from .conftest import meeting_with

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def learners(committee):
    """Branch A's committee and 24 more members with random study records, a training and a study meeting."""
    rng = random.Random(20)
    people = [add_person(committee.branch_a, f"学员{i:02d}", actor=committee.admin, seq=20 + i) for i in range(24)]
    everyone = [committee.person_a, committee.person_dave, committee.zhang, *people]
    for p in everyone:
        for _ in range(rng.randint(0, 5)):
            services.record_create(
                actor=committee.alice,
                org=committee.branch_a,
                person=p,
                date=datetime.date(YEAR, rng.randint(1, 10), rng.randint(1, 28)),
                kind=rng.choice(["training", "lecture", "central_study"]),
                title="学习",
                hours=rng.choice([4, 8, 12, 16, 24]),
            )
    present = [p for p in everyone if rng.random() < 0.5]
    meeting_with(committee, datetime.date(YEAR, 3, 12), Decimal("3.5"), present=present)
    return committee


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(per_page=st.integers(1, 30), short_only=st.booleans())
def test_the_hours_pages_together_are_the_hours_table(learners, per_page, short_only):
    whole = hours_table(learners.branch_a, YEAR)
    shown = [r for r in whole if r["short"] > 0] if short_only else whole
    first = hours_page(learners.branch_a, YEAR, 1, short_only=short_only, per_page=per_page)
    pages = [first["rows"]] + [
        hours_page(learners.branch_a, YEAR, n, short_only=short_only, per_page=per_page)["rows"]
        for n in range(2, first["rows"].paginator.num_pages + 1)
    ]
    rows = [r for page in pages for r in page]

    def key(r):
        return (r["person"].pk, r["role"], r["meeting_hours"], r["record_hours"], r["total"], r["required"], r["short"])

    assert [key(r) for r in rows] == [key(r) for r in shown]
    assert [[f.message_zh for f in r["findings"]] for r in rows] == [
        [f.message_zh for f in r["findings"]] for r in shown
    ]
    assert (first["n"], first["n_short"]) == (len(whole), sum(1 for r in whole if r["short"] > 0))


def test_the_generated_branch_has_members_on_both_sides_of_the_requirement(learners):
    whole = hours_table(learners.branch_a, YEAR)
    assert 0 < sum(1 for r in whole if r["short"] > 0) < len(whole)
    assert {r["role"] for r in whole} == {"cadre", "member"}

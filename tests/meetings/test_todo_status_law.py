"""The to-do centre reads one period's status without evaluating the whole year (issue 20): for any month
counts, requirement, period and number of 党小组, it is the status the compliance calendar computes."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian.meetings.compliance import PER_YEAR, evaluate, period_states
from dangjian.meetings.models import Kind
from dangjian.meetings.todos import _status
from dangjian.rules.org_life import Requirement

KINDS = [Kind.GENERAL_MEETING, Kind.COMMITTEE_MEETING, Kind.GROUP_MEETING, Kind.PARTY_LECTURE]
counts = st.dictionaries(
    st.tuples(st.sampled_from(KINDS), st.integers(1, 12)),
    st.tuples(st.integers(0, 4), st.integers(0, 3)),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(
    counts=counts,
    kind=st.sampled_from(KINDS),
    period=st.sampled_from(list(PER_YEAR)),
    min_count=st.integers(1, 3),
    n_groups=st.integers(0, 4),
    today=st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    data=st.data(),
)
def test_one_period_status_is_the_calendars(counts, kind, period, min_count, n_groups, today, data):
    req = Requirement(kind, period, min_count, "LIFE-01")
    index = data.draw(st.integers(1, PER_YEAR[period]))
    states = period_states(2026, today)
    whole_year = evaluate(counts, [req], states, n_groups)
    assert _status(counts.get, req, index, states[(period, index)][0], n_groups) == whole_year[(kind, index)]

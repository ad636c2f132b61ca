"""rules.votes: the quorum is counted against who should attend (turnout) and E against the roll."""

from hypothesis import given
from hypothesis import strategies as st

from dangjian.rules.votes import committee_quorum, expected_exceeds_roll, turnout

ids = st.sets(st.integers(min_value=1, max_value=40), max_size=40)


def test_committee_with_observers_worked_by_hand():
    # 委员 1, 2, 3; present: 委员 1 and two 列席 (7, 8) → 3 expected, 1 present, 2 observers; 1 of 3 is no quorum
    t = turnout({1, 2, 3}, {1, 7, 8})
    assert t == (3, 1, 2)
    assert committee_quorum(t.expected, t.present) is False


@given(ids, ids)
def test_turnout_laws(expected, present):
    t = turnout(expected, present)
    assert t.expected == len(expected)
    assert 0 <= t.present <= t.expected
    assert t.present + t.observers == len(present)


@given(ids, ids, ids)
def test_observers_never_change_the_quorum(expected, present, observers):
    outsiders = {i + 100 for i in observers}
    assert turnout(expected, present)[:2] == turnout(expected, present | outsiders)[:2]


@given(st.integers(0, 200), st.integers(0, 200))
def test_expected_may_not_exceed_the_roll(expected, roll):
    problem = expected_exceeds_roll(expected, roll, "2025-01-10")
    assert (problem is None) is (expected <= roll)
    if problem:
        assert f"（{roll}人）" in problem and "2025-01-10" in problem

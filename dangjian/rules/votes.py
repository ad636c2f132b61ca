"""Quorum and majority rules: DEV-14 / LIFE-01 (branch general meeting), LIFE-02 (committee),
BR-07 (elections), with the GEN-01 reading of "超过半数" (strictly more than half).

All thresholds are compared in integers (2 * count > total) so no rounding is involved.
"""

from __future__ import annotations

from typing import NamedTuple

from .settings import DEFAULTS, LocalSettings


class VoteResult(NamedTuple):
    quorum: bool
    passed: bool


def more_than_half(count: int, total: int) -> bool:
    """GEN-01 "超过半数": 6 of 10 yes, 5 of 10 no."""
    return 2 * count > total


def half_or_more(count: int, total: int) -> bool:
    """GEN-01 "半数以上" read inclusively: 5 of 10 yes."""
    return 2 * count >= total


def _check_counts(expected: int, present: int) -> None:
    if expected < 0 or present < 0:
        raise ValueError("counts cannot be negative")
    if present > expected:
        raise ValueError("present cannot exceed expected")


def branch_vote(expected: int, present: int, yes: int, written_yes: int = 0) -> VoteResult:
    """DEV-14: the 支部党员大会 that accepts (or converts) a 预备党员.

    ``expected`` (E) = members with voting rights who should attend; ``present`` (A) = those
    present; ``yes`` (Y) = yes votes, including written opinions submitted before the meeting
    (or pass them separately as ``written_yes``).
    quorum: A > E/2.  passed: quorum and Y > E/2 — the denominator is E, not A.
    """
    _check_counts(expected, present)
    total_yes = yes + written_yes
    if total_yes > expected:
        raise ValueError("yes votes cannot exceed the members expected")
    quorum = more_than_half(present, expected)
    return VoteResult(quorum, quorum and more_than_half(total_yes, expected))


def committee_quorum(members: int, present: int, settings: LocalSettings = DEFAULTS) -> bool:
    """LIFE-02: a 支委会 meeting needs "半数以上委员到会".

    Default reading is strict (more than half: 3 of 5 valid, 2 of 4 invalid); with
    ``settings.half_or_more_inclusive`` exactly half is enough (2 of 4 valid).
    """
    _check_counts(members, present)
    if settings.half_or_more_inclusive:
        return present > 0 and half_or_more(present, members)
    return more_than_half(present, members)


class Turnout(NamedTuple):
    """Who counts for a quorum: ``expected`` (those who should attend), ``present`` (of them, those present)
    and ``observers`` (present but not among the expected: 列席, recorded and shown, never counted)."""

    expected: int
    present: int
    observers: int


def turnout(expected_ids, present_ids) -> Turnout:
    """LIFE-01/02, DEV-14: count the quorum against who should attend (the committee in office, or the
    voting members on the roll that day), not against whoever was marked. People never marked are absent."""
    expected, present = set(expected_ids), set(present_ids)
    return Turnout(len(expected), len(expected & present), len(present - expected))


def expected_exceeds_roll(expected: int, roll_voters: int, day: str) -> str | None:
    """DEV-14: E (应到会有表决权党员) is compared with the 正式党员 on the branch's roll on the meeting day.

    E may be smaller than the roll (members left out of E for a recorded reason: 留党察看 or 留置 — no voting
    rights — or, S/R, long illness or away half a year or more; the roster does not hold these, so the
    secretary's smaller E stands), but never larger: nobody else has a vote there. Returns the Chinese
    error, or None when E fits the roll."""
    if expected > roll_voters:
        return (
            f"应到会有表决权党员（{expected}人）多于{day}本支部名册上的正式党员（{roll_voters}人），"
            f"应到会人数不能超过{roll_voters}人，请核对（DEV-14）"
        )
    return None


def election_valid(expected: int, present: int) -> bool:
    """BR-07: an election is valid when voters present are more than 4/5 of those expected."""
    _check_counts(expected, present)
    return 5 * present > 4 * expected


def elected(yes: int, present: int, expected: int, settings: LocalSettings = DEFAULTS) -> bool:
    """BR-07: a candidate is elected with yes votes > half of voters present (实到会);
    ``settings.election_majority_base = "expected"`` uses those who should attend instead."""
    _check_counts(expected, present)
    base = present if settings.election_majority_base == "present" else expected
    return more_than_half(yes, base)


def min_candidates(seats: int) -> int:
    """BR-07 / CON-08: committee candidates exceed seats by at least 20% (5 seats → 6)."""
    return seats + (seats + 4) // 5


def candidates_sufficient(seats: int, candidates: int, *, same_number_allowed: bool = False) -> bool:
    """BR-07: enough candidates for a 差额 election; 书记/副书记 may be elected 等额
    (``same_number_allowed=True``)."""
    if same_number_allowed:
        return candidates >= seats
    return candidates >= min_candidates(seats)


def has_voting_rights(*, full_member: bool, under_probation_discipline: bool = False, detained: bool = False) -> bool:
    """DEV-14 / DEV-24: only 正式党员 vote; not while under 留党察看, 留置 or arrest."""
    return full_member and not under_probation_discipline and not detained


def expected_voters(members: list[dict]) -> int:
    """E of DEV-14: members with voting rights, minus those flagged ``excluded_from_E``
    (long illness, abroad half a year or more — S/R, recorded with a reason)."""
    count = 0
    for m in members:
        rights = has_voting_rights(
            full_member=bool(m.get("full_member")),
            under_probation_discipline=bool(m.get("under_probation_discipline")),
            detained=bool(m.get("detained")),
        )
        if rights and not m.get("excluded_from_E"):
            count += 1
    return count

"""Organisational life (LIFE) — 《中国共产党支部工作条例（试行）》 第四–五章.

``required_meetings`` lists what a branch must hold per month / quarter / half-year / year under
the local settings; ``check_meetings`` compares held meetings with it for every period of a
year that has fully elapsed by ``today``. All frequencies are "一般" → warnings (GEN-04).
Meeting kinds use the glossary names.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, NamedTuple

from .findings import Finding, make
from .periods import period_name, periods_of_year
from .settings import DEFAULTS, LocalSettings

KINDS_ZH = {
    "general_meeting": "支部党员大会",
    "committee_meeting": "支部委员会会议",
    "group_meeting": "党小组会",
    "party_lecture": "党课",
    "theme_day": "主题党日",
    "org_life_review": "组织生活会",
    "appraisal": "民主评议党员",
    "heart_to_heart_talk": "谈心谈话",
}
PERIOD_ZH = {"month": "月", "quarter": "季度", "half": "半年", "year": "年度"}


class Requirement(NamedTuple):
    kind: str
    period: str  # month | quarter | half | year
    min_count: int
    rule_id: str


def required_meetings(
    settings: LocalSettings = DEFAULTS, *, has_committee: bool = True, has_groups: bool = False
) -> list[Requirement]:
    """The 三会一课 and related requirements of one branch."""
    reqs = [Requirement("general_meeting", "quarter", 1, "LIFE-01")]
    if has_committee:
        reqs.append(Requirement("committee_meeting", "month", 1, "LIFE-02"))
    if has_groups:
        reqs.append(Requirement("group_meeting", "month", 1, "LIFE-03"))
    lecture = {
        "quarterly": Requirement("party_lecture", "quarter", 1, "LIFE-05"),
        "twice_per_half_year": Requirement("party_lecture", "half", 2, "LIFE-05"),
        "yearly": Requirement("party_lecture", "year", 1, "LIFE-05"),
    }.get(settings.lecture_frequency)
    if lecture:
        reqs.append(lecture)
    reqs.append(Requirement("theme_day", "month", 1, "LIFE-06"))
    reqs.append(Requirement("org_life_review", "year", 1, "LIFE-07"))
    reqs.append(Requirement("appraisal", "year", 1, "LIFE-08"))
    return reqs


def check_meetings(
    meetings: Iterable[tuple[str, date]],
    year: int,
    today: date,
    settings: LocalSettings = DEFAULTS,
    *,
    has_committee: bool = True,
    has_groups: bool = False,
    subject: str | None = None,
) -> list[Finding]:
    """Warnings for each required kind missing in a period of ``year`` that ended before ``today``.

    ``meetings`` are (kind, date) pairs. Codes look like ``LECTURE_MISSING_Q3``.
    The yearly 组织生活会 is checked by ``org_life_review_findings`` instead.
    """
    held = [(k, d) for k, d in meetings if d.year == year]
    out: list[Finding] = []
    for req in required_meetings(settings, has_committee=has_committee, has_groups=has_groups):
        if req.kind == "org_life_review":
            continue
        for index, first, last in periods_of_year(year, req.period):
            if last >= today:
                continue
            count = sum(1 for k, d in held if k == req.kind and first <= d <= last)
            if count < req.min_count:
                name = period_name(year, req.period, index, year_word="年")
                tag = {"month": "M", "quarter": "Q", "half": "H", "year": "Y"}[req.period]
                out.append(
                    make(
                        req.rule_id,
                        "warning",
                        f"{name}{KINDS_ZH[req.kind]}{count}次，一般每{PERIOD_ZH[req.period]}不少于{req.min_count}次",
                        due_date=last,
                        subject=subject,
                        code=f"{req.kind.upper()}_MISSING_{tag}{index}".replace("PARTY_LECTURE", "LECTURE"),
                    )
                )
    return out


def org_life_review_findings(
    year: int, held_on: date | None, today: date, *, subject: str | None = None
) -> list[Finding]:
    """LIFE-07: one 组织生活会 a year, generally in Q4; none by 12-31 → warning; held in a later
    year → warning (late); held before Q4 → info."""
    year_end = date(year, 12, 31)
    if held_on is None:
        if today > year_end:
            return [
                make(
                    "LIFE-07",
                    "warning",
                    f"{year}年度组织生活会尚未召开",
                    due_date=year_end,
                    subject=subject,
                    code="ORG_LIFE_REVIEW_MISSING",
                )
            ]
        return []
    if held_on > year_end:
        return [
            make(
                "LIFE-07",
                "warning",
                f"{year}年度组织生活会于{held_on.isoformat()}召开，晚于当年年底",
                subject=subject,
                code="ORG_LIFE_REVIEW_LATE",
            )
        ]
    if held_on.month < 10:
        return [
            make(
                "LIFE-07",
                "info",
                f"{year}年度组织生活会于{held_on.isoformat()}召开，一般安排在第四季度",
                subject=subject,
                code="ORG_LIFE_REVIEW_EARLY",
            )
        ]
    return []


def chair_findings(
    kind: str, chair_role: str | None, *, delegated: bool = False, subject: str | None = None
) -> list[Finding]:
    """LIFE-04: the 书记 chairs the 党员大会 and 支委会 (or a delegate); the group leader the 党小组会."""
    expected = {"general_meeting": "secretary", "committee_meeting": "secretary", "group_meeting": "group_leader"}
    role = expected.get(kind)
    if role is None or chair_role == role or delegated:
        return []
    who = "书记" if role == "secretary" else "党小组组长"
    return [
        make(
            "LIFE-04",
            "warning",
            f"{KINDS_ZH[kind]}应由{who}召集并主持，或记录委托情况",
            subject=subject,
            code="CHAIR_NOT_AUTHORISED",
        )
    ]


def talk_findings(
    members: Iterable[str], talked: Iterable[str], year: int, *, subject: str | None = None
) -> list[Finding]:
    """LIFE-09: every member has at least one recorded 谈心谈话 in the year (the stricter
    pairwise coverage between committee members is not required by the text)."""
    done = set(talked)
    missing = [m for m in members if m not in done]
    if not missing:
        return []
    return [
        make(
            "LIFE-09",
            "warning",
            f"{year}年度以下党员尚无谈心谈话记录：{'、'.join(missing)}",
            subject=subject,
            code="TALK_MISSING",
        )
    ]

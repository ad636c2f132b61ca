"""The facts behind the year-end tables, read from history (never from today's roster).

- Members are counted by the org whose roll holds them on 12-31 (members/roll.py), ages at that day.
- 党员数量变化 (第一表): for each person, the stretches on the counted subtree's roll (consecutive spans
  inside the subtree joined), cut at the 入党时间, give exact rises and falls in the year, so that
  上年数 + 增加 − 减少 = 本年数 holds per org by construction. A rise at the 入党时间 is 发展; a rise at a
  span's start is 转入 (from another roll, or a new record), or 恢复党籍 after a stretch off the roll that
  ended in 停止党籍 or was restored. A fall is 转出 when the person goes on to a roll outside the subtree the
  same day, else the recorded leaving reason (the audit keeps it when a later restore cleared it).
- 发展 / 转正 count by the upper-level approval date and the approving org (recruitment steps); people
  recorded on the roster only count by 入党/转正 date (recruitment/facts.py).
"""

import datetime

from django.apps import apps

from dangjian.members.facts import (  # noqa: F401
    DECREASE,
    INCREASE,
    LEAVE_KIND,
    Member,
    Move,
    member_ids_on,
    roll_members,
)
from dangjian.members.facts import RollHistory as History  # noqa: F401
from dangjian.orgs.facts import orgs_under  # noqa: F401
from dangjian.orgs.models import BRANCH_KINDS, Org, OrgKind


def installed(label: str) -> bool:
    return apps.is_installed(f"dangjian.{label}")


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def descendants(org: Org, everything: list[Org]) -> set[int]:
    return {o.id for o in everything if o.path.startswith(org.path)}


def members_on(org: Org, on: datetime.date) -> list[Member]:
    """The 党员 on the org subtree's roll on day `on`, with the org of their roll that day."""
    return roll_members(org, on)


def row_orgs(org: Org, everything: list[Org], members: list[Member]) -> list[Org]:
    """The orgs that get a row of their own: the org's direct sub-organizations (each with its whole
    subtree), and the org itself (本级) when members stand on its own roll. A branch has none (合计 only)."""
    if org.kind in BRANCH_KINDS:
        return []
    children = [o for o in everything if o.parent_id == org.id and o.kind != OrgKind.GROUP]
    own = any(m.org_id == org.id for m in members)
    return ([org] if own else []) + children


# ---------------------------------------------------------------- development and conversion
# 发展 / 转正 by the approving org and date, named: recruitment's facts (empty without the recruitment app).
def admissions(org: Org, year: int) -> list:
    if not installed("recruitment"):
        return []
    from dangjian.recruitment.facts import admissions as read

    return read(org, year)


def conversions(org: Org, year: int) -> list:
    if not installed("recruitment"):
        return []
    from dangjian.recruitment.facts import conversions as read

    return read(org, year)

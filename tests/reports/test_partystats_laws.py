"""Laws of the 党内统计 check (第一表) over random histories recorded through the member services.

For any history of people who come onto a branch's roll (now or on a later day), join the Party, move between
branches and leave: per org, 上年数 + 增加 − 减少 = 本年数; 本年数 equals an independent count of the plan
(who stands on which branch's roll on 12-31); and a parent's figures are the sum of its children's.
"""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.members.services import person_leave, person_update
from dangjian.orgs.services import org_create
from dangjian.reports.statistics import year_tables
from dangjian.rules.periods import add_years
from tests.conftest import add_person

D = datetime.date
TODAY = D(2026, 11, 22)
BRANCHES = ["BRA", "B1", "B2"]


def _day(lo: D, hi: D):
    return st.integers(0, (hi - lo).days).map(lambda n: lo + datetime.timedelta(days=n))


@st.composite
def person_plan(draw):
    start = draw(st.sampled_from(BRANCHES))
    since = draw(st.one_of(st.none(), _day(D(2024, 6, 1), D(2026, 6, 1))))
    join = draw(_day(D(2015, 1, 1), D(2026, 10, 1)))
    after = since or D(2024, 6, 1)
    move = draw(
        st.one_of(
            st.none(), st.tuples(_day(after + datetime.timedelta(days=1), D(2026, 8, 1)), st.sampled_from(BRANCHES))
        )
    )
    if move and move[1] == start:
        move = None
    last = move[0] if move else after
    leave = draw(
        st.one_of(
            st.none(),
            st.tuples(
                _day(last + datetime.timedelta(days=1), D(2026, 11, 1)),
                st.sampled_from(["transfer_out", "deceased", "expelled", "suspended"]),
            ),
        )
    )
    return {"start": start, "since": since, "join": join, "move": move, "leave": leave}


def expected_on(plan: dict, day: D) -> str | None:
    """The branch whose roll holds this 党员 on `day` (None: not a 党员 on any roll), from the plan alone."""
    if plan["join"] > day or (plan["since"] and plan["since"] > day):
        return None
    if plan["leave"] and plan["leave"][0] <= day:
        return None
    if plan["move"] and plan["move"][0] <= day:
        return plan["move"][1]
    return plan["start"]


@pytest.fixture
def tree(world):
    w = world
    w.gb = org_create(
        actor=w.admin,
        kind="general_branch",
        name="实验中学党总支",
        code="GB",
        parent=w.bureau,
        established_on=D(2020, 1, 1),
    )
    w.b1 = org_create(
        actor=w.admin, kind="branch", name="实验中学初中党支部", code="B1", parent=w.gb, established_on=D(2020, 1, 1)
    )
    w.b2 = org_create(
        actor=w.admin, kind="branch", name="实验中学高中党支部", code="B2", parent=w.gb, established_on=D(2020, 1, 1)
    )
    w.orgs = {"BRA": w.branch_a, "B1": w.b1, "B2": w.b2, "GB": w.gb, "BUREAU": w.bureau}
    return w


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans=st.lists(person_plan(), min_size=1, max_size=5))
def test_check_balances_matches_the_plan_and_adds_up(tree, plans):
    w = tree
    with transaction.atomic():
        people = []
        for n, plan in enumerate(plans):
            confirmed = add_years(plan["join"], 1)
            full = confirmed <= TODAY
            extra = {
                "join_date": plan["join"],
                "status": "full_member" if full else "probationary_member",
                "confirmation_date": confirmed if full else None,
            }
            p = add_person(
                w.orgs[plan["start"]],
                f"党员{n}",
                actor=w.admin,
                seq=200 + n,
                since=plan["since"],
                birth=D(1980, 1, 1),
                **extra,
            )
            if plan["move"]:
                person_update(
                    actor=w.admin, person=p, org=w.orgs[plan["move"][1]], group=None, effective=plan["move"][0]
                )
            if plan["leave"]:
                person_leave(actor=w.admin, person=p, reason=plan["leave"][1], on=plan["leave"][0])
            people.append(p)
        # the world's 王芳 and 丁伟 stand on BRA's roll throughout
        for year in (2025, 2026):
            totals = {}
            for code, org in w.orgs.items():
                check = year_tables(org, year)[0]
                head = [
                    "单位",
                    "上年数",
                    "增加",
                    *["发展", "转入", "恢复党籍", "其他增加"],
                    "减少",
                    *["死亡", "出党", "停止党籍", "转出", "其他减少"],
                    "本年数",
                    "核对",
                ]
                for row in check.rows:
                    r = dict(zip(head, row))
                    assert r["上年数"] + r["增加"] - r["减少"] == r["本年数"], (code, year, r)
                    assert r["核对"] == "相符"
                total = dict(zip(head, check.rows[0]))
                if len(check.rows) > 1:  # the rows of the sub-organizations add up to the 合计
                    for col in ("上年数", "本年数"):
                        assert sum(dict(zip(head, r))[col] for r in check.rows[1:]) == total[col], (code, col)
                totals[code] = (total["上年数"], total["本年数"])
            for code in BRANCHES:
                want = [
                    sum(1 for p in plans if expected_on(p, D(y, 12, 31)) == code) + (2 if code == "BRA" else 0)
                    for y in (year - 1, year)
                ]
                assert list(totals[code]) == want, (code, year, plans)
            assert totals["GB"] == tuple(map(sum, zip(totals["B1"], totals["B2"])))
            assert totals["BUREAU"] == tuple(map(sum, zip(totals["BRA"], totals["GB"])))
        transaction.set_rollback(True)

"""The paged dues selectors (issue 20) are the unpaged ones cut into pages: a law over a generated set of two
branches with random payments.

Expected values come from the unpaged selectors (``monthly_rows``, ``arrears``; their worked examples are in
test_pages.py, test_arrears.py and test_month_status.py) and, for the status counts, from ``status_of`` applied
row by row, as the month page did before it was paged.
"""

import datetime
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.dues import selectors
from dangjian.dues import status as dues_status
from dangjian.lib import clock
from tests.conftest import add_person

from .helpers import generate, pay, set_base

pytestmark = pytest.mark.django_db
MONTHS = [f"2026-{m:02d}" for m in range(1, 12)]


@pytest.fixture
def dues_world(world):
    """Branch A (23 members) and a second branch of the same bureau (14); each member paid a random set of
    January–November (a fixed seed), some on time and some later, one payment reversed."""
    from dangjian.dues.services import payment_reverse
    from dangjian.orgs.services import org_create

    second = org_create(actor=world.admin, kind="branch", name="飞龙小学党支部", code="BRC", parent=world.bureau)
    rng = random.Random(20)
    for i in range(21):
        add_person(world.branch_a, f"甲{rng.choice('王李张刘陈杨赵黄周吴')}{i:02d}", actor=world.admin, seq=10 + i)
    for i in range(14):
        add_person(second, f"乙{rng.choice('王李张刘陈杨赵黄周吴')}{i:02d}", actor=world.admin, seq=40 + i)
    for org in (world.branch_a, second):
        for p in org.people.all():
            set_base(world, p, base=str(rng.choice([3000, 5200, 7650, 12000])), actor=world.admin)
        generate(world, *MONTHS, org=org, actor=world.admin)
    payments = []
    for org in (world.branch_a, second):
        for p in org.people.all():
            paid = [m for m in MONTHS if rng.random() < 0.6]
            if paid:
                day = datetime.date(2026, int(paid[-1][5:]), 1) + datetime.timedelta(days=rng.choice([5, 40]))
                payments.append(
                    pay(world, p, paid, paid_on=min(day, clock.today()), actor=world.admin, confirm_catch_up=True)
                )
    payment_reverse(actor=world.admin, payment=payments[3], reason="录错")
    world.second = second
    return world


def _concat(pages):
    return [row for page in pages for row in page]


def _pages(fetch, per_page):
    first = fetch(1)
    return [first] + [fetch(n) for n in range(2, first.paginator.num_pages + 1)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(per_page=st.integers(1, 40), month=st.sampled_from(["2026-01", "2026-06", "2026-11", "2026-12"]))
def test_the_month_pages_together_are_the_month_table_and_their_totals_are_everyones(dues_world, per_page, month):
    m = datetime.date(int(month[:4]), int(month[5:]), 1)
    for org in (dues_world.bureau, dues_world.branch_a, dues_world.second):
        whole = selectors.monthly_rows(org, m)
        pages = _pages(lambda n: selectors.monthly_page(org, m, n, per_page=per_page)["page"], per_page)
        rows = _concat(pages)
        assert [(r.pk, r.charged, r.base, r.paid, r.paid_on, r.method_zh, r.receipt_no) for r in rows] == [
            (r.pk, r.charged, r.base, r.paid, r.paid_on, r.method_zh, r.receipt_no) for r in whole["rows"]
        ]
        data = selectors.monthly_page(org, m, 1, per_page=per_page)
        for key in ("charged", "paid", "count", "unpaid_count"):
            assert data["table"][key] == whole[key], key
        day, today = dues_status.due_day(org), clock.today()
        statuses = [dues_status.status_of(r.charged, r.paid is not None, m, today, day) for r in whole["rows"]]
        assert data["counts"] == {code: sum(1 for s in statuses if s.code == code) for code in dues_status.LABELS}
        assert [r.st for r in rows] == statuses


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(per_page=st.integers(1, 40), day=st.dates(datetime.date(2026, 2, 1), datetime.date(2026, 11, 22)))
def test_the_arrears_pages_together_are_the_arrears_list(dues_world, per_page, day):
    for org in (dues_world.bureau, dues_world.branch_a, dues_world.second):
        whole = selectors.arrears(org, day)
        pages = _pages(lambda n: selectors.arrears_page(org, day, n, per_page=per_page), per_page)
        assert _concat(pages) == whole
        assert pages[0].paginator.count == len(whole)


def test_the_generated_set_has_arrears_of_every_length_and_a_page_past_the_end_is_the_last(dues_world):
    whole = selectors.arrears(dues_world.bureau, clock.today())
    assert len({r["count"] for r in whole}) >= 4 and len(whole) > 10  # the law above is not vacuous
    last = selectors.arrears_page(dues_world.bureau, clock.today(), "999", per_page=10)
    assert list(last) == whole[(len(whole) - 1) // 10 * 10 :]
    assert list(selectors.arrears_page(dues_world.bureau, clock.today(), "abc", per_page=10)) == whole[:10]

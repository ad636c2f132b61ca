"""欠费 "as of" a day: the ledger and the roll as they stood that day (FEE-12).

Story, worked by hand (today is 2026-11-22): 王芳 and 丁伟 are charged for 2026-01 … 2026-07.
王芳 pays January on 01-20, 丁伟 January and February on 02-20. On 2026-08-01 the elapsed months are
January … July, so 王芳 owes February … July (6 months: LAPSE_REVIEW) and 丁伟 March … July (5: warning).
Then 王芳 catches up February … July on 2026-09-10, and 丁伟 is transferred out on 2026-09-15.
As of 2026-08-01 nothing of that has happened yet: the list stays 6 and 5. As of 2026-09-10 王芳 has paid
(丁伟 still owes 5); today neither is listed (王芳 paid, 丁伟 off the roll).
"""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.dues import selectors
from tests.conftest import add_person

from .helpers import generate, pay, set_base

pytestmark = pytest.mark.django_db
D = datetime.date
API = "/api/v1/dues"
JAN_TO_JUL = [f"2026-0{m}" for m in range(1, 8)]


@pytest.fixture
def ledger(world):
    set_base(world, world.person_a)
    set_base(world, world.person_dave, base="4900")
    generate(world, *JAN_TO_JUL)
    pay(world, world.person_a, ["2026-01"], paid_on=D(2026, 1, 20))
    pay(world, world.person_dave, JAN_TO_JUL[:2], paid_on=D(2026, 2, 20))
    return world


def _api(client, user, on=None):
    client.force_login(user)
    rows = client.get(f"{API}/BRA/arrears" + (f"?on={on}" if on else "")).json()
    return {r["name"]: (r["count"], r["months"][0], r["level"]) for r in rows}


def test_a_later_catch_up_and_a_later_transfer_do_not_change_a_past_days_arrears(ledger, client):
    from dangjian.members.services import person_leave

    w = ledger
    before = {"王芳": (6, "2026-02", "error"), "丁伟": (5, "2026-03", "warning")}
    assert _api(client, w.alice, "2026-08-01") == before
    pay(w, w.person_a, JAN_TO_JUL[1:], paid_on=D(2026, 9, 10), confirm_catch_up=True)
    person_leave(actor=w.alice, person=w.person_dave, reason="transfer_out", on=D(2026, 9, 15))

    assert _api(client, w.alice, "2026-08-01") == before
    assert _api(client, w.alice, "2026-08-31") == before  # August is not yet elapsed on its last day
    assert _api(client, w.alice, "2026-09-10") == {"丁伟": (5, "2026-03", "warning")}
    assert _api(client, w.alice) == {}
    client.force_login(w.alice)
    page = client.get("/dues/org/BRA/arrears/").content.decode()
    assert "王芳" not in page and "丁伟" not in page


def test_someone_admitted_after_the_day_is_not_listed_for_it(ledger):
    """A member whose 入党 came after the day was not a 党员 then: her charges do not make arrears as of it."""
    w = ledger
    late = add_person(
        w.branch_a,
        "陈新",
        actor=w.admin,
        seq=31,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    set_base(w, late, month="2026-08")
    generate(w, "2026-08", "2026-09")
    assert "陈新" not in {r["name"] for r in selectors.arrears(w.branch_a, D(2026, 7, 1))}
    assert [r["months"] for r in selectors.arrears(w.branch_a, D(2026, 10, 5)) if r["name"] == "陈新"] == [
        [D(2026, 8, 1), D(2026, 9, 1)]
    ]


def test_the_month_table_lists_that_months_members(ledger, client):
    """党费收缴明细表 of a month: the 党员 on the roll at its end, plus anyone charged for it."""
    from dangjian.members.services import person_leave

    w = ledger
    add_person(
        w.branch_a,
        "陈新",
        actor=w.admin,
        seq=31,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    person_leave(actor=w.alice, person=w.person_dave, reason="transfer_out", on=D(2026, 9, 15))
    client.force_login(w.alice)

    def names(month):
        return {r.name for r in client.get(f"/dues/org/BRA/?month={month}").context["table"]["rows"]}

    assert names("2026-05") == {"王芳", "丁伟"}  # 陈新 was not yet a 党员
    assert names("2026-07") == {"王芳", "丁伟", "陈新"}
    assert names("2026-10") == {"王芳", "陈新"}  # 丁伟 had left, and nothing was charged to him


MONTHS = [D(2026, m, 1) for m in range(1, 11)]
DAYS = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 11, 22))


def _expected_run(paid_on: dict, on: datetime.date) -> list:
    """Independent model of FEE-12 as of `on`: elapsed charged months after the last one paid by then."""
    elapsed = [m for m in MONTHS if m < on.replace(day=1)]
    paid = [m for m in elapsed if m in paid_on and paid_on[m] <= on]
    return [m for m in elapsed if not paid or m > max(paid)]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paid=st.dictionaries(st.sampled_from(MONTHS), DAYS, max_size=10), on=DAYS)
def test_arrears_as_of_a_day_count_only_what_was_paid_by_then(world, paid, on):
    """Law: whatever the payments and their dates, the run as of `on` is that of the payments made by `on`."""
    if not hasattr(world, "_charged"):
        set_base(world, world.person_a)
        generate(world, *[f"{m:%Y-%m}" for m in MONTHS])
        world._charged = True
    with transaction.atomic():
        for month, day in paid.items():
            pay(world, world.person_a, [f"{month:%Y-%m}"], paid_on=day, confirm_catch_up=True)
        got = [r["months"] for r in selectors.arrears(world.branch_a, on) if r["name"] == "王芳"]
        transaction.set_rollback(True)
    want = _expected_run(paid, on)
    assert got == ([want] if want else [])

import datetime

import pytest
from django.utils import timezone

from dangjian.dues import selectors
from dangjian.dues.todos import todos_for
from dangjian.rules.periods import add_months, month_start

from .helpers import generate, pay, set_base

pytestmark = pytest.mark.django_db
JAN_TO_JUL = [f"2026-0{m}" for m in range(1, 8)]


@pytest.fixture
def seven_months(world):
    set_base(world, world.person_a)
    set_base(world, world.person_dave, base="4900")
    generate(world, *JAN_TO_JUL)
    pay(world, world.person_a, ["2026-01"], paid_on=datetime.date(2026, 1, 20))  # then nothing: Feb–Jul unpaid
    pay(world, world.person_dave, JAN_TO_JUL[:2], paid_on=datetime.date(2026, 2, 20))  # Mar–Jul unpaid
    return world


def test_six_unpaid_months_flag_lapse_review_and_five_warn(seven_months):
    rows = {r["name"]: r for r in selectors.arrears(seven_months.branch_a, datetime.date(2026, 8, 1))}
    assert rows["王芳"]["count"] == 6 and rows["王芳"]["code"] == "LAPSE_REVIEW" and rows["王芳"]["level"] == "error"
    assert rows["王芳"]["months"][0] == datetime.date(2026, 2, 1)
    assert "2026年2月、2026年3月、2026年4月、2026年5月、2026年6月、2026年7月" in rows["王芳"]["finding"].message_zh
    assert rows["丁伟"]["count"] == 5 and rows["丁伟"]["level"] == "warning"


def test_the_current_month_is_not_counted(seven_months):
    rows = {r["name"]: r for r in selectors.arrears(seven_months.branch_a, datetime.date(2026, 7, 15))}
    assert rows["王芳"]["count"] == 5 and rows["王芳"]["level"] == "warning"


def test_a_paid_month_breaks_the_run(seven_months):
    pay(seven_months, seven_months.person_a, ["2026-04"], paid_on=datetime.date(2026, 8, 2))
    rows = {r["name"]: r for r in selectors.arrears(seven_months.branch_a, datetime.date(2026, 8, 3))}
    assert rows["王芳"]["count"] == 3 and rows["王芳"]["level"] == "info"


def test_an_approved_exemption_breaks_the_run(world):
    set_base(world, world.person_a)
    generate(world, "2026-01", "2026-02", "2026-03")
    set_base(
        world,
        world.person_a,
        month="2026-04",
        reduction="exempt",
        approved_by="上级党委",
        approved_on=datetime.date(2026, 3, 30),
        approval_doc="〔2026〕1号",
    )
    generate(world, "2026-04")
    set_base(world, world.person_a, month="2026-05")
    generate(world, "2026-05", "2026-06")
    rows = selectors.arrears(world.branch_a, datetime.date(2026, 7, 1))
    assert [(r["name"], r["count"]) for r in rows] == [("王芳", 2)]


def test_a_reversed_payment_counts_as_unpaid(seven_months):
    from dangjian.dues import services
    from dangjian.dues.models import DuesPayment

    services.payment_reverse(
        actor=seven_months.alice, payment=DuesPayment.objects.get(person=seven_months.person_a), reason="录错"
    )
    rows = {r["name"]: r for r in selectors.arrears(seven_months.branch_a, datetime.date(2026, 8, 1))}
    assert rows["王芳"]["count"] == 7


def test_todos_list_lapse_review_and_warning_for_managers_only(seven_months):
    today = datetime.date(2026, 8, 1)
    items = todos_for(seven_months.alice, today)
    assert [(i["level"], i["rule_id"]) for i in items] == [("error", "FEE-12"), ("warning", "FEE-12")]
    assert items[0]["title_zh"].startswith("王芳（飞龙中学党支部）：已连续6个月未交纳党费（2026年2月")
    assert items[0]["url"] == "/dues/org/BRA/arrears/" and items[0]["org_id"] == seven_months.branch_a.pk
    assert isinstance(items[1]["due_date"], datetime.date)
    assert len(todos_for(seven_months.bob, today)) == 2
    assert todos_for(seven_months.charlie, today) == []
    assert todos_for(seven_months.dave, today) == []


def test_todos_list_a_reconciliation_difference(world):
    from dangjian.dues import services

    set_base(world, world.person_a)
    generate(world, "2026-01")
    pay(world, world.person_a, ["2026-01"], paid_on=datetime.date(2026, 1, 20))
    services.reconciliation_record(
        actor=world.alice, org=world.branch_a, period_end=datetime.date(2026, 1, 31), stated_balance="100.00"
    )
    items = todos_for(world.alice, datetime.date(2026, 2, 1))
    assert len(items) == 1 and "差额-14.75元" in items[0]["title_zh"] and items[0]["url"] == "/dues/org/BRA/ledger/"
    services.reconciliation_record(
        actor=world.alice, org=world.branch_a, period_end=datetime.date(2026, 2, 28), stated_balance="114.75"
    )
    assert todos_for(world.alice, datetime.date(2026, 3, 1)) == []


def test_arrears_page_lists_months_and_never_removes_anyone(world, login):
    set_base(world, world.person_a, month="2020-01")
    last = add_months(month_start(timezone.localdate()), -1)
    months = [add_months(last, -i) for i in range(6)]
    generate(world, *months)
    page = login(world.alice).get("/dues/org/BRA/arrears/").content.decode()
    assert "6个月" in page and "LAPSE" not in page and "自行脱党" in page and "系统不会自动除名" in page
    world.person_a.refresh_from_db()
    assert world.person_a.on_roll

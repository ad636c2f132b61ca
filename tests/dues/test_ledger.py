import datetime

import pytest

from dangjian.dues import selectors, services

from .helpers import D, generate, pay, set_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(world):
    set_base(world, world.person_a)  # 114.75
    set_base(world, world.person_dave, base="4900")  # 49.00
    generate(world, "2026-01", "2026-02", "2026-03")
    pay(world, world.person_a, ["2026-01", "2026-02", "2026-03"], paid_on=datetime.date(2026, 3, 5))  # 344.25
    pay(world, world.person_dave, ["2026-01"], paid_on=datetime.date(2026, 1, 9), amount="1049.00")  # 1000 voluntary
    wrong = pay(world, world.person_dave, ["2026-02"], paid_on=datetime.date(2026, 2, 9), amount="59.00")
    services.payment_reverse(actor=world.alice, payment=wrong, reason="多收10元", on=datetime.date(2026, 2, 10))
    services.remittance_record(
        actor=world.alice,
        org=world.branch_a,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        amount="300",
        remitted_on=datetime.date(2026, 3, 31),
    )
    return world


def test_ledger_shows_charged_paid_remitted_and_balance(year):
    led = selectors.ledger(year.branch_a, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert led["charged"] == D("491.25")
    assert led["paid"] == D("1393.25") and led["voluntary"] == D("1000.00") and led["to_central"] == D("1000.00")
    assert led["reversed"] == D("59.00") and led["remitted"] == D("300.00") and led["closing"] == D("1093.25")
    q2 = selectors.ledger(year.branch_a, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    assert q2["opening"] == D("1093.25") and q2["paid"] == 0


def test_remittance_inside_the_bureau_does_not_leave_the_bureaus_balance(year):
    assert selectors.balance_held(year.bureau, datetime.date(2026, 3, 31)) == D("1393.25")
    assert selectors.balance_held(year.branch_a, datetime.date(2026, 3, 31)) == D("1093.25")


def test_reconciliation_records_the_difference(year):
    ok = services.reconciliation_record(
        actor=year.alice, org=year.branch_a, period_end=datetime.date(2026, 3, 31), stated_balance="1093.25"
    )
    bad = services.reconciliation_record(
        actor=year.alice, org=year.branch_a, period_end=datetime.date(2026, 3, 31), stated_balance="1090"
    )
    assert ok.matches and bad.difference == D("-3.25") and not bad.matches


def test_annual_total_is_the_money_received_in_the_year(year):
    assert selectors.annual_total(year.bureau, 2026) == D("1393.25")
    assert selectors.annual_total(year.bureau, 2025) == 0


def test_annual_summary_rolls_branches_up_to_the_bureau(year):
    rows = {r["code"]: r for r in selectors.annual_summary(year.bureau, 2026)}
    assert rows["BUREAU"]["total"]["paid"] == D("1393.25") and rows["BUREAU"]["own"]["paid"] == 0
    assert rows["BRA"]["total"]["members"] == 2 and rows["BRA"]["own"]["remitted"] == D("300.00")


def test_ledger_page_reconciles_and_lists_differences(year, login):
    c = login(year.alice)
    r = c.post(
        "/dues/org/BRA/ledger/?start=2026-01-01&end=2026-03-31",
        {"form": "recon", "period_end": "2026-03-31", "stated_balance": "1000"},
        follow=True,
    )
    text = r.content.decode()
    assert "账款不符：差额-93.25元" in text and 'id="closing">¥1,093.25<' in text
    r = c.post(
        "/dues/org/BRA/ledger/?start=2026-01-01&end=2026-03-31",
        {
            "form": "remit",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "amount": "93.25",
            "remitted_on": "2026-03-31",
        },
        follow=True,
    )
    assert 'id="remitted">¥393.25<' in r.content.decode()

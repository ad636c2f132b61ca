import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangjian.dues import services
from dangjian.dues.models import DuesPayment, DuesPaymentMonth
from dangjian.dues.services.payments import CatchUpNeedsConfirmation, live_months

from .helpers import D, generate, pay, set_base

pytestmark = pytest.mark.django_db
Q1 = ["2026-01", "2026-02", "2026-03"]


@pytest.fixture
def charged(world):
    set_base(world, world.person_a)  # 114.75 a month
    generate(world, *Q1)
    return world


def test_quarterly_payment_covers_three_months_at_the_charged_amounts(charged):
    p = pay(charged, charged.person_a, Q1, receipt_no="No.001")
    assert p.amount == D("344.25") and p.voluntary_amount == 0
    assert [ln.month.month for ln in p.lines.order_by("month")] == [1, 2, 3]


def test_the_same_month_cannot_be_paid_twice(charged):
    pay(charged, charged.person_a, Q1)
    with pytest.raises(ValidationError, match="2026年2月的党费已有交纳记录"):
        pay(charged, charged.person_a, ["2026-02"])
    assert DuesPayment.objects.count() == 1


def test_database_refuses_a_second_live_line_for_a_member_month(charged):
    first = pay(charged, charged.person_a, ["2026-01"])
    other = DuesPayment.objects.create(
        person=first.person, org=first.org, bureau=first.bureau, paid_on=first.paid_on, amount=first.amount
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesPaymentMonth.objects.create(
            payment=other,
            bureau=first.bureau,
            person=first.person,
            month=datetime.date(2026, 1, 1),
            amount=D("114.75"),
            seq=0,
        )


def test_reversal_frees_the_month_for_a_new_payment(charged):
    wrong = pay(charged, charged.person_a, ["2026-01"], amount="214.75")
    rev = services.payment_reverse(actor=charged.alice, payment=wrong, reason="金额录错")
    assert rev.amount == D("-214.75") and rev.reverses == wrong
    assert live_months(charged.person_a, [datetime.date(2026, 1, 1)]) == []
    right = pay(charged, charged.person_a, ["2026-01"])
    assert live_months(charged.person_a, [datetime.date(2026, 1, 1)]) == [datetime.date(2026, 1, 1)]
    assert right.lines.get().seq == 1
    assert DuesPayment.objects.count() == 3  # nothing edited or deleted


def test_a_payment_is_reversed_only_once_and_only_with_a_reason(charged):
    p = pay(charged, charged.person_a, ["2026-01"])
    with pytest.raises(ValidationError, match="冲正原因"):
        services.payment_reverse(actor=charged.alice, payment=p, reason=" ")
    rev = services.payment_reverse(actor=charged.alice, payment=p, reason="录错")
    with pytest.raises(ValidationError, match="已经冲正过"):
        services.payment_reverse(actor=charged.alice, payment=p, reason="再来")
    with pytest.raises(ValidationError, match="不能再冲正"):
        services.payment_reverse(actor=charged.alice, payment=rev, reason="再来")


def test_payments_cannot_be_edited_or_deleted(charged):
    p = pay(charged, charged.person_a, ["2026-01"])
    p.amount = D("1")
    with pytest.raises(RuntimeError, match="只能追加"):
        p.save()
    with pytest.raises(RuntimeError):
        p.delete()


def test_back_payment_over_six_months_needs_confirmation(world):
    set_base(world, world.person_a, month="2026-01", base="4900")
    months = [f"2026-0{m}" for m in range(2, 9)]
    with pytest.raises(CatchUpNeedsConfirmation, match="补交一般不超过六个月"):
        pay(world, world.person_a, months, paid_on=datetime.date(2026, 9, 10))
    p = pay(world, world.person_a, months, paid_on=datetime.date(2026, 9, 10), confirm_catch_up=True)
    assert p.catch_up_confirmed and p.amount == D("343.00")


def test_voluntary_extra_of_1000_or_more_is_routed_to_the_centre(charged):
    p = pay(charged, charged.person_a, ["2026-01"], amount="1114.75")
    assert p.is_voluntary_extra and p.voluntary_amount == D("1000.00") and p.to_central
    q = pay(charged, charged.person_a, [], amount="999.99")
    assert q.is_voluntary_extra and not q.to_central


def test_paying_less_than_owed_is_refused(charged):
    with pytest.raises(ValidationError, match="少于所选月份应交合计344.25元"):
        pay(charged, charged.person_a, Q1, amount="300")


def test_proxy_payment_needs_the_payers_name(charged):
    with pytest.raises(ValidationError, match="代缴人姓名"):
        pay(charged, charged.person_a, ["2026-01"], payer_kind="relative")
    p = pay(charged, charged.person_a, ["2026-01"], payer_kind="relative", payer_name="王大明")
    assert p.get_payer_kind_display() == "亲属代缴"


def test_repeating_an_idempotency_key_returns_the_original(charged):
    a = pay(charged, charged.person_a, ["2026-01"], idempotency_key="k-1")
    b = pay(charged, charged.person_a, ["2026-01"], idempotency_key="k-1")
    assert a.pk == b.pk and DuesPayment.objects.count() == 1


def test_months_before_joining_cannot_be_paid(world):
    from tests.conftest import add_person

    p = add_person(
        world.branch_a,
        "钱预备",
        seq=8,
        status="probationary_member",
        join_date=datetime.date(2026, 3, 15),
        confirmation_date=None,
    )
    set_base(world, p, base="4000")
    with pytest.raises(ValidationError, match="FEE-07"):
        pay(world, p, ["2026-02", "2026-03"])

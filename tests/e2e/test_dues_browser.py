"""A secretary enters a quarter's payments on the on-screen sheet, reverses a wrong entry, and the
monthly table and the arrears list show the right numbers; a member checks their dues on a phone."""

import datetime

from django.utils import timezone

from dangjian.dues import services
from dangjian.rules.periods import add_months, month_start
from tests.e2e.conftest import login_as


def _setup(world):
    services.base_set(actor=world.alice, person=world.person_a, effective_month="2020-01", base="7650")  # 114.75
    services.base_set(actor=world.alice, person=world.person_dave, effective_month="2020-01", base="4900")  # 49.00
    last = add_months(month_start(timezone.localdate()), -1)  # last fully elapsed month
    this_q = datetime.date(last.year, (last.month - 1) // 3 * 3 + 1, 1)
    quarter = [add_months(this_q, i) for i in range(-3, 0)]  # the calendar quarter before it
    month = quarter[0]
    while month <= last:
        services.charges_generate(actor=world.alice, org=world.branch_a, month=month)
        month = add_months(month, 1)
    return quarter, len(list(_months(this_q, last)))


def _months(a, b):
    while a <= b:
        yield a
        a = add_months(a, 1)


def test_secretary_enters_a_quarter_reverses_a_wrong_entry_and_sees_the_numbers(page, world):
    quarter, unpaid_after = _setup(world)
    a, d = world.person_a.pk, world.person_dave.pk
    login_as(page, "alice")
    page.click("text=党费")
    page.wait_for_url("**/dues/org/BRA/**")
    page.goto(page.base + f"/dues/org/BRA/pay/?month={quarter[0]:%Y-%m}")
    for m in quarter:
        page.check(f"input[name='p{a}-{m:%Y%m}']")
        page.check(f"input[name='p{d}-{m:%Y%m}']")
    page.fill(f"input[name='p{a}-receipt']", "SJ-001")
    page.fill(f"input[name='p{d}-amount']", "1470")  # typo: should be 147.00
    page.fill(f"input[name='p{d}-receipt']", "SJ-002")
    page.select_option("#id_method", "wechat")
    page.click("#save-sheet")
    page.wait_for_selector("text=已登记2名党员的交费")

    page.click("text=交费记录")
    page.locator("tr[data-person='丁伟']").get_by_role("link", name="冲正").click()
    page.fill("#id_reason", "金额多录一个0")
    page.click("#confirm-reverse")
    page.wait_for_selector("text=已冲正丁伟的交费1470.00元")
    assert page.locator("tr[data-person='丁伟']", has_text="冲正：金额多录一个0").count() == 1

    page.goto(page.base + f"/dues/org/BRA/pay/?month={quarter[0]:%Y-%m}")
    assert page.locator("tr[data-person='王芳'] .badge", has_text="已交").count() == 3
    for m in quarter:
        page.check(f"input[name='p{d}-{m:%Y%m}']")
    page.fill(f"input[name='p{d}-receipt']", "SJ-003")
    page.click("#save-sheet")
    page.wait_for_selector("text=已登记1名党员的交费")

    for m in quarter:
        page.goto(page.base + f"/dues/org/BRA/?month={m:%Y-%m}")
        assert page.inner_text("#total-charged") == "¥163.75"
        assert page.inner_text("#total-paid") == "¥163.75"
        assert page.inner_text("#unpaid-count") == "0"
    assert page.locator("tr[data-person='丁伟'] td.paid").inner_text() == "¥49.00"

    page.click("text=欠费")
    rows = page.locator("#arrears tbody tr[data-person]")
    assert rows.count() == 2
    for name in ("王芳", "丁伟"):
        assert page.locator(f"tr[data-person='{name}'] .count").inner_text() == f"{unpaid_after}个月"


def test_member_sees_own_dues_on_a_phone(phone_page, world):
    quarter, unpaid_after = _setup(world)
    services.payment_record(
        actor=world.alice, person=world.person_dave, months=quarter, paid_on=timezone.localdate(), receipt_no="SJ-9"
    )
    login_as(phone_page, "dave")
    phone_page.goto(phone_page.base + "/dues/me/")
    assert phone_page.inner_text("#my-base") == "¥4,900.00"
    assert phone_page.inner_text("#my-amount") == "¥49.00"
    assert phone_page.inner_text("#my-owed") == f"¥{49 * unpaid_after:,.2f}"
    assert "¥147.00" in phone_page.inner_text("#my-payments")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

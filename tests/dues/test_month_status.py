"""Issue #19 (dues): the secretary stays on the month she works on, the counts add up to the table, the running
month is not 欠交 before the branch's due day (a local setting, default the 25th), money reads ¥48,933.00."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.core.templatetags.ui import money
from dangjian.rulebook.services import bureau_settings_update

from .helpers import generate, set_base

pytestmark = pytest.mark.django_db


def counts(page):
    return tuple(int(re.search(rf'id="{k}-count">(\d+)<', page).group(1)) for k in ("none", "paid", "unpaid"))


def test_saving_december_payments_returns_to_december(world, login):
    set_base(world, world.person_a)
    generate(world, "2026-10", "2026-11", "2026-12")
    c = login(world.alice)
    sheet = c.get("/dues/org/BRA/pay/?month=2026-12").content.decode()
    assert 'name="month" value="2026-12"' in sheet  # the sheet remembers the month, not the quarter's first
    r = c.post(
        "/dues/org/BRA/pay/",
        {"month": "2026-12", "paid_on": "2026-11-20", "method": "cash", f"p{world.person_a.pk}-202612": "1"},
        follow=True,
    )
    assert r.redirect_chain[-1][0] == "/dues/org/BRA/?month=2026-12"
    assert "2026年12月党费收缴明细表" in r.content.decode()


def test_counts_read_not_generated_paid_unpaid_and_match_the_rows(world, login):
    set_base(world, world.person_a)  # 丁伟 has no base: his charge cannot be generated
    c = login(world.alice)
    page = c.get("/dues/org/BRA/?month=2026-10").content.decode()
    assert "未生成 <strong" in page and counts(page) == (2, 0, 0)
    generate(world, "2026-10")
    page = c.get("/dues/org/BRA/?month=2026-10").content.decode()
    assert counts(page) == (1, 0, 1)
    assert page.count('data-status="none"') == 1 and page.count('data-status="overdue"') == 1
    # Each row names its status in words, so colour is never the only cue.
    row = re.search(r'<tr data-person="王芳">.*?</tr>', page, re.DOTALL).group(0)
    assert "未交（已逾期）" in row and "¥114.75" in row


@pytest.mark.today("2026-11-05")
def test_running_month_is_not_owed_before_the_25th_by_default(world, login):
    set_base(world, world.person_dave, base="4900")  # ¥49.00 a month
    generate(world, "2026-10", "2026-11")
    page = login(world.dave).get("/dues/me/").content.decode()
    # October's due day has passed: owed. November's (the 25th) has not: 未交, due by the 25th, not owed.
    assert 'id="my-owed" class="text-danger">¥49.00<' in page and "（2026年10月）" in page
    assert "25日前交纳" in page and page.count('data-status="overdue"') == 1
    month = login(world.alice).get("/dues/org/BRA/?month=2026-11").content.decode()
    assert 'data-status="overdue"' not in month and "25日前交纳" in month


@pytest.mark.today("2026-11-26")
def test_after_the_due_day_the_running_month_is_owed(world, login):
    set_base(world, world.person_dave, base="4900")
    generate(world, "2026-11")
    page = login(world.dave).get("/dues/me/").content.decode()
    assert 'id="my-owed" class="text-danger">¥49.00<' in page and "（2026年11月）" in page


@pytest.mark.today("2026-11-12")
def test_the_due_day_is_the_bureaus_local_setting(world, login):
    set_base(world, world.person_dave, base="4900")
    generate(world, "2026-11")
    assert 'id="my-owed" class="">¥0.00<' in login(world.dave).get("/dues/me/").content.decode()
    bureau_settings_update(actor=world.admin, bureau=world.bureau, values={"dues_due_day": 10})
    page = login(world.dave).get("/dues/me/").content.decode()
    assert 'id="my-owed" class="text-danger">¥49.00<' in page and "每月10日前交纳" in page
    settings_page = login(world.bob).get("/rules/settings/BUREAU/").content.decode()
    assert "每月交纳党费截止日" in settings_page


@pytest.mark.parametrize(
    "value, shown",
    [
        # The three figures, as an accountant writes them; FEE-13 rounds half up to the cent.
        (48933.0, "¥48,933.00"),
        (35676, "¥35,676.00"),
        (Decimal("12226.5"), "¥12,226.50"),
        ("1234567.891", "¥1,234,567.89"),
        (Decimal("0.005"), "¥0.01"),
        (Decimal("-114.75"), "-¥114.75"),
        (None, "—"),
        ("", "—"),
        (0, "¥0.00"),
    ],
)
def test_money_examples(value, shown):
    assert money(value) == shown


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_money_reads_back_to_the_same_amount(amount):
    shown = money(amount)
    assert re.fullmatch(r"-?¥\d{1,3}(,\d{3})*\.\d{2}", shown)
    assert Decimal(shown.replace("¥", "").replace(",", "")) == amount

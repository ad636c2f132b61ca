import datetime

import pytest

from dangjian.dues.models import DuesCharge, DuesPayment

from .helpers import D, generate, pay, set_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def q1(world):
    set_base(world, world.person_a)  # 114.75
    set_base(world, world.person_dave, base="4900")  # 49.00
    generate(world, "2026-01", "2026-02", "2026-03")
    return world


def test_secretary_generates_charges_from_the_month_page(world, login):
    set_base(world, world.person_a)
    c = login(world.alice)
    r = c.post("/dues/org/BRA/generate/", {"month": "2026-03"}, follow=True)
    assert "新生成1条" in r.content.decode() and "1名党员尚未录入党费基数" in r.content.decode()
    c.post("/dues/org/BRA/generate/", {"month": "2026-03"})
    assert DuesCharge.objects.count() == 1
    page = c.get("/dues/org/BRA/?month=2026-03").content.decode()
    assert 'id="total-charged">¥114.75<' in page and 'id="total-paid">¥0.00<' in page


def test_payment_sheet_records_a_quarter_for_several_members_at_once(q1, login):
    c = login(q1.alice)
    a, d = q1.person_a.pk, q1.person_dave.pk
    form = {
        "month": "2026-02",
        "paid_on": "2026-03-20",
        "method": "wechat",
        f"p{a}-202601": "1",
        f"p{a}-202602": "1",
        f"p{a}-202603": "1",
        f"p{a}-receipt": "R-1",
        f"p{d}-202601": "1",
    }
    r = c.post("/dues/org/BRA/pay/", form, follow=True)
    assert "已登记2名党员的交费" in r.content.decode()
    assert DuesPayment.objects.get(person=q1.person_a).amount == D("344.25")
    page = c.get("/dues/org/BRA/?month=2026-01").content.decode()
    assert 'id="total-paid">¥163.75<' in page and 'id="unpaid-count">0<' in page
    page = c.get("/dues/org/BRA/?month=2026-02").content.decode()
    assert 'id="total-paid">¥114.75<' in page and 'id="unpaid-count">1<' in page


def test_payment_sheet_saves_nothing_when_one_row_is_wrong(q1, login):
    c = login(q1.alice)
    a, d = q1.person_a.pk, q1.person_dave.pk
    pay(q1, q1.person_dave, ["2026-01"])
    form = {
        "month": "2026-01",
        "paid_on": "2026-03-20",
        "method": "cash",
        f"p{a}-202601": "1",
        f"p{d}-202602": "1",
        f"p{d}-payer": "relative",
    }
    r = c.post("/dues/org/BRA/pay/", form)
    text = r.content.decode()
    assert "没有保存任何记录" in text and "丁伟：代缴时请填写代缴人姓名" in text
    assert DuesPayment.objects.count() == 1


def test_reversing_a_payment_from_the_list_frees_the_month(q1, login):
    c = login(q1.alice)
    p = pay(q1, q1.person_a, ["2026-01"], paid_on=datetime.date(2026, 2, 1))
    r = c.post(f"/dues/payment/{p.pk}/reverse/", {"reason": "录到了别人名下"}, follow=True)
    assert "已冲正王芳的交费114.75元" in r.content.decode()
    page = c.get("/dues/org/BRA/payments/").content.decode()
    assert "冲正：录到了别人名下" in page and "-¥114.75" in page
    assert 'id="total-paid">¥0.00<' in c.get("/dues/org/BRA/?month=2026-01").content.decode()
    assert c.post(f"/dues/payment/{p.pk}/reverse/", {"reason": "again"}).status_code == 200
    assert DuesPayment.objects.count() == 2


def test_other_bureaus_secretary_gets_404_everywhere(q1, login):
    c = login(q1.charlie)
    p = pay(q1, q1.person_a, ["2026-01"])
    for url in [
        "/dues/org/BRA/",
        "/dues/org/BRA/pay/",
        "/dues/org/BRA/payments/",
        "/dues/org/BRA/arrears/",
        "/dues/org/BRA/ledger/",
        "/dues/org/BRA/bases/",
        "/dues/org/BRA/bases/import/",
        "/dues/org/BRA/reports/monthly.xlsx",
        f"/dues/payment/{p.pk}/reverse/",
    ]:
        assert c.get(url).status_code == 404, url
    assert c.post("/dues/org/BRA/generate/", {"month": "2026-04"}).status_code == 404
    assert c.post(f"/dues/payment/{p.pk}/reverse/", {"reason": "x"}).status_code == 404
    assert DuesPayment.objects.count() == 1


def test_bureau_officer_sees_the_branch_and_its_totals(q1, login):
    c = login(q1.bob)
    assert 'id="total-charged">¥163.75<' in c.get("/dues/org/BUREAU/?month=2026-01").content.decode()


def test_plain_member_cannot_open_the_branch_pages(q1, login):
    c = login(q1.dave)
    assert c.get("/dues/org/BRA/").status_code == 404
    assert c.get("/dues/").url == "/dues/me/"


def test_member_sees_own_base_amount_payments_and_what_is_owed(q1, login):
    pay(q1, q1.person_dave, ["2026-01"], paid_on=datetime.date(2026, 1, 20), receipt_no="R-9")
    page = login(q1.dave).get("/dues/me/").content.decode()
    assert 'id="my-base">¥4,900.00<' in page and 'id="my-amount">¥49.00<' in page
    assert 'id="my-owed" class="text-danger">¥98.00<' in page and "2026年2月、2026年3月" in page
    assert "2026-01-20" in page
    assert "王芳" not in page


def test_bases_page_records_a_new_base_from_wage_items(world, login):
    c = login(world.alice)
    r = c.post(
        "/dues/org/BRA/bases/",
        {
            "person": world.person_a.pk,
            "effective_month": "2026-03",
            "category": "employed",
            "wage_1": "3000",
            "wage_2": "1500",
            "wage_3": "2500",
            "wage_4": "800",
            "income_tax": "150",
            "reduction": "none",
        },
        follow=True,
    )
    assert "党费基数7650.00元，每月应交114.75元" in r.content.decode()


def test_bases_page_refuses_exemption_without_approval(world, login):
    r = login(world.alice).post(
        "/dues/org/BRA/bases/",
        {
            "person": world.person_a.pk,
            "effective_month": "2026-03",
            "category": "employed",
            "base": "3000",
            "reduction": "exempt",
        },
    )
    assert "未见批准记录" in r.content.decode()

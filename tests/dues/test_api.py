import pytest

from dangjian.dues.models import DuesCharge, DuesPayment
from tests.api.helpers import call

from .helpers import generate, set_base

pytestmark = pytest.mark.django_db
API = "/api/v1/dues"


def test_api_enters_a_base_and_generates_charges_idempotently(world, client):
    r = call(
        client,
        "post",
        f"{API}/BRA/bases",
        world.alice,
        {
            "person_id": world.person_a.pk,
            "effective_month": "2026-01",
            "components": {"岗位工资": 3000, "薪级工资": 1500, "绩效工资": 2500, "津贴补贴": 800, "住房公积金": 900},
            "income_tax": 150,
        },
    )
    assert r.status_code == 201 and r.json()["base"] == "7650.00" and r.json()["amount"] == "114.75"
    first = call(client, "post", f"{API}/BRA/charges?month=2026-02", world.alice).json()
    again = call(client, "post", f"{API}/BRA/charges?month=2026-02", world.alice).json()
    assert (first["created"], again["created"], again["existing"]) == (1, 0, 1)
    rows = call(client, "get", f"{API}/BRA/charges?month=2026-02", world.alice).json()
    assert rows["charged"] == "114.75" and rows["rows"][0]["paid"] is None


def test_repeating_an_idempotency_key_returns_the_original_payment_with_200(world, client):
    set_base(world, world.person_a)
    generate(world, "2026-01", "2026-02", "2026-03")
    body = {
        "person_id": world.person_a.pk,
        "paid_on": "2026-03-20",
        "months": ["2026-01", "2026-02", "2026-03"],
        "method": "transfer",
        "receipt_no": "R-1",
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": "abc-123"}
    import json

    from tests.api.helpers import cli_token

    auth = {"HTTP_AUTHORIZATION": f"Bearer {cli_token('alice')}"}
    r1 = client.post(f"{API}/BRA/payments", json.dumps(body), content_type="application/json", **headers, **auth)
    r2 = client.post(f"{API}/BRA/payments", json.dumps(body), content_type="application/json", **headers, **auth)
    assert r1.status_code == 201 and r2.status_code == 200
    assert r1.json()["id"] == r2.json()["id"] and r1.json()["amount"] == "344.25"
    assert DuesPayment.objects.count() == 1
    r3 = call(client, "post", f"{API}/BRA/payments", world.alice, {**body, "months": ["2026-02"]})
    assert r3.status_code == 422 and "2026年2月的党费已有交纳记录" in r3.json()["detail"]


def test_api_reversal_and_arrears(world, client):
    set_base(world, world.person_a)
    generate(world, *[f"2026-0{m}" for m in range(1, 7)])
    r = call(
        client,
        "post",
        f"{API}/BRA/payments",
        world.alice,
        {"person_id": world.person_a.pk, "paid_on": "2026-01-10", "months": ["2026-01"]},
    )
    pid = r.json()["id"]
    assert call(client, "post", f"{API}/payments/{pid}/reverse", world.alice, {"reason": "录错"}).status_code == 201
    rows = call(client, "get", f"{API}/BRA/arrears?on=2026-07-01", world.alice).json()
    assert rows[0]["count"] == 6 and rows[0]["code"] == "LAPSE_REVIEW" and rows[0]["months"][0] == "2026-01"


def test_api_ledger_and_annual_total(world, client):
    set_base(world, world.person_a)
    generate(world, "2026-01")
    call(
        client,
        "post",
        f"{API}/BRA/payments",
        world.alice,
        {"person_id": world.person_a.pk, "paid_on": "2026-01-10", "months": ["2026-01"], "amount": "1114.75"},
    )
    led = call(client, "get", f"{API}/BRA/ledger?start=2026-01-01&end=2026-12-31", world.alice).json()
    assert led["paid"] == "1114.75" and led["to_central"] == "1000.00"
    annual = call(client, "get", f"{API}/BUREAU/annual?year=2026", world.bob).json()
    assert annual["total"] == "1114.75" and annual["orgs"][0]["code"] == "BUREAU"


def test_charlie_gets_404_on_branch_a_through_the_api(world, client):
    set_base(world, world.person_a)
    generate(world, "2026-01")
    p = call(
        client,
        "post",
        f"{API}/BRA/payments",
        world.alice,
        {"person_id": world.person_a.pk, "paid_on": "2026-01-10", "months": ["2026-01"]},
    ).json()
    for method, url, body in [
        ("get", f"{API}/BRA/bases", None),
        ("get", f"{API}/BRA/charges?month=2026-01", None),
        ("post", f"{API}/BRA/charges?month=2026-02", None),
        ("get", f"{API}/BRA/payments", None),
        ("get", f"{API}/BRA/arrears", None),
        ("get", f"{API}/BRA/annual?year=2026", None),
        ("get", f"{API}/BRA/reports/monthly.xlsx?month=2026-01", None),
        ("post", f"{API}/payments/{p['id']}/reverse", {"reason": "x"}),
        (
            "post",
            f"{API}/BRB/payments",
            {"person_id": world.person_a.pk, "paid_on": "2026-01-10", "months": ["2026-02"]},
        ),
    ]:
        assert call(client, method, url, world.charlie, body).status_code == 404, url
    assert DuesCharge.objects.count() == 1 and DuesPayment.objects.count() == 1


def test_catch_up_over_six_months_needs_confirmation_through_the_api(world, client):
    set_base(world, world.person_a)
    body = {"person_id": world.person_a.pk, "paid_on": "2026-09-10", "months": [f"2026-0{m}" for m in range(2, 9)]}
    r = call(client, "post", f"{API}/BRA/payments", world.alice, body)
    assert r.status_code == 422 and "补交一般不超过六个月" in r.json()["detail"]
    assert (
        call(client, "post", f"{API}/BRA/payments", world.alice, {**body, "confirm_catch_up": True}).status_code == 201
    )


def test_reports_download_as_xlsx_and_pdf(world, client):
    set_base(world, world.person_a)
    generate(world, "2026-01")
    for url, magic in [
        ("monthly.xlsx?month=2026-01", b"PK"),
        ("monthly.pdf?month=2026-01", b"%PDF"),
        ("annual.xlsx?year=2026", b"PK"),
        ("notice.pdf?year=2026", b"%PDF"),
    ]:
        r = call(client, "get", f"{API}/BRA/reports/{url}", world.alice)
        assert r.status_code == 200 and r.content.startswith(magic), url

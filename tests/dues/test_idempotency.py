"""Idempotency-Key on POST /api/v1/dues/{code}/payments: one key and body → one payment, even when
eight retries arrive at the same moment; another body → 422; keys are per user (and endpoint).

Runs on SQLite and on PostgreSQL (DJANGO_DB=postgres): the race is settled by the database's unique
constraint on (user, endpoint, key), not by the order the threads happen to run in.
"""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from dangjian.dues.models import DuesPayment, DuesPaymentMonth
from tests.api.helpers import cli_token

from .helpers import generate, set_base

API = "/api/v1/dues"
KEY_REUSED = "该 Idempotency-Key 已用于另一笔交费"


def _post(client, token, code, body, key):
    return client.post(
        f"{API}/{code}/payments",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def _body(world, person=None, **extra):
    return {
        "person_id": (person or world.person_a).pk,
        "paid_on": "2026-03-20",
        "months": ["2026-03"],
        "method": "transfer",
        "receipt_no": "R-7",
        **extra,
    }


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_retries_make_one_payment(world):
    set_base(world, world.person_a)
    generate(world, "2026-03")
    token = cli_token("alice")
    Client().get(f"{API}/BRA/payments", HTTP_AUTHORIZATION=f"Bearer {token}")  # token use noted before the race
    body = _body(world)
    barrier = threading.Barrier(8)
    results = []

    def retry():
        try:
            client = Client()
            barrier.wait()
            r = _post(client, token, "BRA", body, "pay-2026-03-wangfang")
            results.append((r.status_code, r.json().get("id"), r.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(code for code, _, _ in results)
    assert codes == [200] * 7 + [201], results
    assert len({pid for _, pid, _ in results}) == 1
    assert DuesPayment.objects.count() == 1
    assert DuesPaymentMonth.objects.filter(person=world.person_a).count() == 1
    assert all(body["amount"] == "114.75" for _, _, body in results)  # 7650 × 1.5 %, every answer the same


@pytest.mark.django_db
def test_same_key_with_another_body_is_refused(world, client):
    set_base(world, world.person_a)
    generate(world, "2026-03", "2026-04")
    token = cli_token("alice")
    first = _post(client, token, "BRA", _body(world, amount="114.75"), "k-1")
    assert first.status_code == 201
    # the same payment spelled differently (months repeated, amount with a trailing zero) is the same body
    same = _post(client, token, "BRA", _body(world, months=["2026-03", "2026-03"], amount="114.750"), "k-1")
    assert same.status_code == 200 and same.json()["id"] == first.json()["id"]
    other = _post(client, token, "BRA", _body(world, months=["2026-04"]), "k-1")
    assert other.status_code == 422 and KEY_REUSED in other.json()["detail"]
    receipt = _post(client, token, "BRA", _body(world, receipt_no="R-8"), "k-1")
    assert receipt.status_code == 422 and KEY_REUSED in receipt.json()["detail"]
    assert DuesPayment.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user(world, client):
    """Another user's key is another key. charlie (another branch) gets his own payment; bob (the
    bureau, who also manages 王芳) gets no replay of alice's payment: the ledger allows one live
    payment per member-month, so his copy of the same payment is refused as already paid."""
    set_base(world, world.person_a)
    set_base(world, world.person_b)
    generate(world, "2026-03")
    generate(world, "2026-03", org=world.branch_b)
    mine = _post(client, cli_token("alice"), "BRA", _body(world), "k-1")
    theirs = _post(client, cli_token("charlie"), "BRB", _body(world, person=world.person_b), "k-1")
    assert mine.status_code == 201 and theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"] and theirs.json()["person_id"] == world.person_b.pk
    bob = _post(client, cli_token("bob"), "BRA", _body(world), "k-1")
    assert bob.status_code == 422 and "2026年3月的党费已有交纳记录" in bob.json()["detail"]
    assert DuesPayment.objects.count() == 2

"""Every dues write is refused outside the actor's managed subtree: through the page, the API and the
service itself (a caller that skips the view's scoping must still not write another branch's dues)."""

import datetime
import json

import pytest
from django.http import Http404

from dangjian.dues import services
from dangjian.dues.models import DuesBase, DuesCharge, DuesPayment, DuesReconciliation, DuesRemittance

from .helpers import set_base

pytestmark = pytest.mark.django_db


def _nothing_written():
    return not (
        DuesBase.objects.filter(person__org__code="BRB").exists()
        or DuesPayment.objects.filter(person__org__code="BRB").exists()
    )


def test_secretary_cannot_set_another_branchs_base_through_the_page(world, login):
    c = login(world.alice)
    r = c.post(
        "/dues/org/BRA/bases/",
        {
            "person": world.person_b.pk,
            "effective_month": "2026-03",
            "category": "employed",
            "base": "7650",
            "reduction": "none",
        },
    )
    assert r.status_code in (200, 404)
    r = c.post(
        "/dues/org/BRB/bases/",
        {
            "person": world.person_b.pk,
            "effective_month": "2026-03",
            "category": "employed",
            "base": "7650",
            "reduction": "none",
        },
    )
    assert r.status_code == 404
    assert _nothing_written()


def test_secretary_cannot_set_another_branchs_base_through_the_api(world, client):
    from tests.api.helpers import cli_token

    auth = {"HTTP_AUTHORIZATION": f"Bearer {cli_token('alice')}"}
    body = json.dumps({"person_id": world.person_b.pk, "effective_month": "2026-03", "base": "7650"})
    for code in ("BRA", "BRB"):
        r = client.post(f"/api/v1/dues/{code}/bases", body, content_type="application/json", **auth)
        assert r.status_code == 404, r.content
    assert _nothing_written()


def test_base_service_refuses_a_person_outside_the_actors_scope(world):
    with pytest.raises(Http404):
        set_base(world, world.person_b, actor=world.alice)
    assert _nothing_written()
    # in scope it still works, and bob (bureau above branch A) may too
    assert set_base(world, world.person_a).base
    services.base_set(actor=world.bob, person=world.person_dave, effective_month="2026-01", base="4900")


def test_payment_and_reversal_services_refuse_out_of_scope(world):
    services.base_set(actor=world.charlie, person=world.person_b, effective_month="2026-01", base="7650")
    services.charges_generate(actor=world.charlie, org=world.branch_b, month="2026-01")
    with pytest.raises(Http404):
        services.payment_record(
            actor=world.alice, person=world.person_b, paid_on=datetime.date(2026, 2, 1), months=["2026-01"]
        )
    assert not DuesPayment.objects.exists()
    paid = services.payment_record(
        actor=world.charlie, person=world.person_b, paid_on=datetime.date(2026, 2, 1), months=["2026-01"]
    )
    with pytest.raises(Http404):
        services.payment_reverse(actor=world.alice, payment=paid, reason="越权冲正")
    assert DuesPayment.objects.count() == 1


def test_org_level_dues_services_refuse_out_of_scope(world):
    with pytest.raises(Http404):
        services.charges_generate(actor=world.alice, org=world.branch_b, month="2026-01")
    with pytest.raises(Http404):
        services.remittance_record(
            actor=world.alice,
            org=world.branch_b,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            amount="10",
            remitted_on=datetime.date(2026, 4, 2),
        )
    with pytest.raises(Http404):
        services.reconciliation_record(
            actor=world.alice, org=world.branch_b, period_end=datetime.date(2026, 3, 31), stated_balance="0"
        )
    assert not (DuesCharge.objects.exists() or DuesRemittance.objects.exists() or DuesReconciliation.objects.exists())

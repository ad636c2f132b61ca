"""Two clerks record the same member-month at the same moment: exactly one payment counts."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from dangjian.dues.models import DuesPaymentMonth

from .helpers import generate, pay, set_base


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_for_the_same_member_month_only_one_succeeds(world):
    set_base(world, world.person_a)
    generate(world, "2026-03")
    barrier = threading.Barrier(2)
    results = []

    def clerk(receipt):
        try:
            barrier.wait()
            results.append(("ok", pay(world, world.person_a, ["2026-03"], receipt_no=receipt).pk))
        except ValidationError as exc:
            results.append(("refused", " ".join(exc.messages)))
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(r,)) for r in ("A-1", "B-1")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kinds = sorted(k for k, _ in results)
    assert kinds == ["ok", "refused"], results
    assert "2026年3月的党费已有交纳记录" in [m for k, m in results if k == "refused"][0]
    assert DuesPaymentMonth.objects.filter(person=world.person_a, month=datetime.date(2026, 3, 1)).count() == 1

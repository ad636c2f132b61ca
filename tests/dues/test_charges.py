import datetime

import pytest

from dangjian.dues.models import DuesCharge
from tests.conftest import add_person

from .helpers import D, generate, set_base

pytestmark = pytest.mark.django_db


def test_generating_a_month_twice_changes_nothing(world):
    set_base(world, world.person_a)
    set_base(world, world.person_dave, base="4900")
    first, again = generate(world, "2026-03", "2026-03")
    assert first["created"] == 2 and again["created"] == 0 and again["existing"] == 2
    amounts = dict(DuesCharge.objects.values_list("person__name", "amount"))
    assert amounts == {"王芳": D("114.75"), "丁伟": D("49.00")}


def test_charges_use_the_base_in_force_that_month(world):
    set_base(world, world.person_a, month="2026-01", base="4900")
    set_base(world, world.person_a, month="2026-07", base="5100")  # FEE-09: raise paid from July
    generate(world, "2026-06", "2026-07")
    got = dict(DuesCharge.objects.filter(person=world.person_a).values_list("month", "amount"))
    assert got == {datetime.date(2026, 6, 1): D("49.00"), datetime.date(2026, 7, 1): D("76.50")}


def test_existing_charges_are_not_rewritten_when_the_base_changes(world):
    set_base(world, world.person_a, month="2026-01", base="4900")
    generate(world, "2026-03")
    set_base(world, world.person_a, month="2026-03", base="5100")
    generate(world, "2026-03")
    assert DuesCharge.objects.get(person=world.person_a).amount == D("49.00")


def test_probationary_member_owes_from_the_month_of_the_branch_meeting(world):
    p = add_person(
        world.branch_a,
        "钱预备",
        seq=8,
        status="probationary_member",
        join_date=datetime.date(2026, 3, 15),
        confirmation_date=None,
    )
    set_base(world, p, month="2026-01", base="4000")
    generate(world, "2026-02", "2026-03")
    assert list(DuesCharge.objects.filter(person=p).values_list("month", flat=True)) == [datetime.date(2026, 3, 1)]


def test_members_without_base_are_counted_not_charged(world):
    set_base(world, world.person_a)
    result = generate(world, "2026-03")[0]
    assert result["created"] == 1 and result["missing_base"] == 1


def test_charges_stay_inside_the_org_subtree(world):
    set_base(world, world.person_a)
    set_base(world, world.person_b)
    generate(world, "2026-03")
    assert list(DuesCharge.objects.values_list("person__name", flat=True)) == ["王芳"]

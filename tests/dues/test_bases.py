import datetime

import pytest
from django.core.exceptions import ValidationError

from dangjian.dues import services
from dangjian.dues.models import DuesBase

from .helpers import D, set_base

pytestmark = pytest.mark.django_db


def test_base_from_wage_items_leaves_out_housing_fund_and_deducts_tax(world):
    row = services.base_set(
        actor=world.alice,
        person=world.person_a,
        effective_month="2026-03",
        components={
            "岗位工资": "3000",
            "薪级工资": "1500",
            "绩效工资": "2500",
            "津贴补贴": "800",
            "住房公积金": "900",
            "通讯补贴": "200",
        },
        income_tax="150",
    )
    assert row.base == D("7650.00")
    assert row.amount == D("114.75")  # 7650 × 1.5 %
    assert row.effective_month == datetime.date(2026, 3, 1)


def test_retired_member_pays_half_percent_up_to_5000(world):
    assert set_base(world, world.person_a, base="5000", category="retired").amount == D("25.00")
    assert set_base(world, world.person_a, base="5000.01", category="retired").amount == D("50.00")


def test_student_pays_fixed_twenty_fen(world):
    assert set_base(world, world.person_a, base="0", category="student").amount == D("0.20")


def test_reduction_without_approval_record_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        set_base(world, world.person_a, reduction="exempt", approved_by="江北区教育局党委")
    assert "批准" in str(exc.value) and "批准日期" in str(exc.value)
    assert not DuesBase.objects.exists()


def test_exemption_with_approval_owes_nothing_and_keeps_the_standard_amount(world):
    row = set_base(
        world,
        world.person_a,
        reduction="exempt",
        approved_by="江北区教育局党委",
        approved_on=datetime.date(2026, 1, 5),
        approval_doc="江教党〔2026〕3号",
    )
    assert row.amount == D("0.00") and row.standard_amount == D("114.75")


def test_base_history_is_append_only(world):
    row = set_base(world, world.person_a)
    row.note = "改"
    with pytest.raises(RuntimeError):
        row.save()
    with pytest.raises(RuntimeError):
        row.delete()


def test_non_member_has_no_base(world):
    from tests.conftest import add_person

    applicant = add_person(world.branch_a, "赵申请", seq=7, status="applicant", join_date=None, confirmation_date=None)
    with pytest.raises(ValidationError, match="不是党员"):
        set_base(world, applicant)

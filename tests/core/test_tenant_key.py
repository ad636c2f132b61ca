"""The bureau (tenant) key (issue 20 item 5): every row of the big per-member tables names the bureau its org
belongs to, as the tree in the fixture says (branch A under 江北区教育局党委, branch B under 昆山市教育局党委),
including after a member moves to a school of another bureau — so a deployment can shard by bureau."""

import datetime

import pytest

from dangjian.dues.models import DuesPaymentMonth
from dangjian.learning import services as learning
from dangjian.learning.models import StudyRecord
from dangjian.meetings import services as meetings
from dangjian.meetings.models import Attendance
from dangjian.members.models import RollSpan
from dangjian.members.services import person_update
from tests.dues.helpers import generate, pay, set_base
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def test_rows_carry_the_bureau_of_their_org_across_a_move(world):
    meeting = meetings.meeting_create(
        actor=world.alice,
        org=world.branch_a,
        kind="theme_day",
        starts_at=at(datetime.date(2026, 3, 10)),
        topic="学习党章",
    )
    meetings.attendance_set(
        actor=world.alice,
        meeting=meeting,
        rows=[
            {"person_id": world.person_a.pk, "status": "present"},
            {"person_id": world.person_dave.pk, "status": "leave", "reason": "出差"},
        ],
    )
    learning.record_create(
        actor=world.charlie,
        org=world.branch_b,
        person=world.person_b,
        date=datetime.date(2026, 5, 8),
        kind="lecture",
        title="学习党的二十大精神专题讲座",
        hours="8",
    )
    set_base(world, world.person_a)
    generate(world, "2026-01", "2026-02")
    pay(world, world.person_a, ["2026-01", "2026-02"])
    person_update(
        actor=world.admin, person=world.person_a, org=world.branch_b, group=None, effective=datetime.date(2026, 6, 1)
    )

    assert {(a.person_id, a.bureau_id) for a in Attendance.objects.all()} == {
        (world.person_a.pk, world.bureau.pk),
        (world.person_dave.pk, world.bureau.pk),
    }
    assert set(DuesPaymentMonth.objects.values_list("month", "bureau_id")) == {
        (datetime.date(2026, 1, 1), world.bureau.pk),
        (datetime.date(2026, 2, 1), world.bureau.pk),
    }
    assert list(StudyRecord.objects.values_list("person_id", "bureau_id")) == [
        (world.person_b.pk, world.other_bureau.pk)
    ]
    spans = list(RollSpan.objects.filter(person=world.person_a).order_by("id").values_list("org_id", "bureau_id"))
    assert spans == [(world.branch_a.pk, world.bureau.pk), (world.branch_b.pk, world.other_bureau.pk)]
    assert set(RollSpan.objects.filter(person=world.person_b).values_list("bureau_id", flat=True)) == {
        world.other_bureau.pk
    }

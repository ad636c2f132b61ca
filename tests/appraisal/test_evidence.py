"""Evidence on one screen: attendance, study hours, dues, development role — read from the other modules."""

import datetime
from decimal import Decimal

from dangjian.appraisal.evidence import evidence_for
from dangjian.learning import services as learning
from dangjian.recruitment.models import CaseStep
from tests.learning.conftest import meeting_with

from .conftest import open_cycle

YEAR = datetime.date.today().year


def _case_with_mentor(world, mentor_ids, sponsor_ids=()):
    from dangjian.recruitment import services
    from tests.recruitment.conftest import applicant

    person = applicant(world.branch_a, "赵敏", 30)
    case = services.case_open(actor=world.alice, person=person, opened_on=datetime.date(2024, 9, 1))
    CaseStep.objects.create(
        case=case, code="mentors_assigned", date=datetime.date(2024, 10, 1), data={"mentors": mentor_ids}
    )
    if sponsor_ids:
        CaseStep.objects.create(
            case=case, code="sponsors_assigned", date=datetime.date(2025, 10, 1), data={"sponsors": list(sponsor_ids)}
        )
    return case


def test_evidence_gathered_in_a_few_queries(branch, django_assert_max_num_queries):
    dave, wang = branch.person_dave, branch.person_a
    meeting_with(branch, datetime.date(YEAR, 3, 1), Decimal("2"), present=[dave], absent=[wang])
    meeting_with(branch, datetime.date(YEAR, 4, 1), Decimal("0"), present=[dave, wang], kind="general_meeting")
    learning.record_create(
        actor=branch.alice,
        org=branch.branch_a,
        person=dave,
        date=datetime.date(YEAR, 5, 1),
        kind="lecture",
        title="讲座",
        hours=3,
    )
    _case_with_mentor(branch, [dave.id, wang.id], [dave.id])
    with django_assert_max_num_queries(10):
        ev = evidence_for(branch.branch_a, YEAR, [dave.id, wang.id, branch.zhang.id])
    assert (ev[dave.id]["attended"], ev[dave.id]["expected"]) == (2, 2)
    assert (ev[wang.id]["attended"], ev[wang.id]["expected"]) == (1, 2)
    assert ev[dave.id]["hours"] == Decimal("5.0")
    assert (ev[dave.id]["mentor"], ev[dave.id]["sponsor"]) == (1, 1)
    assert (ev[wang.id]["mentor"], ev[wang.id]["sponsor"]) == (1, 0)
    assert ev[branch.zhang.id]["dues"] == "—"  # no dues data recorded: shown as a dash


def test_evidence_on_the_member_screen(client, branch):
    meeting_with(branch, datetime.date(YEAR, 3, 1), Decimal("4"), present=[branch.person_dave])
    cycle = open_cycle(client, branch)
    ev = cycle.evaluations.get(person=branch.person_dave)
    page = client.get(f"/appraisal/evaluation/{ev.pk}/").content.decode()
    assert "1/1 次" in page and "4.0" in page

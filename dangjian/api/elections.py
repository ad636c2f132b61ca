"""/api/v1/elections/: 换届选举 — plan, vote (BR-07), superior approval (BR-06)."""

import datetime

from ninja import Router, Status

from dangjian.core import workflow
from dangjian.elections import selectors, services
from dangjian.elections.models import Election
from dangjian.orgs.selectors import org_get

from . import errors
from .types import Count, PositiveId, StrictIn

router = Router(tags=["换届选举 elections"])
errors.register_labels(
    "elections", models=["elections.Election"], extra={"org": "组织代码", "candidates": "候选人", "votes": "得票"}
)


class ElectionIn(StrictIn):
    org: str
    held_on: datetime.date
    seats: Count
    candidate_ids: list[int]


class ElectionVoteIn(StrictIn):
    expected: Count
    present: Count
    votes: dict[int, int]
    secretary_id: PositiveId
    deputy_id: PositiveId | None = None


class ApproveIn(StrictIn):
    approved_on: datetime.date
    ref: str = ""


def _e(e: Election) -> dict:
    return {
        "id": e.id,
        "org": e.org.code,
        "held_on": e.held_on.isoformat(),
        "seats": e.seats,
        "status": e.status,
        "expected": e.expected_voters,
        "present": e.present_voters,
        "secretary_id": e.secretary_id,
        "deputy_id": e.deputy_id,
        "approved_on": e.approved_on.isoformat() if e.approved_on else None,
        # The statuses the workflow allows next (elections/workflows.py), value and Chinese label.
        "next": [{"value": s.value, "label": s.label} for s in workflow.available_statuses(e)],
        "candidates": [
            {"person_id": c.person_id, "name": c.person.name, "yes": c.yes_votes, "elected": c.elected}
            for c in selectors.candidates_of(e)
        ],
    }


@router.get("/", summary="选举记录")
def election_list(request, org: str):
    o = org_get(request.user, code=org, manage=True)
    return {"items": [_e(e) for e in selectors.elections_of(o)[:100]]}


@router.post("/", summary="新建换届选举（委员差额不少于20%）", response={201: dict})
def election_create(request, payload: ElectionIn):
    o = org_get(request.user, code=payload.org, manage=True)
    people = selectors.members_picked(o, payload.candidate_ids)
    return Status(
        201,
        _e(
            services.election_create(
                actor=request.user, org=o, held_on=payload.held_on, seats=payload.seats, candidates=people
            )
        ),
    )


@router.post("/{int:pk}/vote", summary="计票（BR-07）")
def election_vote(request, pk: PositiveId, payload: ElectionVoteIn):
    e = selectors.election_get(request.user, pk)
    cands = selectors.candidate_people(e)
    e = services.election_vote(
        actor=request.user,
        election=e,
        expected=payload.expected,
        present=payload.present,
        votes=payload.votes,
        secretary=cands.get(payload.secretary_id),
        deputy=cands.get(payload.deputy_id) if payload.deputy_id else None,
    )
    return _e(e)


@router.post("/{int:pk}/approve", summary="上级批复书记、副书记（BR-06），新一届生效")
def election_approve(request, pk: PositiveId, payload: ApproveIn):
    e = selectors.election_get(request.user, pk)
    return _e(
        services.election_approve(actor=request.user, election=e, approved_on=payload.approved_on, ref=payload.ref)
    )

"""Writes for 换届选举: plan (candidates, 差额 check), vote (BR-07), superior approval (BR-06) → new term.
Status moves go through core.workflow (elections/workflows.py); every write checks the actor manages the org."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, workflow
from dangjian.rulebook.selectors import local_settings_for
from dangjian.rules.votes import candidates_sufficient, elected, election_valid, min_candidates

from .models import Candidate, Election, ElectionStatus
from .workflows import may_approve, require_manage


@transaction.atomic
def election_create(*, actor, org, held_on: datetime.date, seats: int, candidates: list, note: str = "") -> Election:
    """Record the election plan with its candidates; committee seats need a 差额 of ≥ 20% (BR-07)."""
    require_manage(actor, org)
    if seats < 1:
        raise ValidationError({"seats": "委员名额至少为1"})
    people = list({p.pk: p for p in candidates}.values())
    for p in people:
        if p.org_id != org.id and not p.org.path.startswith(org.path):
            raise ValidationError({"candidates": f"{p.name}不是本组织党员"})
    if seats > 1 and not candidates_sufficient(seats, len(people)):
        raise ValidationError(
            {
                "candidates": f"委员{seats}名须差额选举，候选人应不少于{min_candidates(seats)}名，"
                f"现有{len(people)}名（BR-07）"
            }
        )
    if len(people) < seats:
        raise ValidationError({"candidates": f"候选人不足{seats}名"})
    e = Election(org=org, held_on=held_on, seats=seats, note=note, created_by=actor)
    e.full_clean()
    e.save()
    Candidate.objects.bulk_create([Candidate(election=e, person=p) for p in people])
    audit.record(
        actor=actor,
        org=org,
        kind="election.create",
        subject=e,
        data={"seats": seats, "candidates": [p.name for p in people]},
    )
    return e


@transaction.atomic
def election_vote(
    *, actor, election: Election, expected: int, present: int, votes: dict[int, int], secretary=None, deputy=None
) -> Election:
    """Count the ballot: the meeting is valid when present > 4/5 of expected; a candidate needs yes votes
    > half of those present (base set per bureau); the top ``seats`` of those are elected. The committee then
    elects its 书记/副书记 (等额 allowed) from the elected members."""
    e = Election.objects.select_for_update().select_related("org").get(pk=election.pk)
    require_manage(actor, e.org)
    if e.status != ElectionStatus.PLANNED:
        raise ValidationError("该选举已计票")
    if present > expected or expected < 1:
        raise ValidationError({"present_voters": "实到人数不能超过应到人数，应到人数至少为1"})
    if not election_valid(expected, present):
        # Nothing is recorded: the election stays 筹备中 and the meeting is held again.
        raise ValidationError({"present_voters": f"实到{present}人未超过应到{expected}人的五分之四，选举无效（BR-07）"})
    settings = local_settings_for(e.org)
    cands = list(e.candidates.select_related("person"))
    for c in cands:
        yes = votes.get(c.person_id, 0)
        if yes < 0 or yes > present:
            raise ValidationError({"votes": f"{c.person.name}的得票数应在0到{present}之间"})
        c.yes_votes = yes
    passing = sorted(
        [c for c in cands if elected(c.yes_votes, present, expected, settings)], key=lambda c: -c.yes_votes
    )
    winners = {c.pk for c in passing[: e.seats]}
    for c in cands:
        c.elected = c.pk in winners
        c.save(update_fields=["yes_votes", "elected"])
    elected_ids = {c.person_id for c in cands if c.elected}
    for role, p in (("书记", secretary), ("副书记", deputy)):
        if p is not None and p.pk not in elected_ids:
            raise ValidationError({"secretary": f"{role}应从当选委员中产生，{p.name}未当选委员"})
    if secretary is None:
        raise ValidationError({"secretary": "请填写委员会选出的书记"})
    if deputy is not None and deputy.pk == secretary.pk:
        raise ValidationError({"deputy": "书记和副书记不能是同一人"})
    return workflow.set_status(
        actor=actor,
        obj=e,
        to=ElectionStatus.VOTED,
        expected=expected,
        present=present,
        elected=elected_ids,
        secretary=secretary,
        deputy=deputy,
    )


@transaction.atomic
def election_approve(*, actor, election: Election, approved_on: datetime.date, ref: str = "") -> Election:
    """BR-06: the superior approves 书记/副书记; the new committee takes effect on the approval date
    (elections/workflows.py). Only a manager of the superior organisation may approve."""
    e = Election.objects.select_for_update().select_related("org").get(pk=election.pk)
    if e.status != ElectionStatus.VOTED:
        raise ValidationError("只有已选举、待批复的选举可以批复")
    if not may_approve(actor, e):
        raise ValidationError("书记、副书记须由上级党组织批准，您无权批复")
    if approved_on < e.held_on:
        raise ValidationError({"approved_on": "批复日期不能早于选举日期"})
    return workflow.set_status(actor=actor, obj=e, to=ElectionStatus.APPROVED, on=approved_on, ref=ref)

"""The 换届选举 workflow, declared for core.workflow (logged in the shared core.StatusChange).

筹备中 → 已选举，待上级批复 (the ballot is counted, BR-07) → 上级已批复，新一届生效 (BR-06: the superior approves
书记/副书记 and the new committee takes effect on that date). A ballot short of the 4/5 quorum is refused and
nothing is recorded, so the election stays 筹备中 and is held again; 选举无效 is kept as a status for old rows.
"""

from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core.workflow import Change, Workflow, register
from dangjian.orgs.models import CommitteeRole
from dangjian.orgs.services import term_create
from dangjian.rules.orgs import term_end

from .models import Election, ElectionStatus

S = ElectionStatus
TABLE = {
    S.PLANNED: (S.VOTED,),
    S.VOTED: (S.APPROVED,),
    S.APPROVED: (),
    S.INVALID: (),
}
KINDS = {S.VOTED: "election.vote", S.APPROVED: "election.approve"}


def require_manage(actor, org):
    """Out of scope is 404, never 403."""
    if not can_manage(actor, org):
        raise Http404("不在管理范围内")


def may_approve(actor, election) -> bool:
    parent = election.org.parent
    return parent is not None and (can_manage(actor, parent) or actor.is_superuser)


def _guard(c: Change) -> None:
    e = c.obj
    if c.to == S.VOTED:
        require_manage(c.actor, e.org)
        if c.extra.get("secretary") is None:
            raise ValidationError({"secretary": "请填写委员会选出的书记"})
    elif c.to == S.APPROVED:
        if not may_approve(c.actor, e):
            raise ValidationError("书记、副书记须由上级党组织批准，您无权批复")
        if c.on < e.held_on:
            raise ValidationError({"approved_on": "批复日期不能早于选举日期"})


def _effects(c: Change) -> None:
    e = c.obj
    if c.to == S.VOTED:
        x = c.extra
        e.expected_voters, e.present_voters = x["expected"], x["present"]
        e.secretary, e.deputy = x["secretary"], x.get("deputy")
        c.saved |= {"expected_voters", "present_voters", "secretary", "deputy"}
        c.audit.update(
            expected=x["expected"],
            present=x["present"],
            elected=sorted(x["elected"]),
            secretary=x["secretary"].pk,
            deputy=x["deputy"].pk if x.get("deputy") else None,
        )
    elif c.to == S.APPROVED:
        posts = [(e.secretary, CommitteeRole.SECRETARY)]
        if e.deputy:
            posts.append((e.deputy, CommitteeRole.DEPUTY_SECRETARY))
        taken = {p.pk for p, _ in posts}
        posts += [
            (cand.person, CommitteeRole.MEMBER)
            for cand in e.candidates.filter(elected=True).select_related("person")
            if cand.person_id not in taken
        ]
        ref = c.extra.get("ref", "")
        e.term = term_create(actor=c.actor, org=e.org, started_on=c.on, ends_on=term_end(e.held_on), posts=posts)
        e.approved_on, e.approval_ref, e.approved_by = c.on, ref, c.actor
        c.saved |= {"term", "approved_on", "approval_ref", "approved_by"}
        c.audit.update(approved_on=c.on.isoformat(), ref=ref)


ELECTION = register(
    Workflow(
        model=Election,
        table=TABLE,
        audit_kind=lambda c: KINDS[c.to],  # the table only moves to these
        choices=ElectionStatus,
        guard=_guard,
        effects=_effects,
    )
)

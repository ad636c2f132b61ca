"""两优一先: a branch nominates (with its general meeting's vote); a manager of an org above it decides.

On approval the honour is recorded through honour_create, so it counts in the annual summary.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.rules.votes import branch_vote

from ..models import HonourLevel, Nomination, NominationKind, NominationStatus
from ..models.nominations import PERSON_KINDS
from ..selectors import deciding_org
from ._common import require_manage, save
from .records import honour_create


def _int(value, field, label) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: f"“{label}”必须是整数"}) from None
    if n < 0:
        raise ValidationError({field: f"“{label}”不能为负数"})
    return n


def check_vote(expected, present, yes) -> None:
    """The branch general meeting must have more than half present and more than half of those expected voting yes."""
    expected = _int(expected, "vote_expected", "应到人数")
    present, yes = _int(present, "vote_present", "实到人数"), _int(yes, "vote_yes", "赞成票")
    if present > expected:
        raise ValidationError({"vote_present": f"实到人数（{present}）不能多于应到人数（{expected}）"})
    if yes > expected:  # written opinions of absent members count, so compare with those expected
        raise ValidationError({"vote_yes": f"赞成票（{yes}）不能多于应到人数（{expected}）"})
    result = branch_vote(expected, present, yes)
    if not result.quorum:
        raise ValidationError({"vote_present": f"支部党员大会实到{present}人，未超过应到{expected}人的半数，表决无效"})
    if not result.passed:
        raise ValidationError({"vote_yes": f"支部党员大会表决未过半数：赞成{yes}票，应到{expected}人"})


@transaction.atomic
def nomination_create(
    *, actor, org, year, kind, reason, vote_expected, vote_present, vote_yes, vote_on, person=None
) -> Nomination:
    require_manage(actor, org)
    if kind in PERSON_KINDS:
        if person is None:
            raise ValidationError({"person": f"推荐“{NominationKind(kind).label}”须选择人选"})
        if not (person.on_roll and person.org.path.startswith(org.path)):
            raise ValidationError({"person": f"{person.name}不在{org.name}的党员名册中"})
    elif person is not None:
        raise ValidationError({"person": "推荐先进基层党组织时不选人选"})
    check_vote(vote_expected, vote_present, vote_yes)
    nom = save(
        Nomination(
            org=org,
            year=year,
            kind=kind,
            person=person,
            reason=(reason or "").strip(),
            vote_expected=vote_expected,
            vote_present=vote_present,
            vote_yes=vote_yes,
            vote_on=vote_on,
        )
    )
    record(
        actor=actor,
        org=org,
        kind="plans.nomination_create",
        subject=nom,
        data={
            "kind": kind,
            "year": year,
            "person": person.name if person else None,
            "vote": [int(vote_expected), int(vote_present), int(vote_yes)],
        },
    )
    return nom


@transaction.atomic
def nomination_decide(
    *, actor, nomination, approved: bool, note="", level=HonourLevel.DISTRICT, today=None
) -> Nomination:
    """A superior decides (plans/workflows.py NOMINATION); approval records the honour."""
    if deciding_org(actor, nomination.org) is None:
        raise Http404("不在管理范围内")
    nom = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nom.status != NominationStatus.PROPOSED:
        raise ValidationError({"status": f"该推荐已{nom.get_status_display()}，不能重复审定"})
    if not approved and not (note or "").strip():
        raise ValidationError({"decision_note": "不批准时请填写审定意见"})
    to = NominationStatus.APPROVED if approved else NominationStatus.REJECTED
    nom = workflow.set_status(actor=actor, obj=nom, to=to, note=note or "", on=today)
    if approved:
        nom.honour = honour_create(
            actor=actor,
            org=nom.org,
            person=nom.person,
            title=nom.get_kind_display(),
            level=level,
            awarded_by=nom.decided_org.name,
            awarded_on=nom.decided_on,
        )
        nom.save(update_fields=["honour"])
    nomination.refresh_from_db()
    return nom

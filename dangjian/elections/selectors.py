"""Every read of 换届选举, scoped through visible_org_ids (out of scope → 404)."""

from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.selectors import subtree_ids

from .models import Election


def election_get(user, pk) -> Election:
    """An election of an org the user manages."""
    e = Election.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk).select_related("org").first()
    if e is None:
        raise Http404("选举不存在或无权查看")
    return e


def elections_of(org):
    return Election.objects.filter(org=org).select_related("org")


def members_of(org):
    """Party members on the roll of the org and below: who may stand and vote."""
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES).order_by(
        "stroke_key", "id"
    )


def members_picked(org, ids):
    return list(members_of(org).filter(pk__in=ids))


def candidates_of(election):
    return election.candidates.select_related("person")


def candidate_people(election) -> dict:
    """The election's candidates by person id (the ballot names only them)."""
    return {c.person_id: c.person for c in candidates_of(election)}

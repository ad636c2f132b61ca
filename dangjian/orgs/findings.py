"""Branch findings for the org page: counts from the roster, rules from dangjian.rules.orgs."""

import datetime

from dangjian.lib import clock
from dangjian.members.models import Person, Status

from .models import Org
from .selectors import current_committee, subtree_ids


def org_findings(org: Org, today: datetime.date | None = None) -> list:
    if not org.is_branch:
        return []
    from dangjian.rules.orgs import check_branch  # the pure rule engine

    today = today or clock.today()
    people = Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True)
    full = people.filter(status=Status.FULL).count()
    probationary = people.filter(status=Status.PROBATIONARY).count()
    term, posts = current_committee(org)
    return check_branch(
        full_members=full,
        probationary=probationary,
        committee_size=len(posts) if term else 0,
        term_end=term.ends_on if term else None,
        today=today,
        is_joint=org.kind == "joint_branch",
        subject=org.name,
    )

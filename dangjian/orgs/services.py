"""Every write to the org tree. Keyword-only, atomic, audited."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from dangjian.core import audit

from .models import CommitteeMember, CommitteeTerm, Org

ORG_FIELDS = ["kind", "name", "short_name", "code", "unit", "established_on", "is_retiree", "is_active", "sort_order", "parent"]


def _set_path(org: Org) -> None:
    prefix = org.parent.path if org.parent_id else "/"
    org.path = f"{prefix}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.bureau_id = int(org.path.strip("/").split("/")[0])
    Org.objects.filter(pk=org.pk).update(path=org.path, depth=org.depth, bureau_id=org.bureau_id)


@transaction.atomic
def org_create(*, actor, **fields) -> Org:
    org = Org(**fields)
    org.full_clean()
    org.save()
    _set_path(org)
    audit.record(actor=actor, org=org, kind="org.create", subject=org, data=audit.snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def org_update(*, actor, org: Org, **fields) -> Org:
    fields.pop("parent", None)  # moving is its own service
    before = audit.snapshot(org, ORG_FIELDS)
    for k, v in fields.items():
        setattr(org, k, v)
    org.full_clean()
    org.save()
    changes = audit.diff(before, audit.snapshot(org, ORG_FIELDS))
    if changes:
        audit.record(actor=actor, org=org, kind="org.update", subject=org, data={"changes": changes})
    return org


@transaction.atomic
def org_move(*, actor, org: Org, new_parent: Org) -> Org:
    if new_parent.path.startswith(org.path):
        raise ValidationError({"parent": "不能把组织移动到它自己或它的下级组织之下"})
    old_parent, old_path = org.parent, org.path
    org.parent = new_parent
    org.full_clean()
    org.save(update_fields=["parent"])
    _set_path(org)
    # Re-root every descendant's path in one statement.
    Org.objects.filter(path__startswith=old_path).exclude(pk=org.pk).update(
        path=Concat(Value(org.path), Substr(F("path"), len(old_path) + 1)),
        bureau_id=org.bureau_id,
    )
    for child in Org.objects.filter(path__startswith=org.path).exclude(pk=org.pk):
        Org.objects.filter(pk=child.pk).update(depth=child.path.count("/") - 2)
    audit.record(
        actor=actor, org=org, kind="org.move", subject=org,
        data={"changes": {"parent": [old_parent.name if old_parent else None, new_parent.name]}},
    )
    return org


@transaction.atomic
def term_create(*, actor, org: Org, started_on, ends_on, posts: list[tuple]) -> CommitteeTerm:
    """Start a new committee term; posts are (person, role). Closes the previous term."""
    CommitteeTerm.objects.filter(org=org, ended_on__isnull=True).update(ended_on=started_on)
    term = CommitteeTerm(org=org, started_on=started_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    for person, role in posts:
        if person.org_id != org.id and not person.org.path.startswith(org.path):
            raise ValidationError(f"{person.name}不是本组织党员，不能任支部委员")
        CommitteeMember.objects.create(term=term, person=person, role=role)
    audit.record(
        actor=actor, org=org, kind="committee.term", subject=term,
        data={"started_on": str(started_on), "ends_on": str(ends_on), "posts": [[p.name, r] for p, r in posts]},
    )
    return term

"""Every write to the org tree. Keyword-only, atomic, audited.

Structural changes (kind, parent, active flag) are for a manager of the org's parent or the administrator
(issue 18): a secretary cannot reclassify, move or deactivate the org she runs, and nobody but the
administrator makes an org a kind above the kind of their own org. The kind must fit the tree both ways:
under its parent (Org.clean) and above its children.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from dangjian.core import audit, versioning

from .models import ALLOWED_PARENTS, CommitteeMember, CommitteeTerm, Org, OrgKind, subtree_q

CODE_RE = re.compile(r"[A-Z0-9-]{2,32}")
# Higher in the tree = smaller rank; "a kind above their own" compares these.
KIND_RANK = {
    OrgKind.COMMITTEE: 0,
    OrgKind.LEADING_GROUP: 0,
    OrgKind.GENERAL_BRANCH: 1,
    OrgKind.BRANCH: 2,
    OrgKind.JOINT_BRANCH: 2,
    OrgKind.GROUP: 3,
}
KIND_ZH = dict(OrgKind.choices)


def _clean_code(code):
    """Org codes are [A-Z0-9-]{2,32}; lower-case letters are taken as upper-case."""
    if code is None:
        return None
    code = str(code).strip().upper()
    if not CODE_RE.fullmatch(code):
        raise ValidationError({"code": "组织代码只能由大写字母、数字和连字符“-”组成，长度2至32位"})
    return code


def _manager_rank(actor, org: Org | None) -> int | None:
    """The highest rank among the actor's managing roles whose subtree holds `org`; None if none does."""
    from dangjian.accounts.models import MANAGING_ROLES, RoleAssignment

    if org is None:
        return None
    ranks = [
        KIND_RANK.get(kind, 3)
        for path, kind in RoleAssignment.objects.filter(user=actor, role__in=MANAGING_ROLES).values_list(
            "org__path", "org__kind"
        )
        if org.path.startswith(path)
    ]
    return min(ranks) if ranks else None


def _check_structure(actor, org: Org, *, kind=None, parent=None, active=None, creating=False) -> None:
    """Who may set kind/parent/active, and does the new kind fit the tree; raises PermissionDenied or
    ValidationError in Chinese."""
    if actor is not None and not getattr(actor, "is_superuser", False):  # None: a command run by the operator
        what = "新建" if creating else "调整类别、上级组织或有效状态"
        current_parent = None if creating else org.parent
        if not creating and _manager_rank(actor, current_parent) is None:
            raise PermissionDenied(f"只有上级组织的管理员或系统管理员才能{what}（{org.name}）")
        target_parent = parent if parent is not None else current_parent
        own = _manager_rank(actor, target_parent)
        if own is None:
            raise PermissionDenied(f"您不能把组织设在{target_parent.name if target_parent else '顶级'}之下")
        new_kind = kind or org.kind
        if KIND_RANK.get(new_kind, 3) < own:
            raise PermissionDenied(f"您不能把组织设为{KIND_ZH.get(new_kind, new_kind)}：高于您所在组织的级别")
    if kind is not None and not creating and org.pk:
        for child in org.children.all():
            if kind not in ALLOWED_PARENTS.get(child.kind, set()):
                raise ValidationError(
                    {
                        "kind": f"{KIND_ZH.get(kind, kind)}之下不能设{child.get_kind_display()}"
                        f"（下级组织 {child.name}），请先调整下级组织"
                    }
                )


ORG_FIELDS = [
    "kind",
    "name",
    "short_name",
    "code",
    "unit",
    "established_on",
    "is_retiree",
    "is_active",
    "sort_order",
    "parent",
]


def _set_path(org: Org) -> None:
    prefix = org.parent.path if org.parent_id else "/"
    org.path = f"{prefix}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.bureau_id = int(org.path.strip("/").split("/")[0])
    Org.objects.filter(pk=org.pk).update(path=org.path, depth=org.depth, bureau_id=org.bureau_id)


@transaction.atomic
def org_create(*, actor, **fields) -> Org:
    if "code" in fields:
        fields["code"] = _clean_code(fields["code"])
    org = Org(**fields)
    _check_structure(actor, org, kind=org.kind, parent=org.parent, creating=True)
    org.full_clean()
    org.save()
    _set_path(org)
    audit.record(actor=actor, org=org, kind="org.create", subject=org, data=audit.snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def org_update(*, actor, org: Org, version: int | None = None, **fields) -> Org:
    """`version`: what the editor loaded (form hidden field, API If-Match); stale → versioning.StaleEdit."""
    fields.pop("parent", None)  # moving is its own service
    versioning.claim(org, version)
    if "code" in fields and fields["code"] != org.code:
        fields["code"] = _clean_code(fields["code"])
    new_kind = fields.get("kind") if fields.get("kind", org.kind) != org.kind else None
    active_changes = "is_active" in fields and bool(fields["is_active"]) != org.is_active
    if new_kind is not None or active_changes:
        _check_structure(actor, org, kind=new_kind)
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
    _check_structure(actor, org, parent=new_parent)
    versioning.claim(org, None)  # a move makes any open edit form of this org stale
    old_parent, old_path = org.parent, org.path
    org.parent = new_parent
    org.full_clean()
    org.save(update_fields=["parent"])
    _set_path(org)
    # Re-root every descendant's path in one statement.
    Org.objects.filter(subtree_q(old_path)).exclude(pk=org.pk).update(
        path=Concat(Value(org.path), Substr(F("path"), len(old_path) + 1)),
        bureau_id=org.bureau_id,
    )
    for child in Org.objects.filter(subtree_q(org.path)).exclude(pk=org.pk):
        Org.objects.filter(pk=child.pk).update(depth=child.path.count("/") - 2)
    audit.record(
        actor=actor,
        org=org,
        kind="org.move",
        subject=org,
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
        actor=actor,
        org=org,
        kind="committee.term",
        subject=term,
        data={"started_on": str(started_on), "ends_on": str(ends_on), "posts": [[p.name, r] for p, r in posts]},
    )
    return term

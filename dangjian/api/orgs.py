"""/api/v1/orgs/: the org tree the caller manages — list, detail (committee and BR findings), create, update.

Orgs are addressed by their `code`. Out of scope is 404, exactly like the pages.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from dangjian.orgs import services
from dangjian.orgs.findings import org_findings
from dangjian.orgs.models import Org, OrgKind
from dangjian.orgs.selectors import children_of, current_committee, org_get, org_tree_rows

from .types import SortOrder, StrictIn
from .versions import if_match, set_etag

router = Router(tags=["组织 orgs"])

Kind = Literal[tuple(OrgKind.values)]
KIND_ZH = dict(OrgKind.choices)
NULLABLE = {"established_on"}


class OrgOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_zh: str
    parent_code: str | None
    depth: int
    unit: str
    is_retiree: bool


class CommitteePost(Schema):
    person_id: int
    name: str
    role: str
    role_zh: str


class CommitteeOut(Schema):
    started_on: datetime.date
    ends_on: datetime.date
    members: list[CommitteePost]


class FindingOut(Schema):
    rule_id: str
    level: str
    message_zh: str
    due_date: datetime.date | None = None


class OrgDetail(OrgOut):
    established_on: datetime.date | None
    is_active: bool
    sort_order: int
    children: list[OrgOut]
    committee: CommitteeOut | None
    findings: list[FindingOut]


class OrgIn(StrictIn):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored
    parent_code: str | None = Field(None, description="上级组织代码；只有系统管理员可不填（创建顶级组织）")
    kind: Kind
    name: str = Field(..., min_length=1, max_length=100)
    code: str = Field(..., min_length=1, max_length=40)
    short_name: str = Field("", max_length=50)
    unit: str = Field("", max_length=100)
    established_on: datetime.date | None = None
    is_retiree: bool = False
    sort_order: SortOrder = 0


class OrgPatch(StrictIn):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored
    parent_code: str | None = Field(None, description="填写则把组织移到该上级组织之下（保留历史）")
    kind: Kind | None = None
    name: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, min_length=1, max_length=40)
    short_name: str | None = Field(None, max_length=50)
    unit: str | None = Field(None, max_length=100)
    established_on: datetime.date | None = None
    is_retiree: bool | None = None
    is_active: bool | None = None
    sort_order: SortOrder | None = None


class TreeFilter(Schema):
    root: str | None = Field(None, description="只列出该组织及其下级（组织代码）")


def org_row(org: Org, parent_code: str | None) -> dict:
    return {
        "id": org.id,
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "kind_zh": org.get_kind_display(),
        "parent_code": parent_code,
        "depth": org.depth,
        "unit": org.unit,
        "is_retiree": org.is_retiree,
    }


def org_detail(org: Org) -> dict:
    term, posts = current_committee(org)
    children = children_of(org)
    return {
        **org_row(org, org.parent.code if org.parent_id else None),
        "established_on": org.established_on,
        "is_active": org.is_active,
        "sort_order": org.sort_order,
        "children": [org_row(c, org.code) for c in children],
        "committee": None
        if term is None
        else {
            "started_on": term.started_on,
            "ends_on": term.ends_on,
            "members": [
                {"person_id": p.person_id, "name": p.person.name, "role": p.role, "role_zh": p.get_role_display()}
                for p in posts
            ],
        },
        "findings": [
            {"rule_id": f.rule_id, "level": f.level, "message_zh": f.message_zh, "due_date": f.due_date}
            for f in org_findings(org)
        ],
    }


@router.get("/", response=list[OrgOut], summary="组织树（本人管理范围内，按层级顺序）")
def org_tree(request, filters: Query[TreeFilter]):
    root = org_get(request.user, code=filters.root, manage=True) if filters.root else None
    rows = org_tree_rows(request.user, root=root)
    return [{**r, "parent_code": r.pop("parent__code"), "kind_zh": KIND_ZH.get(r["kind"], r["kind"])} for r in rows]


@router.get("/{code}", response=OrgDetail, summary="组织详情（含现任支委和 BR 规则检查结果）")
def org_show(request, code: str, response: HttpResponse):
    org = org_get(request.user, code=code, manage=True)
    set_etag(response, org)
    return org_detail(org)


@router.post("/", response={201: OrgDetail}, summary="新建组织")
def org_new(request, payload: OrgIn):
    data = payload.dict()
    parent_code = data.pop("parent_code")
    if parent_code:
        parent = org_get(request.user, code=parent_code, manage=True)
    elif request.user.is_superuser:
        parent = None
    else:
        raise ValidationError({"parent_code": "请填写上级组织代码（只有系统管理员可以创建顶级组织）"})
    org = services.org_create(actor=request.user, parent=parent, **data)
    return Status(201, org_detail(org))


@router.patch("/{code}", response=OrgDetail, summary="修改组织；填 parent_code 即调整隶属关系")
def org_edit(request, code: str, payload: OrgPatch, response: HttpResponse):
    org = org_get(request.user, code=code, manage=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in NULLABLE}
    parent_code = data.pop("parent_code", None)
    new_parent = org_get(request.user, code=parent_code, manage=True) if parent_code else None
    version = if_match(request)
    with transaction.atomic():
        if data or version is not None:  # If-Match is checked even when only the parent changes
            org = services.org_update(actor=request.user, org=org, version=version, **data)
        if new_parent is not None and new_parent.pk != org.parent_id:
            org = services.org_move(actor=request.user, org=org, new_parent=new_parent)
    org.refresh_from_db()
    set_etag(response, org)
    return org_detail(org)

"""/api/v1/members/: the roster — list with filters and paging, detail, create, update, change history.

Managers see their subtree; a plain member sees only their own record. ID numbers are masked unless the
caller may see them (or it is their own record). Writes go through dangjian.members.services.
"""
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from ninja import Query, Router, Status

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.core.audit import history
from dangjian.members import services
from dangjian.members.models import Person
from dangjian.members.selectors import people_visible, person_get, roster
from dangjian.orgs.models import Org, OrgKind
from dangjian.orgs.selectors import org_get
from .types import PositiveId

from .member_schemas import (
    NULLABLE, HistoryEntry, MemberFilter, MemberIn, MemberOut, MemberPage, MemberPatch, person_out,
)

router = Router(tags=["人员 members"])

KIND_ZH = {"person.create": "新建", "person.update": "修改", "person.leave": "离开花名册", "person.restore": "恢复在册"}


def _group(org: Org, code: str | None) -> Org | None:
    if not code:
        return None
    group = Org.objects.filter(parent=org, kind=OrgKind.GROUP, code=code).first()
    if group is None:
        raise ValidationError({"group": f"党小组“{code}”不存在或不属于{org.name}"})
    return group


def _show_id(user, person: Person) -> bool:
    return person.user_id == user.pk or can_see_id_numbers(user)


@router.get("/", response=MemberPage, summary="花名册：筛选、分页（含总数）")
def member_list(request, filters: Query[MemberFilter]):
    user = request.user
    if filters.org:
        org = org_get(user, code=filters.org, manage=True)
        qs = roster(user, org, q=filters.q, status=filters.status or "", on_roll=filters.on_roll,
                    category=filters.category or "")
    else:
        qs = people_visible(user).filter(on_roll=filters.on_roll)
        if filters.status:
            qs = qs.filter(status=filters.status)
        if filters.category:
            qs = qs.filter(category=filters.category)
        if filters.q.strip():
            q = filters.q.strip()
            qs = qs.filter(Q(name__contains=q) | Q(pinyin__icontains=q.lower()) | Q(phone__startswith=q))
        qs = qs.select_related("org", "group").order_by("stroke_key", "id")
    start = (filters.page - 1) * filters.page_size
    see_all = can_see_id_numbers(user)
    items = [person_out(p, show_id=see_all or p.user_id == user.pk) for p in qs[start:start + filters.page_size]]
    return {"total": qs.count(), "page": filters.page, "page_size": filters.page_size, "items": items}


@router.get("/{int:person_id}", response=MemberOut, summary="人员详情")
def member_show(request, person_id: PositiveId):
    person = person_get(request.user, person_id)
    return person_out(person, show_id=_show_id(request.user, person))


@router.post("/", response={201: MemberOut}, summary="添加人员（加入某支部）")
def member_new(request, payload: MemberIn):
    data = payload.dict()
    org = org_get(request.user, code=data.pop("org"), manage=True)
    if not org.is_branch:
        raise ValidationError({"org": "人员只能加入党支部（或联合党支部），请填写支部的组织代码"})
    data["group"] = _group(org, data.pop("group"))
    person = services.person_create(actor=request.user, org=org, **data)
    return Status(201, person_out(person, show_id=_show_id(request.user, person)))


@router.patch("/{int:person_id}", response=MemberOut, summary="修改人员信息（每项变更都记入历史）")
def member_edit(request, person_id: PositiveId, payload: MemberPatch):
    person = person_get(request.user, person_id, manage=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in NULLABLE}
    if "group" in data:
        data["group"] = _group(person.org, data["group"])
    person = services.person_update(actor=request.user, person=person, **data)
    return person_out(person, show_id=_show_id(request.user, person))


@router.get("/{int:person_id}/history", response=list[HistoryEntry], summary="变更历史（谁、何时、原值 → 新值）")
def member_history(request, person_id: PositiveId):
    person = person_get(request.user, person_id)
    show_id = _show_id(request.user, person)
    events = list(history(person)[:500])
    org_ids = {v for e in events for f in ("org", "group") for v in (e.data.get("changes", {}).get(f) or []) if v}
    org_names = dict(Org.objects.filter(id__in=org_ids).values_list("id", "name"))
    out = []
    for e in events:
        changes = []
        for field, pair in (e.data.get("changes") or {}).items():
            old, new = (list(pair) + [None, None])[:2]
            if field in ("org", "group"):
                old, new = org_names.get(old, old), org_names.get(new, new)
            if field == "id_number" and not show_id:
                old, new = _mask(old), _mask(new)
            changes.append({"field": field, "label": _label(field), "old": old, "new": new})
        actor = e.actor.get_full_name() or e.actor.username if e.actor else None
        out.append({"at": timezone.localtime(e.at), "actor": actor, "kind": e.kind, "kind_zh": KIND_ZH.get(e.kind, e.kind),
                    "changes": changes})
    return out


def _mask(value):
    if not value:
        return value
    value = str(value)
    return f"{value[:6]}********{value[-4:]}" if len(value) == 18 else "*" * len(value)


def _label(field: str) -> str:
    try:
        return str(Person._meta.get_field(field).verbose_name)
    except Exception:
        return field


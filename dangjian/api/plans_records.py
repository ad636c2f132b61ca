"""/api/v1/plans/ (continued): honours, activities and supervision visits. Mounted by dangjian.api.plans."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status

from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.plans import selectors, services
from dangjian.plans.models import ActivityKind, HonourLevel

from .types import PositiveId, StrictIn, Year

router = Router(tags=["计划与通知 plans"])


class HonourIn(StrictIn):
    org: str
    person_id: PositiveId | None = Field(None, description="获奖个人；集体荣誉不填")
    title: str = Field(min_length=1, max_length=200)
    level: Literal[tuple(HonourLevel.values)]  # type: ignore[valid-type]
    awarded_by: str = Field(min_length=1, max_length=200)
    awarded_on: datetime.date


def _honour(h) -> dict:
    return {
        "id": h.pk,
        "org": h.org.code,
        "person_id": h.person_id,
        "person": h.person.name if h.person else None,
        "title": h.title,
        "level": h.level,
        "awarded_by": h.awarded_by,
        "awarded_on": h.awarded_on,
    }


@router.get("/honours", summary="荣誉列表")
def honour_list(request, year: Year | None = None):
    qs = selectors.honours_visible(request.user, year)
    return [_honour(h) for h in qs]


@router.post("/honours", summary="登记荣誉（证书扫描件请在网页上传）", response={201: dict})
def honour_create(request, payload: HonourIn):
    org = org_get(request.user, code=payload.org, manage=True)
    person = person_get(request.user, payload.person_id, manage=True) if payload.person_id else None
    h = services.honour_create(
        actor=request.user,
        org=org,
        person=person,
        title=payload.title,
        level=payload.level,
        awarded_by=payload.awarded_by,
        awarded_on=payload.awarded_on,
    )
    return Status(201, _honour(h))


class PersonHours(StrictIn):
    person_id: PositiveId
    hours: Decimal = Field(Decimal("0"), ge=0)


class ActivityIn(StrictIn):
    org: str
    kind: Literal[tuple(ActivityKind.values)]  # type: ignore[valid-type]
    title: str = Field(min_length=1, max_length=200)
    held_on: datetime.date
    place: str = ""
    given: str = ""
    note: str = ""
    meeting_id: PositiveId | None = Field(None, description="关联的会议（计为主题党日/学习）")
    people: list[PersonHours] = []


def _activity(a) -> dict:
    return {
        "id": a.pk,
        "org": a.org.code,
        "kind": a.kind,
        "title": a.title,
        "held_on": a.held_on,
        "place": a.place,
        "given": a.given,
        "note": a.note,
        "meeting_id": a.meeting_id,
        "people": [{"person_id": p.person_id, "hours": p.hours} for p in a.people.all()],
    }


@router.get("/activities", summary="活动列表")
def activity_list(request, year: Year | None = None):
    qs = selectors.activities_visible(request.user, year, with_people=True)
    return [_activity(a) for a in qs]


@router.post("/activities", summary="登记活动（志愿服务、结对帮扶、慰问、参观学习）", response={201: dict})
def activity_create(request, payload: ActivityIn):
    org = org_get(request.user, code=payload.org, manage=True)
    meeting = None
    if payload.meeting_id:
        meeting = selectors.org_meeting(org, payload.meeting_id)
        if meeting is None:
            raise ValidationError({"meeting": f"会议{payload.meeting_id}不是{org.name}的会议"})
    people = [(person_get(request.user, p.person_id, manage=True), p.hours) for p in payload.people]
    a = services.activity_create(
        actor=request.user,
        org=org,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        place=payload.place,
        given=payload.given,
        note=payload.note,
        meeting=meeting,
        people=people,
    )
    return Status(201, _activity(a))


class ProblemIn(Schema):
    text: str = Field(min_length=1)
    owner_id: PositiveId | None = None
    due_date: datetime.date | None = None


class VisitIn(StrictIn):
    org: str
    visited_on: datetime.date
    checked: str = Field(min_length=1)
    problems: list[ProblemIn] = []


def _visit(v) -> dict:
    return {
        "id": v.pk,
        "org": v.org.code,
        "visitor": v.visitor.username,
        "visited_on": v.visited_on,
        "checked": v.checked,
        "problems": [
            {"id": p.pk, "text": p.text, "owner_id": p.owner_id, "due_date": p.due_date, "resolved_on": p.resolved_on}
            for p in v.problems.all()
        ],
    }


@router.get("/visits", summary="调研指导记录")
def visit_list(request, year: Year | None = None):
    qs = selectors.visits_visible(request.user, year)
    return [_visit(v) for v in qs]


@router.post("/visits", summary="登记调研指导（调研人为当前用户）", response={201: dict})
def visit_create(request, payload: VisitIn):
    org = org_get(request.user, code=payload.org, manage=True)
    problems = [
        {
            "text": p.text,
            "due_date": p.due_date,
            "owner": person_get(request.user, p.owner_id, manage=True) if p.owner_id else None,
        }
        for p in payload.problems
    ]
    v = services.visit_create(
        actor=request.user, org=org, visited_on=payload.visited_on, checked=payload.checked, problems=problems
    )
    return Status(201, _visit(v))


@router.get("/visits/leaders/{code}/{year}", summary="领导每年到下级调研指导次数核对")
def visit_leaders(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    return {"minimum": selectors.visits_minimum(org), "leaders": selectors.visit_counts(org, year)}


class VisitsMinimumIn(StrictIn):
    visits_per_leader: int = Field(ge=0, le=52, description="领导每年到下级调研指导次数（不少于）")


def _visits_minimum_out(org) -> dict:
    bureau = org.bureau or org
    return {
        "bureau": bureau.code,
        "bureau_name": bureau.name,
        "visits_per_leader": selectors.visits_minimum(org),
        "default": selectors.VISITS_PER_LEADER_PER_YEAR,
    }


@router.get("/settings/visits/{code}", summary="领导每年调研指导次数要求（本组织所属教育局党委的设置）")
def visits_minimum_get(request, code: str):
    return _visits_minimum_out(org_get(request.user, code=code, manage=True))


@router.put("/settings/visits/{code}", summary="设置领导每年调研指导次数要求（教育局党委工作人员，只限本局）")
def visits_minimum_put(request, code: str, payload: VisitsMinimumIn):
    bureau = org_get(request.user, code=code, manage=True)  # 404 outside the caller's orgs
    services.visits_minimum_set(actor=request.user, bureau=bureau, visits_per_leader=payload.visits_per_leader)
    return _visits_minimum_out(bureau)


class ResolveIn(StrictIn):
    resolved_on: datetime.date


@router.post("/visits/problems/{int:problem_id}/resolve", summary="登记调研发现问题已整改")
def problem_resolve(request, problem_id: PositiveId, payload: ResolveIn):
    problem = selectors.visit_problem_get(request.user, problem_id)
    services.visit_problem_resolve(actor=request.user, problem=problem, resolved_on=payload.resolved_on)
    return _visit(problem.visit)

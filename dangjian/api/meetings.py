"""/api/v1/meetings/: meetings (list, create, detail), attendance (PUT), the compliance calendar and the
superior grid. Same scoping as the pages (out of scope → 404); writes go through dangjian.meetings.services."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from dangjian.lib import clock
from dangjian.meetings import services
from dangjian.meetings.compliance import calendar as build_calendar
from dangjian.meetings.grid import grid as build_grid
from dangjian.meetings.selectors import (
    attendance_counts,
    attendance_rows,
    group_of,
    meeting_get,
    meetings_of_org,
    member_of,
    plan_item_of,
    quorum_checks,
)
from dangjian.orgs.selectors import org_get

from .meetings_schemas import AttendanceIn, KindName, MeetingFilter, MeetingIn, MeetingPatch, VoidIn
from .types import PageNo, PositiveId, Year
from .versions import if_match, set_etag

router = Router(tags=["组织生活 meetings"])


def _summary(m) -> dict:
    return {
        "id": m.id,
        "org": m.org.code,
        "org_name": m.org.name,
        "kind": m.kind,
        "kind_zh": m.get_kind_display(),
        "starts_at": m.starts_at.isoformat(),
        "ends_at": m.ends_at.isoformat() if m.ends_at else None,
        "held_on": m.held_on.isoformat(),
        "for_year": m.for_year,
        "topic": m.topic,
        "group": m.group.code if m.group_id else None,
        "voided": m.voided,
        "attendance_recorded": m.attendance_recorded,
    }


def _detail(m) -> dict:
    out = _summary(m)
    out.update(
        {
            "place": m.place,
            "host": m.host.name if m.host_id else None,
            "recorder": m.recorder.name if m.recorder_id else None,
            "lecturer": m.lecturer_display or None,
            "agenda": m.agenda,
            "minutes": m.minutes,
            "resolutions": m.resolutions,
            "study_hours": str(m.study_hours),
            "void_reason": m.void_reason,
            "plan_item_id": m.plan_item_id,
            "counts": attendance_counts(m),
            "attendance": [
                {
                    "person_id": r["person"].id,
                    "name": r["person"].name,
                    "status": r["status"] or None,
                    "reason": r["reason"],
                }
                for r in attendance_rows(m)
            ],
            "quorum": quorum_checks(m),
        }
    )
    return out


def _person(org, pid, field):
    if pid is None:
        return None
    person = member_of(org, pid)
    if person is None:
        raise ValidationError({field: f"编号{pid}不是本组织在册党员"})
    return person


@router.get("/", summary="会议列表（按组织、年度、类型）")
def meeting_list(request, filters: Query[MeetingFilter]):
    org = org_get(request.user, code=filters.org, manage=True)
    qs = meetings_of_org(request.user, org, year=filters.year, kind=filters.kind).order_by("starts_at", "id")
    return {"org": org.code, "items": [_summary(m) for m in qs]}


@router.post("/", summary="登记会议", response={201: dict})
def meeting_create(request, payload: MeetingIn):
    org = org_get(request.user, code=payload.org, manage=True)
    data = payload.dict()
    group_code = data.pop("group")
    group = group_of(org, group_code) if group_code else None
    if group_code and group is None:
        raise ValidationError({"group": f"党小组“{group_code}”不存在或不属于{org.name}"})
    plan_id = data.pop("plan_item_id")
    plan = plan_item_of(org, plan_id) if plan_id else None
    if plan_id and plan is None:
        raise ValidationError({"plan_item": "所选计划不属于本组织"})
    people = {f: _person(org, data.pop(f"{f}_id"), f) for f in ("host", "recorder", "lecturer")}
    participants = [_person(org, pid, "participant_ids") for pid in data.pop("participant_ids")]
    data.pop("org")
    starts_at = data.pop("starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if data.get("ends_at") is not None and timezone.is_naive(data["ends_at"]):
        data["ends_at"] = timezone.make_aware(data["ends_at"])
    meeting = services.meeting_create(
        actor=request.user,
        org=org,
        group=group,
        plan_item=plan,
        participants=participants,
        starts_at=starts_at,
        **people,
        **data,
    )
    return Status(201, _detail(meeting_get(request.user, meeting.pk)))


@router.get("/calendar/{code}/{year}", summary="支部年度组织生活完成情况（应开、已开、未开）")
def calendar(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    if not org.is_branch:
        raise ValidationError({"org": "完成情况按支部统计；上级组织请用 grid 接口"})
    data = build_calendar(org, year, clock.today())
    return {
        "org": org.code,
        "year": year,
        "columns": [
            {"kind": c["kind"], "label": c["label"], "rule_id": c["rule_id"] or None, "need": c["need"]}
            for c in data["columns"]
        ],
        "months": [
            {
                "month": r["month"],
                "cells": [
                    {"kind": c["kind"], "count": cell["count"], "status": cell["status"]}
                    for c, cell in zip(data["columns"], r["cells"])
                ],
            }
            for r in data["months"]
        ],
        "findings": [f.as_dict() for f in data["findings"]],
    }


@router.get("/grid/{code}/{year}", summary="下级支部组织生活完成情况（按月或季度）")
def grid(
    request,
    code: str,
    year: Year,
    by: Literal["month", "quarter"] = "month",
    kind: KindName | None = None,
    problems: bool = False,
    page: PageNo = 1,
):
    org = org_get(request.user, code=code, manage=True)
    data = build_grid(org, year, clock.today(), by=by, kind=kind, problems_only=problems, page=page)
    return {
        "org": org.code,
        "year": year,
        "by": by,
        "branch_count": data["branch_count"],
        "total": data["total"],
        "page": data["page"],
        "pages": data["pages"],
        "quiet_count": data["quiet_count"],
        "summary": data["summary"],
        "columns": data["columns"],
        "rows": [
            {
                "code": r["code"],
                "name": r["name"],
                "quiet": r["quiet"],
                "last_held_on": r["last"].isoformat() if r["last"] else None,
                "cells": [
                    {"col": c["col"], "status": c.get("status"), "text": c["text"], "detail": c["title"]}
                    for c in r["cells"]
                ],
            }
            for r in data["rows"]
        ],
    }


@router.get("/{int:meeting_id}", summary="会议详情（含出席情况和法定人数核对）")
def meeting_detail(request, meeting_id: PositiveId, response: HttpResponse):
    meeting = meeting_get(request.user, meeting_id)
    set_etag(response, meeting)
    return _detail(meeting)


@router.put("/{int:meeting_id}/attendance", summary="登记出席情况（出席 / 请假并填写原因 / 缺席）")
def attendance_put(request, meeting_id: PositiveId, payload: AttendanceIn):
    meeting = meeting_get(request.user, meeting_id)
    services.attendance_set(actor=request.user, meeting=meeting, rows=[r.dict() for r in payload.rows])
    return _detail(meeting_get(request.user, meeting_id))


@router.patch(
    "/{int:meeting_id}", summary="修改会议记录（修改前的内容保留在变更记录中；带 If-Match 时，他人已修改则 409）"
)
def meeting_patch(request, meeting_id: PositiveId, payload: MeetingPatch, response: HttpResponse):
    meeting = meeting_get(request.user, meeting_id)
    data = payload.dict(exclude_unset=True)
    for f in ("host", "recorder", "lecturer"):
        if f"{f}_id" in data:
            data[f] = _person(meeting.org, data.pop(f"{f}_id"), f)
    for f in ("starts_at", "ends_at"):
        if data.get(f) is not None and timezone.is_naive(data[f]):
            data[f] = timezone.make_aware(data[f])
    meeting = services.meeting_update(actor=request.user, meeting=meeting, version=if_match(request), **data)
    set_etag(response, meeting)
    return _detail(meeting_get(request.user, meeting_id))


@router.post("/{int:meeting_id}/void", summary="作废会议记录（须填写原因，可恢复）")
def meeting_void(request, meeting_id: PositiveId, payload: VoidIn):
    meeting = meeting_get(request.user, meeting_id)
    services.meeting_void(actor=request.user, meeting=meeting, reason=payload.reason)
    return _detail(meeting_get(request.user, meeting_id))


@router.post("/{int:meeting_id}/restore", summary="恢复已作废的会议记录")
def meeting_restore(request, meeting_id: PositiveId):
    meeting = meeting_get(request.user, meeting_id)
    services.meeting_restore(actor=request.user, meeting=meeting)
    return _detail(meeting_get(request.user, meeting_id))

"""发展党员 API: open a case, record a step (422 with the rule findings when refused), correct a step, read a case."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from ninja import Router, Status
from ninja.errors import HttpError

from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.recruitment import services
from dangjian.recruitment.models import Publicity
from dangjian.recruitment.present import step_name, summary
from dangjian.recruitment.selectors import case_get, case_view, publicity_get, step_get

from .errors import register_labels
from .recruitment_schemas import CaseIn, CorrectIn, PublicityCloseIn, PublicityIn, StepIn
from .types import PositiveId
from .versions import if_match, set_etag

router = Router(tags=["发展党员"])
register_labels("recruitment", models=["recruitment.Publicity"], extra={"publicity_id": "公示编号"})


def _errors(exc: ValidationError) -> dict:
    findings = [
        {
            "rule_id": f.rule_id,
            "level": f.level,
            "message_zh": f.message_zh,
            "due_date": f.due_date.isoformat() if f.due_date else None,
        }
        for f in getattr(exc, "findings", [])
    ]
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return {
        "detail": "；".join(exc.messages),
        "findings": findings,
        "fields": fields,
        "need_reason": getattr(exc, "need_reason", False),
    }


def _case_out(case, today) -> dict:
    v = case_view(case, today)
    nxt = v["next"]
    timeline = []
    for t in v["timeline"]:
        if t["kind"] == "step":
            s = t["step"]
            timeline.append(
                {
                    "id": s.pk,
                    "code": s.code,
                    "name": step_name(s.code),
                    "date": s.date.isoformat(),
                    "voided": t["voided"],
                    "summary": summary(s),
                    "override_reason": s.override_reason,
                    "actor": s.actor.username if s.actor else None,
                }
            )
        else:
            p = t["publicity"]
            timeline.append(
                {
                    "id": None,
                    "code": "publicity",
                    "name": "发展对象公示",
                    "date": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "channels": p.channels,
                    "result": p.result,
                    "voided": False,
                }
            )
    return {
        "id": case.pk,
        "person": {"id": case.person_id, "name": case.person.name},
        "org": case.org.code,
        "stage": case.stage,
        "stage_zh": case.get_stage_display(),
        "closed": case.closed,
        "result": case.result,
        "opened_on": case.opened_on.isoformat(),
        "transferred_in": case.transferred_in,
        "probation_end": v["probation_end"].isoformat() if v["probation_end"] else None,
        "timeline": timeline,
        "next_step": {
            "code": nxt["code"],
            "name": nxt["name"],
            "earliest": nxt["earliest"].isoformat() if nxt["earliest"] else None,
            "deadline": nxt["deadline"].isoformat() if nxt["deadline"] else None,
            "overdue": nxt["overdue"],
        }
        if nxt
        else None,
        "deadlines": [
            {
                "code": ln.code,
                "label_zh": ln.label_zh,
                "date": ln.date.isoformat(),
                "kind": ln.kind,
                "rule_id": ln.rule_id,
                "step": ln.step,
                "overdue": ln.overdue,
                "provisional": ln.provisional,
            }
            for ln in v["deadlines"]
        ],
        "findings": [
            {k: f[k] for k in ("rule_id", "level", "message_zh", "due_date", "override_reason")} for f in v["findings"]
        ],
    }


@router.post("/cases", response={201: dict, 422: dict})
def case_create(request, payload: CaseIn):
    person = person_get(request.user, payload.person, manage=True)
    try:
        case = services.case_open(
            actor=request.user,
            person=person,
            opened_on=payload.application_date,
            plan_year=payload.plan_year,
            is_mobile=payload.is_mobile,
            transferred_in=payload.transferred_in,
            join_date=payload.join_date,
        )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(201, _case_out(case, clock.today()))


@router.get("/cases/{case_id}", response=dict)
def case_read(request, case_id: PositiveId, response: HttpResponse):
    case = case_get(request.user, case_id)
    set_etag(response, case)
    return _case_out(case, clock.today())


@router.post("/cases/{case_id}/steps", response={201: dict, 422: dict})
def step_create(request, case_id: PositiveId, payload: StepIn, response: HttpResponse):
    case = case_get(request.user, case_id)
    try:
        with transaction.atomic():
            step = services.case_step_record(
                actor=request.user,
                case=case,
                code=payload.code,
                date=payload.date,
                data=payload.data,
                override_reason=payload.override_reason,
                note=payload.note,
                version=if_match(request),
            )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    except (TypeError, ValueError) as exc:
        raise HttpError(422, f"数据格式不正确：{exc}") from exc
    case.refresh_from_db()
    set_etag(response, case)
    return Status(
        201,
        {
            "step": {"id": step.pk, "code": step.code, "date": step.date.isoformat()},
            "case": _case_out(case, clock.today()),
        },
    )


@router.post(
    "/cases/{case_id}/steps/{step_id}/correct",
    response={201: dict, 422: dict},
    summary="更正一条已登记的环节（原记录作废保留，按更正后的日期和信息重新登记；变更记入案例历史）",
)
def step_correct(request, case_id: PositiveId, step_id: PositiveId, payload: CorrectIn, response: HttpResponse):
    case = case_get(request.user, case_id)
    step = step_get(request.user, step_id)
    if step.case_id != case.pk:
        raise HttpError(404, "记录不存在或无权查看")
    try:
        with transaction.atomic():
            new = services.step_correct(
                actor=request.user,
                step=step,
                date=payload.date,
                data=payload.data,
                reason=payload.reason,
                override_reason=payload.override_reason,
                version=if_match(request),
            )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    except (TypeError, ValueError) as exc:
        raise HttpError(422, f"数据格式不正确：{exc}") from exc
    case.refresh_from_db()
    set_etag(response, case)
    return Status(
        201,
        {
            "step": {"id": new.pk, "code": new.code, "date": new.date.isoformat(), "corrects": step.pk},
            "case": _case_out(case, clock.today()),
        },
    )


def _publicity_out(pub: Publicity) -> dict:
    return {
        "id": pub.pk,
        "case": pub.case_id,
        "start": pub.start.isoformat(),
        "end": pub.end.isoformat(),
        "end_provisional": pub.end_provisional,
        "channels": pub.channels,
        "result": pub.result,
        "result_zh": pub.get_result_display(),
        "objections": pub.objections,
        "handling": pub.handling,
    }


@router.post(
    "/cases/{case_id}/publicity",
    response={201: dict, 422: dict},
    summary="登记发展对象公示（5个工作日，流动人员两处；2026年细则须在上级党委同意之后）",
)
def publicity_create(request, case_id: PositiveId, payload: PublicityIn):
    case = case_get(request.user, case_id)
    try:
        pub = services.publicity_record(actor=request.user, case=case, start=payload.start, channels=payload.channels)
    except ValidationError as exc:
        return Status(422, _errors(exc))
    case.refresh_from_db()
    return Status(201, {"publicity": _publicity_out(pub), "case": _case_out(case, clock.today())})


@router.post(
    "/publicity/{publicity_id}/close",
    response={200: dict, 422: dict},
    summary="登记公示结果（公示期满后；反映了问题须填写调查处理情况）",
)
def publicity_close(request, publicity_id: PositiveId, payload: PublicityCloseIn):
    pub = publicity_get(request.user, publicity_id)  # 404 outside the caller's scope
    case = pub.case
    try:
        pub = services.publicity_close(
            actor=request.user,
            publicity=pub,
            result=payload.result,
            objections=payload.objections,
            handling=payload.handling,
        )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    case.refresh_from_db()
    return {"publicity": _publicity_out(pub), "case": _case_out(case, clock.today())}

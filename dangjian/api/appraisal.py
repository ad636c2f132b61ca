"""/api/v1/appraisal/: cycles (list, open, detail, stage), self-evaluations, the anonymous online vote,
paper tallies, grades and the counts by grade. Scoped like the pages (out of scope → 404); writes go
through dangjian.appraisal.services."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Status

from dangjian.appraisal import selectors, services
from dangjian.appraisal.models import CycleStage
from dangjian.core import workflow
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get

from . import errors
from .types import Count, PositiveId, StrictIn, Year

router = Router(tags=["民主评议 appraisal"])
errors.register_labels(
    "appraisal",
    models=["appraisal.AppraisalCycle", "appraisal.Evaluation", "appraisal.FollowUp"],
    extra={
        "followup_id": "整改记录编号",
        "meeting_id": "支部党员大会（会议编号）",
        "closed_on": "完成日期",
        "step": "处置环节",
        "text": "个人自评",
        "org": "组织代码",
        "to": "目标阶段",
        "choices": "选票",
        "counts": "票数",
        "ballots": "有效票数",
        "rows": "评定",
    },
)


class CycleIn(StrictIn):
    org: str = Field(description="组织代码（支部）")
    year: Year
    note: str = ""


class StageIn(StrictIn):
    to: str = Field(description="目标阶段：" + "、".join(f"{s.value}={s.label}" for s in CycleStage))
    note: str = ""


class TextIn(StrictIn):
    text: str


class AppraisalVoteIn(StrictIn):
    choices: dict[int, str] = Field(
        description="评议记录编号 → 等次代码（excellent/qualified/basically_qualified/unqualified）"
    )


class PaperIn(StrictIn):
    ballots: Count
    counts: dict[int, dict[str, int]]


class GradeRow(StrictIn):
    evaluation_id: PositiveId
    grade: str
    reason: str = ""


class GradesIn(StrictIn):
    rows: list[GradeRow]


def _cycle(c) -> dict:
    return {
        "id": c.id,
        "org": c.org.code,
        "org_name": c.org.name,
        "year": c.year,
        "stage": c.stage,
        "stage_zh": c.get_stage_display(),
        "grades_scheme": c.grades_scheme,
        "paper_ballots": c.paper_ballots,
        "closed_at": c.closed_at.isoformat() if c.closed_at else None,
    }


def _detail(c) -> dict:
    out = _cycle(c)
    labels = selectors.grade_labels(c)
    out["grades"] = [{"code": code, "label": label} for code, label in labels]
    out["voters"] = selectors.voters_count(c)
    # The stages the workflow's table allows next (forward, or back one step to correct).
    out["next"] = [{"value": s.value, "label": s.label} for s in workflow.available_statuses(c, "stage")]
    hidden = c.stage == CycleStage.VOTING  # counts are shown once the vote has ended, not while members vote
    out["evaluations"] = [
        {
            "id": r["ev"].id,
            "person_id": r["ev"].person_id,
            "name": r["ev"].person.name,
            "self_submitted": bool(r["ev"].self_text),
            "votes": None if hidden else dict(zip([x for x, _ in labels], r["votes"])),
            "leading": None if hidden else r["leading"],
            "grade": r["ev"].grade or None,
            "reason": r["ev"].reason,
            "told_on": r["ev"].told_on.isoformat() if r["ev"].told_on else None,
        }
        for r in selectors.evaluation_rows(c)
    ]
    return out


@router.get("/cycles", summary="民主评议列表（按组织、年度）")
def cycle_list(request, org: str | None = None, year: Year | None = None):
    scope = org_get(request.user, code=org, manage=True) if org else None
    return {"items": [_cycle(c) for c in selectors.cycle_list(request.user, org=scope, year=year)[:500]]}


@router.post("/cycles", summary="开展年度民主评议", response={201: dict})
def cycle_create(request, payload: CycleIn):
    org = org_get(request.user, code=payload.org, manage=True)
    cycle = services.cycle_open(actor=request.user, org=org, year=payload.year, note=payload.note)
    return Status(201, _detail(selectors.cycle_get(request.user, cycle.pk)))


@router.get("/cycles/{int:cycle_id}", summary="评议详情（每名党员的测评票数和评定等次）")
def cycle_detail(request, cycle_id: PositiveId):
    return _detail(selectors.cycle_get(request.user, cycle_id))


@router.post("/cycles/{int:cycle_id}/stage", summary="转到下一阶段（或退回上一阶段）")
def cycle_stage(request, cycle_id: PositiveId, payload: StageIn):
    cycle = selectors.cycle_get(request.user, cycle_id)
    services.cycle_set_stage(actor=request.user, cycle=cycle, to=payload.to, note=payload.note)
    return _detail(selectors.cycle_get(request.user, cycle_id))


@router.put("/evaluations/{int:evaluation_id}/self", summary="录入个人自评（书记代录）")
def self_put(request, evaluation_id: PositiveId, payload: TextIn):
    ev = selectors.evaluation_get(request.user, evaluation_id)
    services.self_evaluation_save(actor=request.user, evaluation=ev, text=payload.text)
    return {"id": ev.id, "self_text": ev.self_text}


@router.post("/cycles/{int:cycle_id}/grades", summary="支部评定等次（得票只作参考，须写明理由）")
def grades_post(request, cycle_id: PositiveId, payload: GradesIn):
    cycle = selectors.cycle_get(request.user, cycle_id)
    services.grades_set(
        actor=request.user, cycle=cycle, rows=[r.dict() for r in payload.rows], suggestions=selectors.suggestions(cycle)
    )
    return _detail(selectors.cycle_get(request.user, cycle_id))


@router.put("/cycles/{int:cycle_id}/paper", summary="登记纸质测评票数")
def paper_put(request, cycle_id: PositiveId, payload: PaperIn):
    cycle = selectors.cycle_get(request.user, cycle_id)
    services.paper_tallies_enter(actor=request.user, cycle=cycle, ballots=payload.ballots, counts=payload.counts)
    return _detail(selectors.cycle_get(request.user, cycle_id))


@router.get("/mine", summary="我的评议（本人等次在告知后显示）")
def mine(request):
    out = []
    for ev in selectors.my_evaluations(request.user)[:10]:
        labels = dict(selectors.grade_labels(ev.cycle))
        out.append(
            {
                "evaluation_id": ev.id,
                "cycle_id": ev.cycle_id,
                "org": ev.cycle.org.code,
                "year": ev.cycle.year,
                "stage": ev.cycle.stage,
                "voted": selectors.has_voted(ev.cycle, ev.person),
                "grade": ev.grade if ev.told_on else None,
                "grade_zh": labels.get(ev.grade) if ev.told_on else None,
            }
        )
    return {"items": out}


@router.post("/mine/{int:evaluation_id}/vote", summary="无记名投票（只记录已投票，不记录投给谁）", response={201: dict})
def vote(request, evaluation_id: PositiveId, payload: AppraisalVoteIn):
    ev = selectors.my_evaluation(request.user, evaluation_id)
    if ev is None:
        raise Http404
    services.vote_cast(actor=request.user, cycle=ev.cycle, choices=payload.choices)
    return Status(201, {"voted": True})


@router.get("/results/{code}/{int:year}", summary="评议结果统计（本组织及下级，按等次）")
def results(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    return {
        "org": org.code,
        "year": year,
        "total": selectors.grade_counts(org, year),
        "by_org": selectors.grade_counts_by_org(org, year),
    }


# --- The member's own ballot and self-evaluation; follow-ups of 基本合格/不合格 (issue 17) ---------------------


class AppraisalFollowUpIn(StrictIn):
    step: Literal["improvement_plan", "correction", "persuade", "remove"] = Field(
        description="improvement_plan 改进措施（基本合格）；correction 限期改正、persuade 劝退、remove 除名（不合格，依次进行）"
    )
    started_on: datetime.date = Field(description="开始/决定日期")
    deadline: datetime.date | None = Field(None, description="期限（改进措施必填；限期改正不填则按本单位设置计算）")
    content: str = Field(min_length=1, max_length=2000, description="措施/决定内容")
    meeting_id: PositiveId | None = Field(None, description="支部党员大会（会议编号；劝退、除名须填）")
    approved_on: datetime.date | None = Field(None, description="上级批准日期（劝退、除名须填）")
    approval_ref: str = Field("", max_length=200, description="批准文号/说明")


class AppraisalFollowUpCloseIn(StrictIn):
    closed_on: datetime.date | None = Field(None, description="完成日期（默认今天）")
    note: str = Field("", max_length=500, description="结果说明")


class AppraisalSelfIn(StrictIn):
    text: str = Field(min_length=1, max_length=5000, description="个人自评内容")


def _followup(f) -> dict:
    return {
        "id": f.id,
        "evaluation_id": f.evaluation_id,
        "person_id": f.evaluation.person_id,
        "name": f.evaluation.person.name,
        "step": f.step,
        "step_zh": f.get_step_display(),
        "started_on": f.started_on.isoformat(),
        "deadline": f.deadline.isoformat() if f.deadline else None,
        "content": f.content,
        "meeting_id": f.meeting_id,
        "approved_on": f.approved_on.isoformat() if f.approved_on else None,
        "approval_ref": f.approval_ref,
        "status": f.status,
        "status_zh": f.get_status_display(),
        "next": [{"value": s.value, "label": s.label} for s in workflow.available_statuses(f)],
        "closed_on": f.closed_on.isoformat() if f.closed_on else None,
    }


@router.get(
    "/evaluations/{int:evaluation_id}/followups", summary="一名党员的整改与处置（改进措施、限期改正、劝退、除名）"
)
def followup_list(request, evaluation_id: PositiveId):
    ev = selectors.evaluation_get(request.user, evaluation_id)
    return {
        "evaluation_id": ev.id,
        "name": ev.person.name,
        "grade": ev.grade or None,
        "items": [_followup(f) for f in selectors.followups_of(ev)],
    }


@router.post(
    "/evaluations/{int:evaluation_id}/followups",
    response={201: dict},
    summary="登记改进措施（基本合格）或限期改正、劝退、除名（不合格，MGMT-06）；评议结果告知本人后",
)
def followup_create(request, evaluation_id: PositiveId, payload: AppraisalFollowUpIn):
    from dangjian.appraisal import followups

    ev = selectors.evaluation_get(request.user, evaluation_id)
    data = payload.dict()
    meeting_id = data.pop("meeting_id")
    meeting = None
    if meeting_id is not None:
        meeting = selectors.meeting_of(ev.cycle.org, meeting_id)
        if meeting is None:
            raise ValidationError({"meeting_id": "会议不存在或不是本支部的会议"})
    if data["started_on"] > clock.today():
        raise ValidationError({"started_on": "日期不能晚于今天"})
    item = followups.followup_create(actor=request.user, evaluation=ev, meeting=meeting, **data)
    return Status(201, _followup(item))


@router.post("/followups/{int:followup_id}/close", summary="改进措施或限期改正完成（已改正）")
def followup_close(request, followup_id: PositiveId, payload: AppraisalFollowUpCloseIn):
    from dangjian.appraisal import followups

    item = selectors.followup_get(request.user, followup_id)
    closed_on = payload.closed_on or clock.today()
    if closed_on > clock.today():
        raise ValidationError({"closed_on": "日期不能晚于今天"})
    if closed_on < item.started_on:
        raise ValidationError({"closed_on": "完成日期不能早于开始日期"})
    item = followups.followup_close(actor=request.user, item=item, closed_on=closed_on, note=payload.note)
    return _followup(selectors.followup_get(request.user, followup_id))


def _my_evaluation(user, evaluation_id):
    ev = selectors.my_evaluation(user, evaluation_id)
    if ev is None:
        raise Http404("评议不存在或无权查看")
    return ev


@router.get(
    "/mine/{int:evaluation_id}/ballot", summary="我的选票：要评议的其他党员和可选等次；是否已投（无记名，不显示投给谁）"
)
def my_ballot(request, evaluation_id: PositiveId):
    ev = _my_evaluation(request.user, evaluation_id)
    cycle = ev.cycle
    return {
        "evaluation_id": ev.id,
        "cycle_id": cycle.id,
        "org": cycle.org.code,
        "year": cycle.year,
        "stage": cycle.stage,
        "stage_zh": cycle.get_stage_display(),
        "open": cycle.stage == CycleStage.VOTING,
        "voted": selectors.has_voted(cycle, ev.person),
        "grades": [{"code": c, "label": lbl} for c, lbl in selectors.grade_labels(cycle)],
        "others": [{"evaluation_id": o.id, "name": o.person.name} for o in selectors.ballot_others(cycle, ev)],
    }


@router.get("/mine/{int:evaluation_id}", summary="我的一次评议：自评、是否已投票、告知后的等次")
def my_evaluation(request, evaluation_id: PositiveId):
    ev = _my_evaluation(request.user, evaluation_id)
    labels = dict(selectors.grade_labels(ev.cycle))
    return {
        "evaluation_id": ev.id,
        "cycle_id": ev.cycle_id,
        "org": ev.cycle.org.code,
        "year": ev.cycle.year,
        "stage": ev.cycle.stage,
        "self_text": ev.self_text,
        "voted": selectors.has_voted(ev.cycle, ev.person),
        "grade": ev.grade if ev.told_on else None,
        "grade_zh": labels.get(ev.grade) if ev.told_on else None,
        "told_on": ev.told_on.isoformat() if ev.told_on else None,
    }


@router.put("/mine/{int:evaluation_id}/self", summary="本人填写个人自评（民主测评开始前可修改）")
def my_self(request, evaluation_id: PositiveId, payload: AppraisalSelfIn):
    ev = _my_evaluation(request.user, evaluation_id)
    services.self_evaluation_save(actor=request.user, evaluation=ev, text=payload.text)
    return {"evaluation_id": ev.id, "self_text": ev.self_text}

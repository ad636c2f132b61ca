"""/api/v1/assessment/: rubrics (考核细则) visible to me, a branch's assessment for a year (items, scores per level,
stars), a rubric's results, and entering / returning a level (the same services as the pages). Out of scope →
404; a level the caller may not enter → 403. Evidence files are uploaded through the pages."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Router
from ninja.errors import HttpError

from dangjian.assessment import selectors, services
from dangjian.assessment.indicators import REGISTRY
from dangjian.assessment.models import LEVELS
from dangjian.assessment.workflows import next_stages
from dangjian.core import workflow
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get

from .errors import register_labels
from .types import PositiveId, StrictIn, Year

router = Router(tags=["考核 assessment"])
register_labels(
    "assessment",
    models=["assessment.Rubric", "assessment.RubricItem", "assessment.Score"],
    extra={"scores": "得分", "reason": "退回原因", "level": "考核层级", "stage": "环节", "item": "考核项目"},
)


class ScoreIn(StrictIn):
    item: PositiveId = Field(description="考核项目 id")
    points: float | None = Field(None, description="得分（人工评分项；自动指标项忽略）")
    comment: str | None = Field(None, description="评分说明；不传则保留原值")
    evidence_note: str | None = Field(None, description="佐证说明；不传则保留原值")


class ScoresIn(StrictIn):
    level: Literal["self", "school", "bureau"]
    scores: list[ScoreIn] = []
    submit: bool = Field(False, description="true：提交本层级（固定本层级得分并转下一环节）")


class ReturnIn(StrictIn):
    reason: str = Field(min_length=1, max_length=300)


def _rubric(r, items=True) -> dict:
    out = {
        "id": r.pk,
        "org": r.org.code,
        "org_name": r.org.name,
        "year": r.year,
        "title": r.title,
        "total": r.total,
        "status": r.status,
        "next": [{"value": s.value, "label": s.label} for s in workflow.available_statuses(r)],
        "thresholds": r.thresholds,
        "show_ranking": r.show_ranking,
        "self_due": r.self_due,
        "school_due": r.school_due,
        "bureau_due": r.bureau_due,
    }
    if items:
        out["items"] = [
            {
                "id": it.pk,
                "category": it.category,
                "title": it.title,
                "standard": it.standard,
                "weight": it.weight,
                "mode": it.mode,
                "indicator": it.indicator,
                "indicator_label": REGISTRY[it.indicator].label_zh if it.indicator in REGISTRY else "",
                "evidence_required": it.evidence_required,
            }
            for it in r.items.all()
        ]
    return out


def _score(s) -> dict | None:
    if s is None:
        return None
    return {
        "points": s.points,
        "comment": s.comment,
        "evidence_note": s.evidence_note,
        "auto_ratio": s.auto_ratio,
        "auto_evidence": s.auto_evidence,
        "auto_url": s.auto_url,
    }


def _assessment(a, user) -> dict:
    grid = selectors.score_grid(a)
    return {
        "id": a.pk,
        "rubric": _rubric(a.rubric, items=False),
        "org": a.org.code,
        "org_name": a.org.name,
        "school": a.school.code if a.school else None,
        "stage": a.stage,
        "stage_zh": a.get_stage_display(),
        # The stages the workflow allows next for this assessment (submit up, or return down).
        "next": [{"value": s.value, "label": s.label} for s in next_stages(a)],
        "return_reason": a.return_reason,
        "my_level": services.user_level(user, a),
        "totals": {lv: a.total(lv) for lv in LEVELS},
        "star": a.star,
        "finished_at": a.finished_at,
        "items": [
            {
                "id": r["item"].pk,
                "title": r["item"].title,
                "weight": r["item"].weight,
                "mode": r["item"].mode,
                "scores": {lv: _score(r["levels"][lv]) for lv in LEVELS},
                "files": [{"id": f.pk, "name": f.name, "level": f.level} for f in r["files"]],
            }
            for r in grid
        ],
        "log": [
            {
                "at": e.at,
                "actor": e.actor.username if e.actor else None,
                "action": e.action,
                "level": e.level,
                "from": e.from_stage,
                "to": e.to_stage,
                "note": e.note,
            }
            for e in selectors.assessment_log(a)
        ],
    }


@router.get("/rubrics", summary="我可见的考核细则（本级制定的，以及本单位支部参加的）")
def rubrics(request):
    own = {r.pk: r for r in selectors.rubrics_managed(request.user)}
    for r in selectors.rubrics_for_branches(request.user):
        own.setdefault(r.pk, r)
    return [_rubric(r, items=False) for r in sorted(own.values(), key=lambda r: (-r.year, -r.pk))]


@router.get("/rubrics/{int:rubric_id}", summary="考核细则（含考核项目）")
def rubric_detail(request, rubric_id: PositiveId):
    return _rubric(selectors.rubric_get(request.user, rubric_id))


@router.get("/rubrics/{int:rubric_id}/results", summary="考核结果：各支部自评、学校审核、局党委考核得分，星级，环节")
def results(request, rubric_id: PositiveId, stage: Literal["", "self", "school", "bureau", "done"] = ""):
    rubric = selectors.rubric_get(request.user, rubric_id)
    return {
        "rubric": _rubric(rubric, items=False),
        "counts": selectors.stage_counts(rubric),
        "rows": [
            {
                "id": r["id"],
                "org": r["org__code"],
                "org_name": r["org__name"],
                "school": r["school__name"],
                "self": r["total_self"],
                "school_total": r["total_school"],
                "bureau": r["total_bureau"],
                "star": r["star"],
                "stage": r["stage"],
                "stage_zh": r["stage_zh"],
                **({"rank": r["rank"]} if rubric.show_ranking else {}),
            }
            for r in selectors.results(rubric, stage=stage)
        ],
    }


@router.get("/orgs/{code}/{int:year}", summary="某支部某年度的考核（各考核项目三级得分、星级）")
def org_year(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    return [_assessment(a, request.user) for a in selectors.assessments_of_org(request.user, org, year)]


@router.get("/assessments/{int:aid}", summary="一个支部的考核详情")
def assessment_detail(request, aid: PositiveId):
    return _assessment(selectors.assessment_get(request.user, aid), request.user)


@router.post("/assessments/{int:aid}/scores", summary="填写本层级得分（submit=true 提交）")
def scores_save(request, aid: PositiveId, payload: ScoresIn):
    a = selectors.assessment_get(request.user, aid)
    entries = []
    for s in payload.scores:
        e = {"item": s.item, "points": "" if s.points is None else str(s.points)}
        e.update({k: getattr(s, k) for k in ("comment", "evidence_note") if getattr(s, k) is not None})
        entries.append(e)
    try:
        a = services.scores_save(
            actor=request.user,
            assessment=a,
            level=payload.level,
            entries=entries,
            submit=payload.submit,
            today=clock.today(),
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    return _assessment(selectors.assessment_get(request.user, a.pk), request.user)


@router.post("/assessments/{int:aid}/return", summary="退回下一级（须填写原因）")
def assessment_return(request, aid: PositiveId, payload: ReturnIn):
    a = selectors.assessment_get(request.user, aid)
    try:
        a = services.assessment_return(actor=request.user, assessment=a, reason=payload.reason)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    return _assessment(selectors.assessment_get(request.user, a.pk), request.user)

"""/api/v1/appraisal/: cycles (list, open, detail, stage), self-evaluations, the anonymous online vote,
paper tallies, grades and the counts by grade. Scoped like the pages (out of scope → 404); writes go
through dangjian.appraisal.services."""
from django.http import Http404
from ninja import Field, Router, Status

from dangjian.appraisal import selectors, services
from dangjian.appraisal.models import Stage
from dangjian.orgs.selectors import org_get

from . import errors
from .types import Count, PositiveId, StrictIn, Year

router = Router(tags=["民主评议 appraisal"])
errors.register_labels("appraisal", models=["appraisal.AppraisalCycle", "appraisal.Evaluation"],
                       extra={"org": "组织代码", "to": "目标阶段", "choices": "选票", "counts": "票数",
                              "ballots": "有效票数", "rows": "评定"})


class CycleIn(StrictIn):
    org: str = Field(description="组织代码（支部）")
    year: Year
    note: str = ""


class StageIn(StrictIn):
    to: str = Field(description="目标阶段：" + "、".join(f"{s.value}={s.label}" for s in Stage))
    note: str = ""


class TextIn(StrictIn):
    text: str


class AppraisalVoteIn(StrictIn):
    choices: dict[int, str] = Field(description="评议记录编号 → 等次代码（excellent/qualified/basically_qualified/unqualified）")


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
    return {"id": c.id, "org": c.org.code, "org_name": c.org.name, "year": c.year, "stage": c.stage,
            "stage_zh": c.get_stage_display(), "grades_scheme": c.grades_scheme, "paper_ballots": c.paper_ballots,
            "closed_at": c.closed_at.isoformat() if c.closed_at else None}


def _detail(c) -> dict:
    out = _cycle(c)
    labels = selectors.grade_labels(c)
    out["grades"] = [{"code": code, "label": label} for code, label in labels]
    out["voters"] = selectors.voters_count(c)
    hidden = c.stage == Stage.VOTING  # counts are shown once the vote has ended, not while members vote
    out["evaluations"] = [{"id": r["ev"].id, "person_id": r["ev"].person_id, "name": r["ev"].person.name,
                           "self_submitted": bool(r["ev"].self_text),
                           "votes": None if hidden else dict(zip([x for x, _ in labels], r["votes"])),
                           "leading": None if hidden else r["leading"], "grade": r["ev"].grade or None, "reason": r["ev"].reason,
                           "told_on": r["ev"].told_on.isoformat() if r["ev"].told_on else None}
                          for r in selectors.evaluation_rows(c)]
    return out


@router.get("/cycles", summary="民主评议列表（按组织、年度）")
def cycle_list(request, org: str | None = None, year: Year | None = None):
    qs = selectors.cycles_visible(request.user).select_related("org")
    if org:
        qs = qs.filter(org=org_get(request.user, code=org, manage=True))
    if year:
        qs = qs.filter(year=year)
    return {"items": [_cycle(c) for c in qs[:500]]}


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
    services.grades_set(actor=request.user, cycle=cycle, rows=[r.dict() for r in payload.rows],
                        suggestions=selectors.suggestions(cycle))
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
        out.append({"evaluation_id": ev.id, "cycle_id": ev.cycle_id, "org": ev.cycle.org.code, "year": ev.cycle.year,
                    "stage": ev.cycle.stage, "voted": selectors.has_voted(ev.cycle, ev.person),
                    "grade": ev.grade if ev.told_on else None,
                    "grade_zh": labels.get(ev.grade) if ev.told_on else None})
    return {"items": out}


@router.post("/mine/{int:evaluation_id}/vote", summary="无记名投票（只记录已投票，不记录投给谁）", response={201: dict})
def vote(request, evaluation_id: PositiveId, payload: AppraisalVoteIn):
    ev = selectors.my_evaluations(request.user).filter(pk=evaluation_id).first()
    if ev is None:
        raise Http404
    services.vote_cast(actor=request.user, cycle=ev.cycle, choices=payload.choices)
    return Status(201, {"voted": True})


@router.get("/results/{code}/{int:year}", summary="评议结果统计（本组织及下级，按等次）")
def results(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    return {"org": org.code, "year": year, "total": selectors.grade_counts(org, year),
            "by_org": selectors.grade_counts_by_org(org, year)}

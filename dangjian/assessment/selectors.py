"""Every read of the assessment app, scoped by visible_org_ids (out of scope is 404).

Assessments are read by managers only (the branch, its school, the bureau): a plain member sees none.
A rubric's pages (editor, results) belong to the managers of the rubric's org; branches see its items
through their own assessment.
"""

from django.db.models import Count, Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import BRANCH_KINDS, OrgKind
from dangjian.orgs.selectors import orgs_visible

from .models import LEVELS, Assessment, AssessmentStage, EvidenceFile, Rubric, Score


def rubrics_managed(user):
    return Rubric.objects.filter(org_id__in=visible_org_ids(user, manage=True)).select_related("org")


def rubric_get(user, pk) -> Rubric:
    rubric = rubrics_managed(user).filter(pk=pk).first()
    if rubric is None:
        raise Http404("考核细则不存在或无权查看")
    return rubric


def assessments_visible(user):
    return Assessment.objects.filter(org_id__in=visible_org_ids(user, manage=True))


def assessment_get(user, pk) -> Assessment:
    a = assessments_visible(user).select_related("rubric", "rubric__org", "org", "school").filter(pk=pk).first()
    if a is None:
        raise Http404("考核不存在或无权查看")
    return a


def assessments_of_org(user, org, year=None):
    qs = assessments_visible(user).filter(org=org).select_related("rubric", "rubric__org", "org", "school")
    if year:
        qs = qs.filter(rubric__year=year)
    return qs.order_by("-rubric__year", "-rubric_id")


def assessment_log(a):
    """The assessment's timeline (AssessmentLog, the stage workflow's log), oldest first."""
    return a.log.select_related("actor")


def rubric_item(a, pk):
    """An item of the assessment's rubric, or 404."""
    from .models import RubricItem

    item = RubricItem.objects.filter(pk=pk, rubric_id=a.rubric_id).first()
    if item is None:
        raise Http404("考核项目不存在")
    return item


def author_orgs(user):
    """The orgs above the branches the user manages: those may write a rubric."""
    return orgs_visible(user, manage=True).exclude(kind__in=[*BRANCH_KINDS, OrgKind.GROUP]).order_by("path")


def branch_assessments(user):
    """Assessments of published rubrics in the user's managed subtree, written by someone above (the branches'
    view of their own assessments); empty for a user who manages nothing."""
    managed = visible_org_ids(user, manage=True)
    return (
        assessments_visible(user)
        .filter(rubric__status="published")
        .exclude(rubric__org_id__in=managed)
        .select_related("rubric", "org", "school")
        .order_by("-rubric__year", "org__path")
    )


def waiting_in(user, rubric_id: int | None = None):
    qs = waiting_for(user)
    return qs.filter(rubric_id=rubric_id) if rubric_id else qs


def has_school_level(rubric) -> bool:
    return rubric.assessments.filter(school__isnull=False).exists()


def waiting_for(user):
    """Assessments at a stage this user enters: their branch's self-assessment, their school's review, their
    bureau's review (SQL only: a level's org managed, the org of the level above not)."""
    managed = visible_org_ids(user, manage=True)
    base = Assessment.objects.filter(rubric__status="published").select_related("rubric", "org", "school")
    if user.is_superuser:
        return base.none()
    return (
        base.filter(stage=AssessmentStage.SELF, org_id__in=managed)
        .exclude(rubric__org_id__in=managed)
        .exclude(school_id__in=managed)
        | base.filter(stage=AssessmentStage.SCHOOL, school_id__in=managed).exclude(rubric__org_id__in=managed)
        | base.filter(stage=AssessmentStage.BUREAU, rubric__org_id__in=managed)
    ).order_by("rubric_id", "org__path")


# The results page's filter: the words of its table's 环节 column, so each chip counts exactly the rows it shows
# (an assessment waiting for its self-evaluation reads 未开始 until the branch starts it).
STAGE_FILTERS = [
    ("not_started", "未开始"),
    ("self_started", "待支部自评"),
    (AssessmentStage.SCHOOL, AssessmentStage.SCHOOL.label),
    (AssessmentStage.BUREAU, AssessmentStage.BUREAU.label),
    (AssessmentStage.DONE, AssessmentStage.DONE.label),
]


def stage_counts(rubric) -> dict:
    rows = Assessment.objects.filter(rubric=rubric).order_by().values_list("stage", "started").annotate(n=Count("id"))
    out = {s: 0 for s in AssessmentStage.values} | {"not_started": 0, "self_started": 0}
    for stage, started, n in rows:
        out[stage] += n
        if stage == AssessmentStage.SELF:
            out["self_started" if started else "not_started"] += n
    out["all"] = sum(out[s] for s in AssessmentStage.values)
    return out


def results(rubric, *, stage: str = "") -> list[dict]:
    """Branches × (self, school, bureau totals, star, stage) for a rubric; rank by final total when the rubric
    shows rankings (competition ranking, finished assessments only). One query."""
    qs = Assessment.objects.filter(rubric=rubric).order_by("org__path")
    if stage in AssessmentStage.values:
        qs = qs.filter(stage=stage)
    elif stage in ("not_started", "self_started"):
        qs = qs.filter(stage=AssessmentStage.SELF, started=stage == "self_started")
    rows = list(
        qs.values(
            "id",
            "org__code",
            "org__name",
            "school__name",
            "stage",
            "started",
            "total_self",
            "total_school",
            "total_bureau",
            "star",
            "finished_at",
            "return_reason",
        )
    )
    labels = dict(AssessmentStage.choices)
    for r in rows:
        r["stage_zh"] = "未开始" if r["stage"] == AssessmentStage.SELF and not r["started"] else labels[r["stage"]]
        if r["return_reason"] and r["stage"] != AssessmentStage.DONE:
            r["stage_zh"] += "（已退回）"
        r["rank"] = None
    if rubric.show_ranking:
        done = sorted(
            (r for r in rows if r["stage"] == AssessmentStage.DONE), key=lambda r: r["total_bureau"], reverse=True
        )
        prev, rank = None, 0
        for i, r in enumerate(done, start=1):
            if r["total_bureau"] != prev:
                rank, prev = i, r["total_bureau"]
            r["rank"] = rank
    return rows


def score_grid(a: Assessment) -> list[dict]:
    """One row per rubric item with the three levels' scores and the item's evidence files."""
    scores = {(s.item_id, s.level): s for s in Score.objects.filter(assessment=a).select_related("entered_by")}
    files: dict = {}
    for f in EvidenceFile.objects.filter(assessment=a):
        files.setdefault(f.item_id, []).append(f)
    rows = []
    for i, it in enumerate(a.rubric.items.all(), start=1):
        levels = {lv: scores.get((it.id, lv)) for lv in LEVELS}
        final = levels["bureau"]
        lost = bool(a.stage == AssessmentStage.DONE and final and final.points is not None and final.points < it.weight)
        rows.append(
            {
                "n": i,
                "item": it,
                "levels": levels,
                "cells": [levels[lv] for lv in LEVELS],
                "files": files.get(it.id, []),
                "lost": lost,
            }
        )
    return rows


def evidence_get(user, pk) -> EvidenceFile:
    f = EvidenceFile.objects.filter(pk=pk, assessment__org_id__in=visible_org_ids(user, manage=True)).first()
    if f is None:
        raise Http404("文件不存在或无权查看")
    return f


def rubrics_for_branches(user):
    """Published rubrics that have an assessment of an org this user manages (for the home page)."""
    managed = visible_org_ids(user, manage=True)
    return (
        Rubric.objects.filter(Q(assessments__org_id__in=managed))
        .distinct()
        .select_related("org")
        .order_by("-year", "-id")
    )

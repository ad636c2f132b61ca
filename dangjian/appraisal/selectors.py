"""Every read of appraisal, scoped by visible_org_ids (out of scope → 404)."""

from django.db.models import Count, Q, Sum
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import Org, OrgKind
from dangjian.orgs.selectors import orgs_visible, subtree_ids
from dangjian.rules import appraisal as rules

from .models import AppraisalCycle, AppraisalGrade, CycleStage, Evaluation, FollowUp, VoterReceipt, VoteTally
from .settings import cycle_settings

GRADED_STAGES = (CycleStage.REVIEW, CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED)
GRADE_CODES = [g.value for g in AppraisalGrade]


def cycles_visible(user, *, manage: bool = True):
    return AppraisalCycle.objects.filter(org_id__in=visible_org_ids(user, manage=manage))


def managed_orgs(user):
    """The orgs the user manages that may hold a cycle or its results (party groups excluded), in tree order."""
    return orgs_visible(user, manage=True).exclude(kind=OrgKind.GROUP).order_by("path")


def cycles_by_org(user, year: int) -> dict:
    return {c.org_id: c for c in cycles_visible(user).filter(year=year)}


def recent_cycles(user):
    return cycles_visible(user).select_related("org")


def cycle_list(user, *, org: Org | None = None, year: int | None = None):
    qs = cycles_visible(user).select_related("org")
    if org is not None:
        qs = qs.filter(org=org)
    if year:
        qs = qs.filter(year=year)
    return qs


def stage_log(cycle):
    """The cycle's stage changes (StageChange, the workflow's log), oldest first."""
    return cycle.stage_changes.select_related("actor")


def followups_of(ev):
    return ev.followups.select_related("meeting", "evaluation__person")


def ballot_others(cycle, ev) -> list:
    """The other members on one member's ballot."""
    return list(cycle.evaluations.exclude(pk=ev.pk).select_related("person").order_by("person__stroke_key", "id"))


def general_meetings(org, *, limit: int = 30):
    """The org's 支部党员大会 (not voided), newest first: the meetings a 劝退/除名 decision may cite."""
    from dangjian.meetings.models import Meeting

    return Meeting.objects.filter(org=org, kind="general_meeting", voided=False).order_by("-held_on")[:limit]


def meeting_of(org, pk):
    """A meeting of ``org`` (not voided), or None."""
    from dangjian.meetings.models import Meeting

    return Meeting.objects.filter(pk=pk, org=org, voided=False).first()


def cycle_get(user, pk, *, manage: bool = True) -> AppraisalCycle:
    cycle = cycles_visible(user, manage=manage).select_related("org").filter(pk=pk).first()
    if cycle is None:
        raise Http404("评议不存在或无权查看")
    return cycle


def evaluation_get(user, pk) -> Evaluation:
    ev = (
        Evaluation.objects.select_related("cycle", "cycle__org", "person")
        .filter(pk=pk, cycle__org_id__in=visible_org_ids(user, manage=True))
        .first()
    )
    if ev is None:
        raise Http404("评议记录不存在或无权查看")
    return ev


def followup_get(user, pk) -> FollowUp:
    item = (
        FollowUp.objects.select_related(
            "evaluation", "evaluation__cycle", "evaluation__cycle__org", "evaluation__person"
        )
        .filter(pk=pk, evaluation__cycle__org_id__in=visible_org_ids(user, manage=True))
        .first()
    )
    if item is None:
        raise Http404("记录不存在或无权查看")
    return item


def grade_labels(cycle) -> list[tuple[str, str]]:
    return list(rules.grade_choices(cycle_settings(cycle)))


def tallies(cycle) -> dict[int, dict[str, int]]:
    """evaluation id → {grade: online + paper votes} (one aggregate query)."""
    out: dict[int, dict[str, int]] = {}
    rows = (
        VoteTally.objects.filter(evaluation__cycle=cycle)
        .values("evaluation_id", "grade")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for r in rows:
        out.setdefault(r["evaluation_id"], {})[r["grade"]] = r["n"] or 0
    return out


def paper_counts(cycle) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for eid, grade, n in VoteTally.objects.filter(evaluation__cycle=cycle, source="paper").values_list(
        "evaluation_id", "grade", "count"
    ):
        out.setdefault(eid, {})[grade] = n
    return out


def leading_grade(per_grade: dict[str, int], codes: list[str]) -> str | None:
    """The grade with most votes (ties → the higher grade); None when nobody voted."""
    best = max(codes, key=lambda c: (per_grade.get(c, 0), -codes.index(c)), default=None)
    return best if best and per_grade.get(best, 0) > 0 else None


def evaluation_rows(cycle) -> list[dict]:
    codes = [c for c, _ in grade_labels(cycle)]
    votes = tallies(cycle)
    rows = []
    for ev in cycle.evaluations.select_related("person").annotate(n_followups=Count("followups")):
        per = votes.get(ev.id, {})
        rows.append(
            {
                "ev": ev,
                "votes": [per.get(c, 0) for c in codes],
                "leading": leading_grade(per, codes),
                "n_followups": ev.n_followups,
            }
        )
    return rows


def suggestions(cycle) -> dict[int, str]:
    codes = [c for c, _ in grade_labels(cycle)]
    return {eid: g for eid, per in tallies(cycle).items() if (g := leading_grade(per, codes))}


def voters_count(cycle) -> int:
    return VoterReceipt.objects.filter(cycle=cycle).count()


def has_voted(cycle, person) -> bool:
    return VoterReceipt.objects.filter(cycle=cycle, voter=person).exists()


def _count_row(qs) -> dict:
    agg = qs.aggregate(
        total=Count("id"),
        ungraded=Count("id", filter=Q(grade="")),
        **{g: Count("id", filter=Q(grade=g)) for g in GRADE_CODES},
    )
    return {k: agg[k] or 0 for k in ["total", *GRADE_CODES, "ungraded"]}


def grade_counts(org: Org, year: int) -> dict:
    """Counts by grade for ``org`` and its subtree in ``year`` (党内统计): total members appraised,
    one key per grade code and ``ungraded``; only cycles whose grades were submitted (审核 onwards) count."""
    qs = Evaluation.objects.filter(cycle__org_id__in=subtree_ids(org), cycle__year=year, cycle__stage__in=GRADED_STAGES)
    return _count_row(qs)


def grade_counts_by_org(org: Org, year: int) -> list[dict]:
    """One row per cycle in the subtree (org name, stage, counts), in tree order (one GROUP BY query)."""
    qs = (
        Evaluation.objects.filter(cycle__org_id__in=subtree_ids(org), cycle__year=year)
        .values("cycle_id", "cycle__org__name", "cycle__org__code", "cycle__org__path", "cycle__stage")
        .annotate(
            total=Count("id"),
            ungraded=Count("id", filter=Q(grade="")),
            **{g: Count("id", filter=Q(grade=g)) for g in GRADE_CODES},
        )
        .order_by("cycle__org__path")
    )
    return [
        {
            "cycle_id": r["cycle_id"],
            "org_name": r["cycle__org__name"],
            "org_code": r["cycle__org__code"],
            "stage": CycleStage(r["cycle__stage"]).label,
            "submitted": r["cycle__stage"] in GRADED_STAGES,
            **{k: r[k] for k in ["total", *GRADE_CODES, "ungraded"]},
        }
        for r in qs
    ]


def my_evaluations(user):
    """The member's own evaluations (newest first): their grade is shown only once they have been told."""
    person = getattr(user, "person", None)
    if person is None:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(person=person).select_related("cycle", "cycle__org").order_by("-cycle__year")


def my_evaluation(user, pk):
    """One of the member's own evaluations, or None."""
    return my_evaluations(user).filter(pk=pk).first()


def result_notice(cycle) -> dict:
    """A 党内 disclosure item (PUB topic ``appraisal``) for the result notice: counts by grade and the names
    of those graded 优秀 (other individual grades are told to each member, not posted)."""
    counts = _count_row(cycle.evaluations.all())
    labels = grade_labels(cycle)
    excellent = list(cycle.evaluations.filter(grade="excellent").values_list("person__name", flat=True))
    parts = "，".join(f"{label}{counts[code]}名" for code, label in labels)
    body = (
        f"{cycle.org.name}{cycle.year}年度民主评议党员工作已完成，参加评议党员{counts['total']}名，评定结果：{parts}。"
    )
    if excellent:
        body += f"评为优秀的党员：{'、'.join(excellent)}。"
    return {
        "topic": "appraisal",
        "scope": "internal",
        "org_id": cycle.org_id,
        "title_zh": f"{cycle.year}年度民主评议党员结果",
        "body_zh": body,
        "counts": counts,
    }


def notice_findings(cycle) -> list:
    """EVAL-01: the result is reported to the upper organisation and told to each member."""
    told_all = not cycle.evaluations.filter(told_on__isnull=True).exists()
    return rules.result_notice_findings(
        reported_upper=cycle.reported_on is not None, told_member=told_all, subject=cycle.org.name
    )

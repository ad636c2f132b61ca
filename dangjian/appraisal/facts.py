"""民主评议党员 facts for an org's subtree and a year — the appraisal side of the reports seam."""

from django.db.models import Q

from .models import AppraisalCycle, AppraisalGrade, Evaluation, FollowUp
from .selectors import GRADED_STAGES, grade_counts


def year_facts(org, year: int) -> dict:
    """{"total": members appraised (grades submitted), "grades": [(label, n)] in the grades' order}."""
    counts = grade_counts(org, year)
    return {"total": counts["total"], "grades": [(g.label, counts.get(g.value, 0)) for g in AppraisalGrade]}


# ---------------------------------------------------------------- named, for the year-end return (党内统计)
GRADE_LABELS = {g.value: g.label for g in AppraisalGrade}
FOLLOW_UP_LABELS = {"correction": "限期改正", "persuade": "劝退", "remove": "除名"}


def grades(sub_ids, year: int) -> list[tuple[int, str, str]]:
    """(org that ran it, person's name, grade value or "") of every evaluation in the year's graded cycles."""
    return list(
        Evaluation.objects.filter(
            cycle__org_id__in=sub_ids, cycle__year=year, cycle__stage__in=GRADED_STAGES
        ).values_list("cycle__org_id", "person__name", "grade")
    )


def held_org_ids(sub_ids, year: int) -> set[int]:
    """The orgs whose appraisal of the year reached a graded stage."""
    return set(
        Evaluation.objects.filter(
            cycle__org_id__in=sub_ids, cycle__year=year, cycle__stage__in=GRADED_STAGES
        ).values_list("cycle__org_id", flat=True)
    )


def follow_ups(sub_ids, year: int) -> list[tuple[int, str, str, object]]:
    """(org, person's name, step label, started on) of the 限期改正 / 劝退 / 除名 decided (or started) in the year."""
    rows = (
        FollowUp.objects.filter(evaluation__cycle__org_id__in=sub_ids, step__in=list(FOLLOW_UP_LABELS))
        .filter(Q(approved_on__year=year) | Q(approved_on__isnull=True, started_on__year=year))
        .values_list("evaluation__cycle__org_id", "evaluation__person__name", "step", "started_on")
    )
    return [(org_id, name, FOLLOW_UP_LABELS[step], day) for org_id, name, step, day in rows]


def exit_decisions(person_ids) -> dict[int, str]:
    """{person id: "劝退" | "除名"} from the appraisal follow-ups of these people (the last one wins)."""
    out = {}
    for pid, step in FollowUp.objects.filter(
        evaluation__person_id__in=person_ids, step__in=["persuade", "remove"]
    ).values_list("evaluation__person_id", "step"):
        out[pid] = "劝退" if step == "persuade" else "除名"
    return out


def cycle_stages(sub, year: int) -> list[tuple[int, str]]:
    """(org id, "已完成" | "进行中") of the year's appraisal cycles."""
    return [
        (org_id, "已完成" if stage in GRADED_STAGES else "进行中")
        for org_id, stage in AppraisalCycle.objects.filter(org_id__in=sub, year=year).values_list("org_id", "stage")
    ]


def org_grade_rows(org, year: int) -> list[tuple]:
    """(org name, stage, appraised, excellent, qualified, basically qualified, unqualified, ungraded) per org."""
    from .selectors import grade_counts_by_org

    return [
        (
            r["org_name"],
            r["stage"],
            r["total"],
            r["excellent"],
            r["qualified"],
            r["basically_qualified"],
            r["unqualified"],
            r["ungraded"],
        )
        for r in grade_counts_by_org(org, year)
    ]

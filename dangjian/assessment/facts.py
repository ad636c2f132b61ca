"""考核 facts for an org's subtree and a year — the assessment side of the reports seam."""

from collections import Counter

from dangjian.orgs.selectors import subtree_ids

from .grid import CODE_MARK, branch_grid, link_patterns  # noqa: F401  (the bulk per-branch figures)


def year_facts(org, year: int) -> dict | None:
    """The year's assessments of the subtree's branches: None when nothing was assessed; else {"by" (the
    assessing org's name), "rubric_id", "assessed", "done", "own" (a branch's {id, total, star} when done),
    "stars": [(name, n)] best first}."""
    from .models import Assessment, AssessmentStage  # here: the grid above is read without this app installed

    rows = list(
        Assessment.objects.filter(org_id__in=subtree_ids(org), rubric__year=year)
        .order_by("org__path")
        .values("id", "org_id", "stage", "total_bureau", "star", "rubric__org__name", "rubric_id", "rubric__thresholds")
    )
    if not rows:
        return None
    done = [r for r in rows if r["stage"] == AssessmentStage.DONE]
    own = None
    if org.is_branch and done:
        mine = done[0]
        own = {
            "id": mine["id"],
            "star": mine["star"],
            "total": f"{mine['total_bureau'].normalize():f}" if mine["total_bureau"] is not None else None,
        }
    stars = Counter(r["star"] for r in done if r["star"])
    order = [t["name"] for t in sorted(rows[0]["rubric__thresholds"] or [], key=lambda t: -float(t["min"]))]
    ranked = sorted(stars.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return {
        "by": rows[0]["rubric__org__name"],
        "rubric_id": rows[0]["rubric_id"],
        "assessed": len(rows),
        "done": len(done),
        "own": own,
        "stars": ranked,
    }


def ledger_rows(org, year: int, limit: int) -> list[tuple]:
    """(branch, rubric title, self total, school total, bureau total, star, stage label) of the year's assessments."""
    from .models import Assessment, AssessmentStage

    labels = dict(AssessmentStage.choices)
    qs = (
        Assessment.objects.filter(org_id__in=subtree_ids(org), rubric__year=year)
        .select_related("org", "rubric")
        .order_by("org__path", "rubric_id")
    )
    return [
        (a.org.name, a.rubric.title, a.total_self, a.total_school, a.total_bureau, a.star, labels[a.stage])
        for a in qs[:limit]
    ]

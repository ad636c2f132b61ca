"""Branches × facts for a year over any subtree: the bulk per-branch figures behind the bureau dashboard
(reports/dashboard.py) and the automatic indicators (indicators.py), read only from the work apps' facts.

Query budget is fixed whatever the number of branches: the subtree's orgs (to map every org to its
branch), then ONE GROUP BY per figure filtered with ``org_id__in=<subtree subquery>`` — meetings
(the compliance machinery's month counts, committee sizes, group counts), dues charged / paid /
remitted, development plan / approvals, appraisal cycles, study-hour shortfalls, disclosures, the year's
assessments, rectification items, overdue terms. No per-branch query anywhere.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from dangjian.lib import clock
from dangjian.members import facts as members_facts
from dangjian.orgs import facts as orgs_facts
from dangjian.orgs.selectors import branch_map, subtree_ids

ZERO = Decimal("0")
CODE_MARK = "__org_code__"


def installed(label: str) -> bool:
    return apps.is_installed(f"dangjian.{label}")


def url(name: str, *args, query: str = "") -> str:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def _fold(rows, owner: dict, out: dict, key: str):
    for org_id, value in rows:
        b = owner.get(org_id)
        if b in out and value is not None:
            out[b][key] += value


def _meetings(root, sub, year, today, rows, owner):
    if not installed("meetings"):
        return False
    from dangjian.meetings.facts import held_missing

    for bid, (held, missing) in held_missing(root, sub, year, today, list(rows)).items():
        row = rows[bid]
        row["meet_held"], row["meet_missing"] = held, missing
        row["overdue"] += missing
    return True


def _dues(sub, year, rows, owner):
    if not installed("dues"):
        return False
    from dangjian.dues.facts import amounts_by_org

    for key, pairs in amounts_by_org(sub, year).items():
        _fold(pairs, owner, rows, f"dues_{key}")
    return True


def _development(sub, year, rows, owner):
    if not installed("recruitment"):
        return False
    from dangjian.recruitment.facts import event_counts_by_org, plans_by_org

    for org_id, n in plans_by_org(sub, year):
        b = owner.get(org_id)
        if b in rows:
            rows[b]["dev_plan"] = (rows[b]["dev_plan"] or 0) + n
    _fold(event_counts_by_org(sub, year, "approval"), owner, rows, "dev_actual")
    return True


def _appraisal(sub, year, rows, owner):
    if not installed("appraisal"):
        return False
    from dangjian.appraisal.facts import cycle_stages

    for org_id, state in cycle_stages(sub, year):
        b = owner.get(org_id)
        if b in rows:
            rows[b]["appraisal_done"] = state
    return True


def _study(root, sub, year, rows, owner):
    if not installed("learning"):
        return False
    from dangjian.learning.facts import short_counts

    counts = short_counts(root, sub, year)
    if counts is None:
        return False
    _fold(counts.items(), owner, rows, "study_short")
    return True


def _disclosure(sub, year, rows, owner):
    if not installed("disclosure"):
        return False
    from dangjian.disclosure.facts import published_by_org

    for r in rows.values():
        r["disclosures"] = 0
    _fold(published_by_org(sub, year), owner, rows, "disclosures")
    return True


def _assessment(sub, year, rows, owner):
    """The year's assessment of each branch: its star when finished, else the stage it waits at."""
    if not installed("assessment"):
        return False
    from .models import Assessment, AssessmentStage

    labels = dict(AssessmentStage.choices)
    for org_id, stage, star, total in (
        Assessment.objects.filter(org_id__in=sub, rubric__year=year)
        .order_by("rubric_id")
        .values_list("org_id", "stage", "star", "total_bureau")
    ):
        if org_id in rows:
            done = stage == AssessmentStage.DONE
            rows[org_id]["assessment"] = (star or "未评星") if done else labels[stage]
            rows[org_id]["assessment_score"] = total if done else None
    return True


def _rectification(sub, year, today, rows, owner):
    """整改 items not yet closed; the overdue ones also count in 逾期事项."""
    if not installed("rectification"):
        return False
    from dangjian.rectification.facts import counts_by_org

    for org_id, c in counts_by_org(sub, year, today).items():
        b = owner.get(org_id)
        if b in rows:
            rows[b]["rect_open"] += c["open"]
            rows[b]["overdue"] += c["overdue"]
    return True


def _members(sub, year, rows, owner):
    """党员 per branch on the year's last day (today while it runs), from the roll's history."""
    from django.db.models import Count

    _fold(
        members_facts.members_on(sub, members_facts.year_end(year))
        .order_by()
        .values_list("org_id")
        .annotate(n=Count("id")),
        owner,
        rows,
        "members",
    )


def link_patterns(year: int) -> dict:
    """The pages behind each figure, with CODE_MARK where the branch's code goes (reverse() once a column)."""
    m = CODE_MARK
    return {
        "name": url("reports:summary", m, year),
        "meet": url("meetings:calendar", m, year),
        "disclosure": url("disclosure:org", m),
        "dues": url("dues:ledger", m),
        "dev": url("recruitment:board", m),
        "appraisal": url("appraisal:results", m, year),
        "study": url("learning:hours", m, year),
        "rectification": url("rectification:ledger", m, query=f"year={year}&status=live"),
    }


def branch_grid(root, year: int, today: datetime.date | None = None) -> dict:
    """{"rows": [one dict per active branch of root's subtree, tree order, with "links"], "available": {figure
    group: whether its app is there}}."""
    today = today or clock.today()
    sub = subtree_ids(root)
    branches, owner = branch_map(root)
    rows = {
        b["id"]: {
            **b,
            "members": 0,
            "meet_held": 0,
            "meet_missing": 0,
            "dues_charged": ZERO,
            "dues_paid": ZERO,
            "dues_remitted": ZERO,
            "dev_plan": None,
            "dev_actual": 0,
            "appraisal_done": "未开展",
            "study_short": 0,
            "disclosures": None,
            "assessment": None,
            "rect_open": 0,
            "overdue": 0,
        }
        for b in branches
    }
    _members(sub, year, rows, owner)
    available = {
        "meetings": _meetings(root, sub, year, today, rows, owner),
        "dues": _dues(sub, year, rows, owner),
        "development": _development(sub, year, rows, owner),
        "appraisal": _appraisal(sub, year, rows, owner),
        "study": _study(root, sub, year, rows, owner),
        "disclosure": _disclosure(sub, year, rows, owner),  # False: shown as 本模块尚无数据
        "assessment": _assessment(sub, year, rows, owner),
        "rectification": _rectification(sub, year, today, rows, owner),
    }
    _fold(orgs_facts.overdue_terms(sub, today), owner, rows, "overdue")
    out = list(rows.values())
    links = link_patterns(year)  # reverse() once per column, not 7 × 2,500 times
    for r in out:
        code = r["code"]
        r["links"] = {k: v.replace(CODE_MARK, code) for k, v in links.items()}
    return {"rows": out, "available": available}

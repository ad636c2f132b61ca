"""The bureau dashboard: branches × indicators for a year, over any subtree.

Query budget is fixed whatever the number of branches: the subtree's orgs (to map every org to its
branch), then ONE GROUP BY per indicator filtered with ``org_id__in=<subtree subquery>`` — meetings
(the compliance machinery's month counts, committee sizes, group counts), dues charged / paid /
remitted, development plan / approvals, appraisal cycles, study-hour shortfalls, overdue terms.
No per-branch query anywhere.
"""
import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from dangjian.orgs.models import BRANCH_KINDS, CommitteeTerm, Org
from dangjian.orgs.selectors import branch_map, subtree_ids

from . import asof
from .records import installed, url
from .study import short_counts
from dangjian.lib import clock

COLUMNS = [
    ("name", "支部"), ("members", "党员数"), ("meet_held", "组织生活已开（期）"), ("meet_missing", "组织生活缺期"),
    ("dues_charged", "应交党费（元）"), ("dues_paid", "实交党费（元）"), ("dues_remitted", "上缴党费（元）"),
    ("dev_plan", "计划发展"), ("dev_actual", "实际发展"), ("appraisal_done", "民主评议"),
    ("study_short", "学时不足人数"), ("disclosures", "党务公开"), ("assessment", "考核评星"), ("rect_open", "整改未销号"),
    ("overdue", "逾期事项"),
]
SORT_KEYS = {k for k, _ in COLUMNS}
ZERO = Decimal("0")


_branch_map = branch_map  # the subtree's branches and org → branch: orgs.selectors.branch_map


def _children(root: Org, rows: list[dict]) -> list[dict]:
    """The root's direct non-branch children (districts, schools' 党总支) with their branches' totals, for
    drilling down one level at a time instead of scrolling 2,500 rows."""
    kids = list(Org.objects.filter(parent=root, is_active=True).exclude(kind__in=(*BRANCH_KINDS, "group"))
                .order_by("sort_order", "path").values("id", "code", "name", "path"))
    for kid in kids:
        mine = [r for r in rows if r["path"].startswith(kid["path"])]
        kid.update(_totals(mine), branches=len(mine))
    return [k for k in kids if k["branches"]]


def _totals(rows: list[dict]) -> dict:
    totals = {k: sum((r[k] or 0) for r in rows) for k in ("members", "meet_held", "meet_missing", "dues_charged",
                                                           "dues_paid", "dues_remitted", "dev_actual", "study_short",
                                                           "overdue", "disclosures", "rect_open")}
    totals["dev_plan"] = sum(r["dev_plan"] or 0 for r in rows)
    totals["appraisal_done"] = sum(1 for r in rows if r["appraisal_done"] == "已完成")
    totals["assessment"] = sum(1 for r in rows if r["assessment"] and r["assessment"].endswith("星"))
    return totals


def _fold(rows, owner: dict, out: dict, key: str):
    for org_id, value in rows:
        b = owner.get(org_id)
        if b in out and value is not None:
            out[b][key] += value


def _meetings(root, sub, year, today, rows, owner):
    if not installed("meetings"):
        return False
    from dangjian.meetings import compliance

    settings = compliance.settings_for(root.bureau_id or root.id)
    counts = compliance.month_counts(sub, year)
    sizes, groups = compliance.committee_sizes(sub), compliance.group_counts(sub)
    states = compliance.period_states(year, today)
    cache = {}
    for bid, row in rows.items():
        n_groups = groups.get(bid, 0)
        key = (sizes.get(bid, 0) >= compliance.COMMITTEE_MIN_SIZE, n_groups > 0)
        if key not in cache:
            cache[key] = compliance.requirements_for(settings, has_committee=key[0], has_groups=key[1])
        result = compliance.evaluate(counts.get((bid, year), {}), cache[key], states, n_groups)
        row["meet_held"] = sum(1 for v in result.values() if v[2] == "met")
        row["meet_missing"] = sum(1 for v in result.values() if v[2] == "missing")
        row["overdue"] += row["meet_missing"]
    return True


def _dues(sub, year, rows, owner):
    if not installed("dues"):
        return False
    from dangjian.dues.models import DuesCharge, DuesPayment, DuesRemittance

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    _fold(DuesCharge.objects.filter(org_id__in=sub, month__gte=start, month__lte=end).order_by()
          .values_list("org_id").annotate(t=Sum("amount")), owner, rows, "dues_charged")
    _fold(DuesPayment.objects.filter(org_id__in=sub, paid_on__gte=start, paid_on__lte=end).order_by()
          .values_list("org_id").annotate(t=Sum("amount")), owner, rows, "dues_paid")
    _fold(DuesRemittance.objects.filter(org_id__in=sub, remitted_on__gte=start, remitted_on__lte=end).order_by()
          .values_list("org_id").annotate(t=Sum("amount")), owner, rows, "dues_remitted")
    return True


def _development(sub, year, rows, owner):
    if not installed("recruitment"):
        return False
    from dangjian.recruitment.models import DevelopmentPlan

    plans = DevelopmentPlan.objects.filter(org_id__in=sub, year=year).order_by().values_list("org_id") \
        .annotate(n=Sum("planned_count"))
    for org_id, n in plans:
        b = owner.get(org_id)
        if b in rows:
            rows[b]["dev_plan"] = (rows[b]["dev_plan"] or 0) + n
    _fold(asof.event_counts_by_org(sub, year, "approval"), owner, rows, "dev_actual")
    return True


def _appraisal(sub, year, rows, owner):
    if not installed("appraisal"):
        return False
    from dangjian.appraisal.models import AppraisalCycle
    from dangjian.appraisal.selectors import GRADED_STAGES

    for org_id, stage in AppraisalCycle.objects.filter(org_id__in=sub, year=year).values_list("org_id", "stage"):
        b = owner.get(org_id)
        if b in rows:
            rows[b]["appraisal_done"] = "已完成" if stage in GRADED_STAGES else "进行中"
    return True


def _study(root, sub, year, rows, owner):
    counts = short_counts(root, sub, year)
    if counts is None:
        return False
    _fold(counts.items(), owner, rows, "study_short")
    return True


def _disclosure(sub, year, rows, owner):
    if not installed("disclosure"):
        return False
    from dangjian.disclosure.models import DisclosureStep, Status

    for r in rows.values():
        r["disclosures"] = 0
    _fold(DisclosureStep.objects.filter(item__org_id__in=sub, status=Status.PUBLISHED, on__year=year).order_by()
          .values_list("item__org_id").annotate(n=Count("item", distinct=True)), owner, rows, "disclosures")
    return True


def _assessment(sub, year, rows, owner):
    """The year's assessment of each branch: its star when finished, else the stage it waits at."""
    if not installed("assessment"):
        return False
    from dangjian.assessment.models import Assessment, Stage

    labels = dict(Stage.choices)
    for org_id, stage, star, total in (Assessment.objects.filter(org_id__in=sub, rubric__year=year)
                                       .order_by("rubric_id").values_list("org_id", "stage", "star", "total_bureau")):
        if org_id in rows:
            done = stage == Stage.DONE
            rows[org_id]["assessment"] = (star or "未评星") if done else labels[stage]
            rows[org_id]["assessment_score"] = total if done else None
    return True


def _rectification(sub, year, today, rows, owner):
    """整改 items not yet closed; the overdue ones also count in 逾期事项."""
    if not installed("rectification"):
        return False
    from dangjian.rectification.selectors import counts_by_org

    for org_id, c in counts_by_org(sub, year, today).items():
        b = owner.get(org_id)
        if b in rows:
            rows[b]["rect_open"] += c["open"]
            rows[b]["overdue"] += c["overdue"]
    return True


def _members(sub, year, rows, owner):
    """党员 per branch on the year's last day (today while it runs), from the roll's history."""
    _fold(asof.members_on(sub, asof.year_end(year)).order_by().values_list("org_id").annotate(n=Count("id")),
          owner, rows, "members")


def _terms(sub, today, rows, owner):
    _fold(CommitteeTerm.objects.filter(org_id__in=sub, ended_on__isnull=True, ends_on__lt=today).order_by()
          .values_list("org_id").annotate(n=Count("id")), owner, rows, "overdue")


CODE_MARK = "__org_code__"


def _link_patterns(year: int) -> dict:
    m = CODE_MARK
    return {"name": url("reports:summary", m, year), "meet": url("meetings:calendar", m, year),
            "disclosure": url("disclosure:org", m), "dues": url("dues:ledger", m), "dev": url("recruitment:board", m),
            "appraisal": url("appraisal:results", m, year), "study": url("learning:hours", m, year),
            "rectification": url("rectification:ledger", m, query=f"year={year}&status=live")}


def dashboard(root: Org, year: int, today: datetime.date | None = None, *, sort: str = "", desc: bool = False) -> dict:
    today = today or clock.today()
    sub = subtree_ids(root)
    branches, owner = _branch_map(root)
    rows = {b["id"]: {**b, "members": 0, "meet_held": 0, "meet_missing": 0, "dues_charged": ZERO, "dues_paid": ZERO,
                      "dues_remitted": ZERO, "dev_plan": None, "dev_actual": 0, "appraisal_done": "未开展",
                      "study_short": 0, "disclosures": None, "assessment": None, "rect_open": 0, "overdue": 0}
            for b in branches}
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
    _terms(sub, today, rows, owner)
    out = list(rows.values())
    links = _link_patterns(year)  # reverse() once per column, not 7 × 2,500 times
    for r in out:
        code = r["code"]
        r["links"] = {k: v.replace(CODE_MARK, code) for k, v in links.items()}
    if sort in SORT_KEYS:
        key = {"assessment": "assessment_score"}.get(sort, sort)  # stars sort by the score behind them
        out.sort(key=lambda r: (r.get(key) is None, r[key] if r.get(key) is not None else 0), reverse=desc)
        if desc:  # keep "no data" rows last either way
            out.sort(key=lambda r: r.get(key) is None)
    return {"org": root, "year": year, "rows": out, "totals": _totals(out), "children": _children(root, out),
            "available": available, "columns": COLUMNS, "sort": sort, "desc": desc}

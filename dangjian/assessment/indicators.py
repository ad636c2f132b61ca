"""Automatic indicators (自动指标): code → label, explanation and a bulk computation over a subtree.

``compute(root, year, today, codes)`` returns ``{branch_id: {code: Result}}`` for every active branch of
``root``'s subtree, in a fixed number of queries whatever the number of branches: it composes the branch
grid (``grid.branch_grid``: the work apps' facts, also behind the bureau dashboard — meetings held/missing
from the compliance machinery, development plan/actual, appraisal stage, study-hour shortfalls, disclosures —
one GROUP BY each), plus one GROUP BY for dues paid on time and one for rectification items closed by their due date. No per-branch query.

Each ``Result`` carries the ratio (0–1, or None when there is nothing to judge), the evidence text
("应开 12 期，已开 11 期") and a link to the records behind it. Score = weight × ratio, to 0.1 point.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dangjian.lib import clock
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import branch_map, subtree_ids

from .grid import branch_grid, installed, url

ONE, ZERO, TENTH = Decimal("1"), Decimal("0"), Decimal("0.1")


@dataclass(frozen=True)
class Indicator:
    code: str
    label_zh: str
    explanation: str
    source: str  # "dashboard" | "dues" | "rectification"


@dataclass
class Result:
    ratio: Decimal | None
    evidence: str
    url: str = ""

    def score(self, weight: Decimal) -> Decimal:
        return points_for(weight, self.ratio)


REGISTRY = {
    i.code: i
    for i in [
        Indicator(
            "meetings_held",
            "“三会一课”按期召开率",
            "已到期的各项组织生活（支部党员大会、支委会、党小组会、党课、主题党日、谈心谈话等）中按期召开的期数占比"
            "（LIFE-01至LIFE-09，按本局设置）",
            "dashboard",
        ),
        Indicator(
            "dues_on_time",
            "党费按月按时交纳率",
            "已过月份的应交党费（人·月）中，在所属月份内（含提前）交纳且未被冲正的占比（FEE-11：党费按月交纳）",
            "dues",
        ),
        Indicator(
            "development_plan",
            "发展党员计划完成率",
            "本年支部大会讨论通过并经上级党委审批的新党员人数与年度发展计划人数之比（最高100%）；未制定计划计0",
            "dashboard",
        ),
        Indicator(
            "appraisal_done",
            "民主评议党员完成情况",
            "本年民主评议党员已完成评定（审核及以后环节）得满分，否则不得分（EVAL-01）",
            "dashboard",
        ),
        Indicator(
            "study_hours",
            "党员学时达标率",
            "在册党员中本年学习学时达到要求（党员32学时、支部班子成员56学时）的人数占比（EDU-01、EDU-02）",
            "dashboard",
        ),
        Indicator("disclosure_done", "党务公开开展情况", "本年至少发布一项党务公开得满分，否则不得分", "dashboard"),
        Indicator(
            "rectification_closed",
            "整改按期完成率",
            "本年到期（或已销号）的整改事项中按期完成并销号的占比；没有到期事项得满分",
            "rectification",
        ),
    ]
}
CHOICES = [(code, i.label_zh) for code, i in REGISTRY.items()]


def points_for(weight, ratio) -> Decimal:
    if ratio is None:
        return ZERO
    ratio = min(max(Decimal(ratio), ZERO), ONE)
    return (Decimal(weight) * ratio).quantize(TENTH, rounding=ROUND_HALF_UP)


def _ratio(num, den) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num) / Decimal(den)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _pct(ratio) -> str:
    return "—" if ratio is None else f"{(ratio * 100).quantize(TENTH, rounding=ROUND_HALF_UP).normalize():f}%"


def _from_dashboard(code: str, row: dict, year: int, available: dict) -> Result:
    links = row["links"]
    if code == "meetings_held":
        if not available.get("meetings"):
            return Result(None, "组织生活模块尚无数据")
        held, missing = row["meet_held"], row["meet_missing"]
        due = held + missing
        ratio = _ratio(held, due) if due else ONE
        return Result(ratio, f"应开 {due} 期，已开 {held} 期" + ("" if due else "（尚无到期要求）"), links["meet"])
    if code == "development_plan":
        plan, actual = row["dev_plan"], row["dev_actual"]
        if plan is None:
            return Result(ZERO, f"未制定{year}年发展党员计划；实际发展 {actual} 人", links["dev"])
        ratio = ONE if plan == 0 else min(ONE, _ratio(actual, plan))
        return Result(ratio, f"计划发展 {plan} 人，实际发展 {actual} 人", links["dev"])
    if code == "appraisal_done":
        done = row["appraisal_done"] == "已完成"
        return Result(ONE if done else ZERO, f"{year}年民主评议党员：{row['appraisal_done']}", links["appraisal"])
    if code == "study_hours":
        if not available.get("study"):
            return Result(None, "学习教育模块尚无数据")
        members, short = row["members"], row["study_short"]
        if not members:
            return Result(None, "无在册党员", links["study"])
        return Result(
            _ratio(members - short, members), f"在册党员 {members} 人，学时达标 {members - short} 人", links["study"]
        )
    if code == "disclosure_done":
        n = row["disclosures"]
        if n is None:
            return Result(None, "党务公开模块尚无数据")
        return Result(ONE if n else ZERO, f"{year}年已发布党务公开 {n} 项", links["disclosure"])
    raise KeyError(code)


def dues_on_time(sub, year: int, today: datetime.date) -> dict:
    """{org_id: (charged, on_time)} member-months of the year's elapsed months (dues' facts)."""
    if not installed("dues"):
        return {}
    from dangjian.dues.facts import on_time_by_org

    return on_time_by_org(sub, year, today)


def _fold(per_org: dict, owner: dict, size: int) -> dict:
    out: dict = {}
    for org_id, values in per_org.items():
        b = owner.get(org_id)
        if b is None:
            continue
        acc = out.setdefault(b, [0] * size)
        for i, v in enumerate(values):
            acc[i] += v
    return out


def rectification_counts(sub, year: int, today: datetime.date) -> dict | None:
    if not installed("rectification"):
        return None
    from dangjian.rectification.facts import counts_by_org

    return {org_id: (r["due"], r["closed_on_time"]) for org_id, r in counts_by_org(sub, year, today).items()}


def compute(root: Org, year: int, today: datetime.date | None = None, codes=None) -> dict:
    """{branch_id: {code: Result}} for every active branch in root's subtree (root itself if a branch)."""
    today = today or clock.today()
    codes = [c for c in (codes if codes is not None else REGISTRY) if c in REGISTRY]
    sources = {REGISTRY[c].source for c in codes}
    branches, owner = branch_map(root)
    out = {b["id"]: {} for b in branches}
    if not codes or not branches:
        return out
    sub = subtree_ids(root)
    if "dashboard" in sources:
        data = branch_grid(root, year, today)
        for row in data["rows"]:
            for c in codes:
                if REGISTRY[c].source == "dashboard":
                    out[row["id"]][c] = _from_dashboard(c, row, year, data["available"])
    codes_by_id = {b["id"]: b["code"] for b in branches}
    if "dues" in sources:
        folded = _fold(dues_on_time(sub, year, today), owner, 2)
        for bid in out:
            n, k = folded.get(bid, (0, 0))
            link = url("dues:ledger", codes_by_id[bid])
            if n:
                out[bid]["dues_on_time"] = Result(_ratio(k, n), f"应交 {n} 人·月，按月按时交纳 {k} 人·月", link)
            else:
                out[bid]["dues_on_time"] = Result(None, "本年尚无已到期的应交党费记录", link)
    if "rectification" in sources:
        counts = rectification_counts(sub, year, today)
        folded = _fold(counts, owner, 2) if counts is not None else {}
        for bid in out:
            if counts is None:
                out[bid]["rectification_closed"] = Result(None, "整改台账模块尚无数据")
                continue
            due, ok = folded.get(bid, (0, 0))
            link = url("rectification:ledger", codes_by_id[bid], query=f"year={year}")
            out[bid]["rectification_closed"] = (
                Result(_ratio(ok, due), f"到期整改事项 {due} 项，按期完成销号 {ok} 项", link)
                if due
                else Result(ONE, f"{year}年无到期整改事项", link)
            )
    return out


def describe(result: Result) -> str:
    return f"{result.evidence}（{_pct(result.ratio)}）"

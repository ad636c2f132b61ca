"""The year's numbers for one org's subtree, read through each app's facts module (``<app>/facts.py``) and
wrapped as ``Fact(value, label, source_url)`` so the draft page can link every number to its records.

A module that is not installed yields ``None`` for its part; the drafting then says nothing about it (and
lists the gap among the 检查提示), never a made-up number.
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from dangjian.lib import clock
from dangjian.members.facts import year_end
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import branches_of, subtree_ids  # noqa: F401  (branches_of: re-exported)


@dataclass
class Fact:
    value: object
    label: str
    source_url: str = ""

    def __str__(self):
        return fmt(self.value)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["value"] = fmt(self.value)
        return d


def fmt(value) -> str:
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01"))
        return f"{value:.2f}".rstrip("0").rstrip(".") if value == value.to_integral() else f"{value:.2f}"
    return str(value)


def url(name: str, *args, query: str = "") -> str:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def installed(label: str) -> bool:
    return apps.is_installed(f"dangjian.{label}")


def optional(module: str):
    """Import a module of an app that may not exist yet; None when it does not."""
    try:
        return import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


# ---------------------------------------------------------------- members
EDU_TITLE = {
    "postgraduate": "研究生",
    "bachelor": "本科",
    "college_or_below": "大专及以下",
    "senior_full": "正高",
    "senior_deputy": "副高",
    "intermediate": "中级",
    "junior": "初级",
    "none": "未定级",
}


def members_part(org: Org, year: int) -> dict:
    from dangjian.members.facts import composition

    got = composition(org, year)
    on, stats = got["on"], got["stats"]
    src = url("stats:composition", org.code)
    roster = url("members:roster", org.code)
    cat = stats["by_category"]
    return {
        "on": on,
        "stats": stats,
        "total": Fact(stats["total"], "党员总数", roster),
        "full": Fact(stats["full_member"], "正式党员", roster),
        "probationary": Fact(stats["probationary_member"], "预备党员", roster),
        "employed": Fact(stats["employed"], "在职党员", src),
        "retired": Fact(cat.get("retired", 0), "离退休党员", src),
        "others": Fact(stats["members"] - stats["employed"], "离退休等其他党员", src),
        "education": [
            Fact(n, f"在职党员中{EDU_TITLE[k]}", src)
            for k, n in stats["employed_by_education"].items()
            if n and k in EDU_TITLE
        ],
        "titles": [
            Fact(n, f"在职党员中{EDU_TITLE[k]}", src)
            for k, n in stats["employed_by_title"].items()
            if n and k in EDU_TITLE
        ],
        "mobile": Fact(stats["flags"]["mobile"], "流动党员", src),
        "lost": Fact(stats["flags"]["lost_contact"], "失联党员", src),
        "in_development": Fact(stats["in_development"], "发展中人员", src),
    }


# ---------------------------------------------------------------- meetings
def meetings_part(org: Org, year: int) -> dict | None:
    if not installed("meetings"):
        return None
    from dangjian.meetings.facts import year_facts

    f = year_facts(org, year)
    labels = f["labels"]
    for m in f["meetings"]:
        m["url"] = url("meetings:detail", m["id"])
    by_kind = [
        (kind, Fact(n, f"{labels[kind]}次数", url("meetings:org", org.code, query=f"year={year}&kind={kind}")))
        for kind, n in f["counts"].items()
    ]
    src = url("meetings:org", org.code, query=f"year={year}")
    return {
        "total": Fact(sum(f["counts"].values()), "组织生活会议总数", src),
        "by_kind": by_kind,
        "counts": f["counts"],
        "meetings": f["meetings"],
        "without_minutes": Fact(f["without_minutes"], "未记录会议内容的会议", src),
        "lecture_count": Fact(
            f["counts"].get("party_lecture", 0),
            "党课次数",
            url("meetings:org", org.code, query=f"year={year}&kind=party_lecture"),
        ),
    }


def meeting_gaps(org: Org, year: int, today: datetime.date) -> list[dict] | None:
    """Required meetings not held in the year's ended periods, per branch (LIFE-01…09), with the calendar link."""
    if not installed("meetings"):
        return None
    from dangjian.meetings.facts import gaps

    return [{**g, "url": url("meetings:calendar", g["branch"].code, year)} for g in gaps(org, year, today)]


def next_year_calendar(org: Org, year: int) -> list[tuple] | None:
    """(kind, label, period in Chinese, minimum per period, Fact of the year's total) per requirement."""
    if not installed("meetings"):
        return None
    from dangjian.meetings.facts import requirements

    return [
        (
            r["kind"],
            r["label"],
            r["period_zh"],
            r["need"],
            Fact(
                r["per_year"],
                f"{year + 1}年{r['label']}应召开次数",
                url("meetings:calendar", r["branch_code"], year + 1),
            ),
        )
        for r in requirements(org)
    ]


# ---------------------------------------------------------------- development
DEV_STEPS = [
    ("approval", "发展预备党员"),
    ("conversion_approval", "转正预备党员"),
    ("activist_selected", "确定入党积极分子"),
    ("candidate_selected", "确定发展对象"),
]


def development_part(org: Org, year: int) -> dict | None:
    """STAT-01 counts (recruitment/facts.py) as Facts, the admitted names and the plan."""
    if not installed("recruitment"):
        return None
    from dangjian.recruitment.facts import year_facts

    f = year_facts(subtree_ids(org), year)
    board = url("recruitment:board", org.code)
    out = {
        code: Fact(
            f["counts"][code],
            f"{year}年{label}人数",
            url("recruitment:roster", org.code, kind, query=f"year={year}") if kind else board,
        )
        for (code, label), kind in zip(DEV_STEPS, ["probationary_member", None, "activist", "candidate"])
    }
    out["admitted_names"] = f["admitted"][:10]
    out["plan"] = (
        Fact(f["plan"], f"{year}年计划发展人数", url("recruitment:plan", org.code)) if f["plan"] is not None else None
    )
    return out


# ---------------------------------------------------------------- dues
def dues_part(org: Org, year: int) -> dict | None:
    if not installed("dues"):
        return None
    from dangjian.dues.facts import year_facts

    f = year_facts(org, subtree_ids(org), year)
    ledger = url("dues:ledger", org.code)
    out = {**f, "recorded": f["recorded"]}
    if f["recorded"]:
        out["total"] = Fact(f["total"], f"{year}年实缴党费（元）", ledger)
        out["payers"] = Fact(f["payers"], f"{year}年交纳党费人数", url("dues:payments", org.code))
    out["reconciled"] = Fact(f["reconciliations"], f"{year}年账款核对次数", ledger)
    return out


# ---------------------------------------------------------------- study
def study_part(org: Org, year: int) -> dict | None:
    """学时 of the subtree's members (learning/facts.py)."""
    if not installed("learning"):
        return None
    from dangjian.learning.facts import year_facts

    f = year_facts(org, subtree_ids(org), year)
    src = url("learning:hours", org.code, year)
    if not f["members"]:
        return {"members": Fact(0, "统计学时的党员人数", src)}
    return {
        "members": Fact(f["members"], "统计学时的党员人数", src),
        "total": Fact(f["total"], f"{year}年学时合计", src),
        "average": Fact(f"{(f['total'] / f['members']).quantize(Decimal('0.1'))}", "人均学时", src),
        "short": Fact(f["short"], "未达到学时要求人数", src),
    }


# ---------------------------------------------------------------- appraisal
def appraisal_part(org: Org, year: int) -> dict | None:
    if not installed("appraisal"):
        return None
    from dangjian.appraisal.facts import year_facts

    f = year_facts(org, year)
    src = url("appraisal:results", org.code, year)
    return {
        "total": Fact(f["total"], f"{year}年参加民主评议党员人数", src),
        "grades": [(label, Fact(n, f"评定为{label}的人数", src)) for label, n in f["grades"]],
    }


# ---------------------------------------------------------------- disclosure
def disclosure_part(org: Org, year: int) -> dict | None:
    if not installed("disclosure"):
        return None
    from dangjian.disclosure.facts import year_facts

    f = year_facts(org, year)
    src = url("disclosure:org", org.code)
    return {
        "count": Fact(f["count"], f"{year}年党务公开事项", src),
        "by_topic": [(label, Fact(n, f"{year}年公开{label}事项", src)) for label, n in f["by_topic"]],
    }


def relations_part(org: Org, year: int) -> dict | None:
    """组织关系集中排查 as of 12-31 of the year (or today)."""
    if not installed("relations"):
        return None
    from dangjian.relations.facts import survey_facts

    c = survey_facts(org, min(datetime.date(year, 12, 31), clock.today()))
    src = url("relations:survey", org.code)
    names = {
        "employed": "在职党员",
        "retired": "离退休党员",
        "other": "其他党员",
        "mobile": "流动党员",
        "lost_contact": "失联党员",
        "pocket": "“口袋”党员",
    }
    out = {k: Fact(c[k], label, src) for k, label in names.items()}
    out["pocket_judged"] = c["pocket_judged"]
    return out


__all__ = ["Fact", "fmt", "url", "installed", "optional", "branches_of", "year_end", "DEV_STEPS"]

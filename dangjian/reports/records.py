"""The year's numbers for one org's subtree, read from each module's own tables (never copied).

Every number is a ``Fact(value, label, source_url)``. A module that is not installed (or has no table
yet) yields ``None`` for its part, and the drafting says so plainly instead of inventing a number.
"""
import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from dangjian.orgs.models import BRANCH_KINDS, Org
from dangjian.orgs.selectors import subtree_ids
from dangjian.lib import clock


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


def branches_of(org: Org) -> list[Org]:
    if org.kind in BRANCH_KINDS:
        return [org]
    return list(Org.objects.filter(path__startswith=org.path, kind__in=BRANCH_KINDS, is_active=True).order_by("path"))


# ---------------------------------------------------------------- members
def members_part(org: Org, year: int) -> dict:
    from dangjian.members.stats import composition, composition_sentence

    from .asof import year_end

    on = year_end(year)
    stats = composition(org, on=on)
    src = url("stats:composition", org.code)
    roster = url("members:roster", org.code)
    cat = stats["by_category"]
    labels = {"postgraduate": "研究生", "bachelor": "本科", "college_or_below": "大专及以下", "senior_full": "正高",
              "senior_deputy": "副高", "intermediate": "中级", "junior": "初级", "none": "未定级"}
    sentence_facts = [Fact(stats["employed"], "在职党员", src)] + [
        Fact(n, f"在职党员中{labels[k]}", src)
        for dim in ("employed_by_education", "employed_by_title") for k, n in stats[dim].items() if n and k in labels]
    if stats["members"] - stats["employed"]:
        sentence_facts.append(Fact(stats["members"] - stats["employed"], "离退休等其他党员", src))
    return {
        "on": on, "sentence_facts": sentence_facts,
        "stats": stats,
        "sentence": composition_sentence(stats),
        "total": Fact(stats["total"], "党员总数", roster),
        "full": Fact(stats["full_member"], "正式党员", roster),
        "probationary": Fact(stats["probationary_member"], "预备党员", roster),
        "employed": Fact(stats["employed"], "在职党员", src),
        "retired": Fact(cat.get("retired", 0), "离退休党员", src),
        "mobile": Fact(stats["flags"]["mobile"], "流动党员", src),
        "lost": Fact(stats["flags"]["lost_contact"], "失联党员", src),
        "in_development": Fact(stats["in_development"], "发展中人员", src),
    }


# ---------------------------------------------------------------- meetings
def meetings_part(org: Org, year: int) -> dict | None:
    if not installed("meetings"):
        return None
    from dangjian.meetings.models import KIND_SHORT, Kind
    from dangjian.meetings.selectors import meetings_counted_in

    qs = meetings_counted_in(subtree_ids(org), year)  # by the year each meeting is held for
    counts = dict(qs.order_by().values_list("kind").annotate(n=Count("id")))
    by_kind = []
    for kind in Kind.values:
        if counts.get(kind):
            by_kind.append((kind, Fact(counts[kind], f"{Kind(kind).label}次数",
                                       url("meetings:org", org.code, query=f"year={year}&kind={kind}"))))
    lectures = [
        {"date": m.held_on, "topic": m.topic, "lecturer": m.lecturer_display, "url": url("meetings:detail", m.pk)}
        for m in qs.filter(kind=Kind.PARTY_LECTURE).select_related("lecturer").order_by("starts_at")[:12]
    ]
    activities = [
        {"date": m.held_on, "topic": m.topic, "kind": KIND_SHORT[m.kind], "url": url("meetings:detail", m.pk)}
        for m in qs.filter(kind__in=[Kind.THEME_DAY, Kind.STUDY_SESSION, Kind.TRAINING]).order_by("starts_at")[:8]
    ]
    return {"total": Fact(sum(counts.values()), "组织生活会议总数", url("meetings:org", org.code, query=f"year={year}")),
            "by_kind": by_kind, "lectures": lectures, "activities": activities,
            "lecture_count": Fact(counts.get(Kind.PARTY_LECTURE, 0), "党课次数",
                                  url("meetings:org", org.code, query=f"year={year}&kind=party_lecture"))}


def meeting_gaps(org: Org, year: int, today: datetime.date) -> list[dict] | None:
    """Required meetings not held in the year's ended periods, per branch (LIFE-01…09).

    A bounded number of queries for any subtree (as in meetings.grid): month counts, committee sizes and
    group counts for the whole subtree at once."""
    if not installed("meetings"):
        return None
    from dangjian.meetings import compliance
    from dangjian.meetings.models import Kind

    branches = branches_of(org)
    ids = [b.id for b in branches]
    settings = compliance.settings_for(org.bureau_id or org.id)
    counts = compliance.month_counts(ids, year)
    sizes, groups = compliance.committee_sizes(ids), compliance.group_counts(ids)
    states = compliance.period_states(year, today)
    out, cache = [], {}
    for branch in branches:
        n_groups = groups.get(branch.id, 0)
        key = (sizes.get(branch.id, 0) >= compliance.COMMITTEE_MIN_SIZE, n_groups > 0)
        if key not in cache:
            cache[key] = compliance.requirements_for(settings, has_committee=key[0], has_groups=key[1])
        result = compliance.evaluate(counts.get((branch.id, year), {}), cache[key], states, n_groups)
        for req in cache[key]:
            missed = [i for i in range(1, compliance.PER_YEAR[req.period] + 1) if result[(req.kind, i)][2] == "missing"]
            if not missed:
                continue
            out.append({"branch": branch, "kind": req.kind, "label": Kind(req.kind).label, "period": req.period,
                        "missed": missed, "rule_id": req.rule_id, "need": req.min_count,
                        "url": url("meetings:calendar", branch.code, year)})
    return out


def next_year_calendar(org: Org, year: int) -> list[tuple] | None:
    """(kind, label, period in Chinese, minimum per period, Fact of the year's total) per requirement."""
    if not installed("meetings"):
        return None
    from dangjian.meetings import compliance
    from dangjian.meetings.models import Kind

    branch = branches_of(org)[0] if branches_of(org) else org
    reqs, n_groups = compliance.branch_requirements(branch)
    out = []
    for req in reqs:
        per_year = compliance.PER_YEAR[req.period] * req.min_count
        out.append((req.kind, Kind(req.kind).label, compliance.PERIOD_ZH[req.period], req.min_count,
                    Fact(per_year, f"{year + 1}年{Kind(req.kind).label}应召开次数",
                         url("meetings:calendar", branch.code, year + 1))))
    return out


# ---------------------------------------------------------------- development
DEV_STEPS = [("approval", "发展预备党员"), ("conversion_approval", "转正预备党员"),
             ("activist_selected", "确定入党积极分子"), ("candidate_selected", "确定发展对象")]


def development_part(org: Org, year: int) -> dict | None:
    """STAT-01: 发展党员 and 转正 count by the upper-level approval date (or, for people recorded on the roster
    only, by their 入党/转正 date: see asof.py); 积极分子 / 发展对象 by their step date."""
    if not installed("recruitment"):
        return None
    from dangjian.recruitment.models import DevelopmentPlan
    from dangjian.recruitment.selectors import live_steps

    from . import asof

    sub = subtree_ids(org)
    steps = live_steps().filter(case__org_id__in=sub, date__year=year,
                                code__in=["activist_selected", "candidate_selected"])
    counts = dict(steps.order_by().values_list("code").annotate(n=Count("case__person", distinct=True)))
    for code in asof.ROSTER_DATE:
        counts[code] = asof.event_counts(sub, year, code)
    board = url("recruitment:board", org.code)
    out = {code: Fact(counts.get(code, 0), f"{year}年{label}人数",
                      url("recruitment:roster", org.code, kind, query=f"year={year}") if kind else board)
           for (code, label), kind in zip(DEV_STEPS, ["probationary_member", None, "activist", "candidate"])}
    names = [name for _, name, _ in asof.event_people(sub, year, "approval")]
    out["admitted_names"] = list(dict.fromkeys(names))[:10]
    plan = DevelopmentPlan.objects.filter(org_id__in=sub, year=year).order_by()
    planned = sum(plan.values_list("planned_count", flat=True)) if plan.exists() else None
    out["plan"] = Fact(planned, f"{year}年计划发展人数", url("recruitment:plan", org.code)) if planned is not None else None
    return out


# ---------------------------------------------------------------- dues
def dues_part(org: Org, year: int) -> dict | None:
    if not installed("dues"):
        return None
    from dangjian.dues.models import DuesCharge, DuesPayment
    from dangjian.dues.selectors import annual_total

    sub = subtree_ids(org)
    has_any = (DuesPayment.objects.filter(org_id__in=sub, paid_on__year=year).exists()
               or DuesCharge.objects.filter(org_id__in=sub, month__year=year).exists())
    if not has_any:
        return {"recorded": False}
    return {"recorded": True, "total": Fact(annual_total(org, year), f"{year}年实缴党费（元）", url("dues:ledger", org.code)),
            "payers": Fact(DuesPayment.objects.filter(org_id__in=sub, paid_on__year=year).values("person").distinct()
                           .count(), f"{year}年交纳党费人数", url("dues:payments", org.code))}


# ---------------------------------------------------------------- study
def study_part(org: Org, year: int) -> dict | None:
    """学时 of the subtree's members in SQL: attended meetings' hours + study records, and who falls short."""
    if not installed("learning") or optional("dangjian.learning.models") is None:
        return None
    from django.db.models import Sum

    from dangjian.learning.models import StudyRecord
    from dangjian.meetings.models import Attendance, AttendanceStatus
    from .asof import members_on, year_end
    from .study import short_counts

    sub = subtree_ids(org)
    spans = members_on(sub, year_end(year))  # the year's 党员: those on the roll at its end
    people = spans.values("person_id")
    members = spans.count()
    src = url("learning:hours", org.code, year)
    if not members:
        return {"members": Fact(0, "统计学时的党员人数", src)}
    meet = (Attendance.objects.filter(person_id__in=people, status=AttendanceStatus.PRESENT, meeting__voided=False,
                                      meeting__year=year).aggregate(h=Sum("meeting__study_hours"))["h"] or Decimal(0))
    rec = StudyRecord.objects.filter(person_id__in=people, year=year, voided=False).aggregate(h=Sum("hours"))["h"] \
        or Decimal(0)
    total = Decimal(meet) + Decimal(rec)
    return {"members": Fact(members, "统计学时的党员人数", src),
            "total": Fact(total, f"{year}年学时合计", src),
            "average": Fact(f"{(total / members).quantize(Decimal('0.1'))}", "人均学时", src),  # 68.1, not money's 68.10
            "short": Fact(sum(short_counts(org, sub, year).values()), "未达到学时要求人数", src)}


# ---------------------------------------------------------------- appraisal
def appraisal_part(org: Org, year: int) -> dict | None:
    mod = optional("dangjian.appraisal.selectors")
    if mod is None or not installed("appraisal"):
        return None
    from dangjian.appraisal.models import Grade

    counts = mod.grade_counts(org, year)
    src = url("appraisal:results", org.code, year)
    return {"total": Fact(counts["total"], f"{year}年参加民主评议党员人数", src),
            "grades": [(g.label, Fact(counts.get(g.value, 0), f"评定为{g.label}的人数", src)) for g in Grade]}


# ---------------------------------------------------------------- disclosure
def disclosure_part(org: Org, year: int) -> dict | None:
    """Items published (实施, PUB-02) in the year by the subtree, by topic."""
    if not installed("disclosure"):
        return None
    from dangjian.disclosure.models import TOPIC_CHOICES, DisclosureStep, Status

    rows = (DisclosureStep.objects.filter(item__org_id__in=subtree_ids(org), status=Status.PUBLISHED, on__year=year)
            .order_by().values_list("item__topic").annotate(n=Count("item", distinct=True)))
    labels = dict(TOPIC_CHOICES)
    src = url("disclosure:org", org.code)
    by_topic = [(labels.get(t, t), Fact(n, f"{year}年公开{labels.get(t, t)}事项", src)) for t, n in rows]
    return {"count": Fact(sum(f.value for _, f in by_topic), f"{year}年党务公开事项", src), "by_topic": by_topic}


def relations_part(org: Org, year: int) -> dict | None:
    """组织关系集中排查 (relations app) as of 12-31 of the year (or today)."""
    if not installed("relations"):
        return None
    from dangjian.relations.selectors import relations_survey

    on = min(datetime.date(year, 12, 31), clock.today())
    survey = relations_survey(org, on)
    c = survey["counts"]
    src = url("relations:survey", org.code)
    names = {"employed": "在职党员", "retired": "离退休党员", "other": "其他党员", "mobile": "流动党员",
             "lost_contact": "失联党员", "pocket": "“口袋”党员"}
    out = {k: Fact(c[k], label, src) for k, label in names.items()}
    if survey.get("pocket_note") and not c["pocket"]:
        out["pocket"] = None  # no records to judge by: say nothing rather than "无“口袋”党员"
    return out


# ---------------------------------------------------------------- org findings
def org_problems(org: Org, today: datetime.date) -> list:
    from dangjian.orgs.findings import org_findings

    out = []
    for branch in branches_of(org)[:50]:
        for f in org_findings(branch, today):
            if f.level in ("error", "warning"):
                out.append((branch, f))
    return out

"""The compliance calendar (LIFE-01…09): required / held / missing per org and period.

Requirements come from the rule engine (``dangjian.rules.org_life.required_meetings``) under the
bureau's local settings; LIFE-09 (谈心谈话, yearly) is added here because the engine checks it per
person rather than listing it. Counting is one GROUP BY (org, kind, month) over the year's meetings;
the status of each period is then a dictionary lookup, so a whole subtree costs a bounded number of
queries (see ``grid.py``).
"""

import datetime

from django.db import connections
from django.db.models import Count

from dangjian.orgs.models import CommitteeMember, Org, OrgKind
from dangjian.rules.findings import make
from dangjian.rules.org_life import Requirement, org_life_review_findings, required_meetings

# Period arithmetic and names live in the pure rule engine; grid, to-dos and reports import them from here too.
from dangjian.rules.periods import PER_YEAR, period_bounds, period_index, period_months, period_name  # noqa: F401
from dangjian.rules.settings import LocalSettings

from .models import KIND_SHORT, Kind, Meeting

PERIOD_ZH = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年"}
# Warn this many days before a period ends when its required meeting is not held yet.
WARN_DAYS = {"month": 14, "quarter": 14, "half": 14, "year": 31}
COMMITTEE_MIN_SIZE = 3  # BR-03: a 支部委员会 has 3–5 members; fewer means a secretary only, no 支委会.
STATUS_ZH = {
    "met": "已开",
    "missing": "未开（已逾期）",
    "due_soon": "未开（即将到期）",
    "open": "未开",
    "future": "未到期",
    "na": "不适用",
}
CSS = {
    "met": "table-success",
    "missing": "table-danger",
    "due_soon": "table-warning",
    "open": "",
    "future": "table-light",
}


def settings_for(bureau_id) -> LocalSettings:
    """The bureau's LocalSettings (rulebook.BureauSetting overrides)."""
    from dangjian.rulebook.selectors import settings_for_bureau

    return settings_for_bureau(bureau_id)


def requirements_for(settings: LocalSettings, *, has_committee: bool, has_groups: bool) -> list[Requirement]:
    reqs = list(required_meetings(settings, has_committee=has_committee, has_groups=has_groups))
    reqs.append(Requirement("heart_to_heart_talk", "year", 1, "LIFE-09"))
    return reqs


def period_states(year: int, today: datetime.date) -> dict:
    """(period, index) → (state, first, last); state is ended | due_soon | open | future. Same for every org."""
    out = {}
    for period, count in PER_YEAR.items():
        for index in range(1, count + 1):
            first, last = period_bounds(year, period, index)
            if last < today:
                state = "ended"
            elif first > today:
                state = "future"
            elif (last - today).days <= WARN_DAYS[period]:
                state = "due_soon"
            else:
                state = "open"
            out[(period, index)] = (state, first, last)
    return out


def evaluate(counts: dict, reqs: list[Requirement], states: dict, n_groups: int = 0) -> dict:
    """(kind, index) → (held, needed, status) for every period of every requirement.

    ``counts``: (kind, month) → (meetings, distinct groups). A 党小组会 period is met when every
    group of the branch met (LIFE-03); others when the count reaches the minimum.
    """
    out = {}
    get = counts.get
    for req in reqs:
        kind, period = req.kind, req.period
        group = kind == Kind.GROUP_MEETING
        need = max(n_groups, 1) if group else req.min_count
        slot = 1 if group else 0
        for index, months in enumerate(_MONTHS_OF[period], start=1):
            held = 0
            for m in months:
                c = get((kind, m))
                if c:
                    held += c[slot]
            out[(kind, index)] = (held, need, "met" if held >= need else _UNMET[states[(period, index)][0]])
    return out


_MONTHS_OF = {p: [tuple(period_months(p, i)) for i in range(1, n + 1)] for p, n in PER_YEAR.items()}
_UNMET = {"ended": "missing", "due_soon": "due_soon", "open": "open", "future": "future"}


def committee_sizes(org_ids) -> dict:
    return dict(
        CommitteeMember.objects.filter(term__ended_on__isnull=True, term__org_id__in=org_ids)
        .order_by()
        .values_list("term__org_id")
        .annotate(n=Count("id"))
    )


def group_counts(org_ids) -> dict:
    return dict(
        Org.objects.filter(kind=OrgKind.GROUP, is_active=True, parent_id__in=org_ids)
        .order_by()
        .values_list("parent_id")
        .annotate(n=Count("id"))
    )


def month_counts(org_ids, years, kinds=None) -> dict:
    """(org_id, year) → {(kind, month): (meetings, distinct groups)} — ONE GROUP BY query.

    A meeting counts for its ``for_year``: a 组织生活会 held on 2026-02-26 for 2025 is in 2025's counts (under
    December, the last month of the year it is for) and not in 2026's."""
    qs = Meeting.objects.filter(org_id__in=org_ids, voided=False)
    qs = qs.filter(for_year=years) if isinstance(years, int) else qs.filter(for_year__in=list(years))
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    rows = (
        qs.order_by()
        .values_list("org_id", "for_year", "year", "kind", "month")
        .annotate(n=Count("id"), g=Count("group_id", distinct=True))
    )
    # The ORM builds the SQL; the rows are read straight from the cursor, which skips per-row
    # converters — this query returns ~70k rows for a city's year, and that saving is most of the grid's time.
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    out: dict = {}
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        for org_id, for_year, year, kind, month, n, g in cursor.fetchall():
            day = out.get((org_id, for_year))
            if day is None:
                day = out[(org_id, for_year)] = {}
            if year != for_year:  # held the next year for this one (yearly kinds): shown under December
                month = 12
            old = day.get((kind, month))
            day[(kind, month)] = (old[0] + n, old[1] + g) if old else (n, g)
    return out


def late_held(org_ids, year: int) -> dict:
    """(org_id, kind) → the dates of the meetings held after ``year`` that count for it (yearly kinds)."""
    out: dict = {}
    for org_id, kind, held_on in (
        Meeting.objects.filter(org_id__in=org_ids, voided=False, for_year=year)
        .exclude(year=year)
        .order_by("held_on")
        .values_list("org_id", "kind", "held_on")
    ):
        out.setdefault((org_id, kind), []).append(held_on)
    return out


def branch_requirements(org: Org, settings: LocalSettings | None = None) -> tuple[list[Requirement], int]:
    settings = settings or settings_for(org.bureau_id or org.id)
    n_groups = group_counts([org.id]).get(org.id, 0)
    has_committee = committee_sizes([org.id]).get(org.id, 0) >= COMMITTEE_MIN_SIZE
    return requirements_for(settings, has_committee=has_committee, has_groups=n_groups > 0), n_groups


def calendar(org: Org, year: int, today: datetime.date) -> dict:
    """The months × kinds grid of one branch, with its findings."""
    settings = settings_for(org.bureau_id or org.id)
    reqs, n_groups = branch_requirements(org, settings)
    counts = month_counts([org.id], year).get((org.id, year), {})
    late = late_held([org.id], year)
    states = period_states(year, today)
    result = evaluate(counts, reqs, states, n_groups)
    req_kinds = [r.kind for r in reqs]
    extra = sorted({k for k, _ in counts} - set(req_kinds), key=lambda k: Kind.values.index(k))
    columns = [
        {
            "kind": r.kind,
            "label": KIND_SHORT[r.kind],
            "rule_id": r.rule_id,
            "need": f"{PERIOD_ZH[r.period]}{'各党小组' if r.kind == Kind.GROUP_MEETING else ''}{r.min_count}次",
            "req": r,
        }
        for r in reqs
    ]
    columns += [{"kind": k, "label": KIND_SHORT[k], "rule_id": "", "need": "不作频次要求", "req": None} for k in extra]
    months = []
    for m in range(1, 13):
        cells = []
        for col in columns:
            c = counts.get((col["kind"], m), (0, 0))
            if col["req"] is None:
                cells.append({"count": c[0], "status": "na", "css": "", "title": f"{m}月{col['label']}{c[0]}次"})
                continue
            req = col["req"]
            index = period_index(req.period, m)
            held, need, status = result[(req.kind, index)]
            title = f"{period_name(year, req.period, index)}{col['label']}：{STATUS_ZH[status]}（{held}/{need}）"
            if m == 12 and late.get((org.id, req.kind)):
                title += "，含次年" + "、".join(d.isoformat() for d in late[(org.id, req.kind)]) + "召开的本年度会议"
            cells.append(
                {
                    "count": c[1] if req.kind == Kind.GROUP_MEETING else c[0],
                    "status": status,
                    "css": CSS[status],
                    "title": title,
                }
            )
        months.append({"month": m, "cells": cells})
    totals = [sum(counts.get((col["kind"], m), (0, 0))[0] for m in range(1, 13)) for col in columns]
    return {
        "columns": columns,
        "months": months,
        "totals": totals,
        "n_groups": n_groups,
        "findings": findings(org, year, reqs, result, states, today),
        "settings": settings,
    }


def findings(org, year, reqs, result, states, today) -> list:
    """Warnings for missed periods, and reminders for periods about to end without the meeting."""
    out = []
    for req in reqs:
        label = KIND_SHORT[req.kind]
        if req.kind == Kind.ORG_LIFE_REVIEW:
            first = (
                Meeting.objects.filter(org=org, kind=req.kind, voided=False, for_year=year)
                .order_by("held_on")
                .values_list("held_on", flat=True)
                .first()
            )
            out += org_life_review_findings(year, first, today, subject=org.name)
            if first is None and states[("year", 1)][0] == "due_soon":
                out.append(
                    make(
                        "LIFE-07",
                        "warning",
                        f"{year}年度组织生活会尚未召开，请在年底前召开",
                        due_date=states[("year", 1)][2],
                        subject=org.name,
                    )
                )
            continue
        who = "各党小组" if req.kind == Kind.GROUP_MEETING else ""
        missed = []
        for index in range(1, PER_YEAR[req.period] + 1):
            held, need, status = result[(req.kind, index)]
            last = states[(req.period, index)][2]
            if status == "missing":
                missed.append((index, held, last))
            elif status == "due_soon":
                left = (last - today).days
                out.append(
                    make(
                        req.rule_id,
                        "warning",
                        f"{period_name(year, req.period, index)}{who}{label}尚未召开（还剩{left}天），"
                        f"一般{PERIOD_ZH[req.period]}不少于{need}次",
                        due_date=last,
                        subject=org.name,
                    )
                )
        if missed:
            names = "、".join(_short_period(req.period, i) for i, _, _ in missed)
            need = result[(req.kind, missed[0][0])][1]
            out.append(
                make(
                    req.rule_id,
                    "warning",
                    f"{year}年{who}{label}未达要求：{names}（一般{PERIOD_ZH[req.period]}不少于{need}次）",
                    due_date=missed[-1][2],
                    subject=org.name,
                )
            )
    return out


def _short_period(period: str, index: int) -> str:
    return {
        "month": f"{index}月",
        "quarter": f"第{index}季度",
        "half": "上半年" if index == 1 else "下半年",
        "year": "全年",
    }[period]

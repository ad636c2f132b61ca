"""To-dos of organisational life for the to-do centre (see the to-do contract).

For every branch the user manages: the current period's required meeting not yet held when the period
ends within the warning window (LIFE-01…09), the most recent period that ended without it, 静默支部
(no meeting for 30 days), and members flagged under 党章第九条 (CON-06). All from GROUP BY queries.
"""

import datetime

from django.db.models import Max
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import BRANCH_KINDS, Org

from .compliance import (
    _MONTHS_OF,
    _UNMET,
    COMMITTEE_MIN_SIZE,
    KIND_SHORT,
    PER_YEAR,
    PERIOD_ZH,
    committee_sizes,
    group_counts,
    month_counts,
    period_index,
    period_name,
    period_states,
    requirements_for,
    settings_for,
)
from .grid import QUIET_DAYS
from .models import Kind, Meeting
from .participation import lapsed_people


def _item(due, title, rule_id, url, org_id, level):
    return {"due_date": due, "title_zh": title, "rule_id": rule_id, "url": url, "org_id": org_id, "level": level}


def _status(get, req, index: int, state: str, n_groups: int) -> tuple:
    """compliance.evaluate's (held, need, status) for one period of one requirement: the to-dos read only
    the current and the previous period, and evaluating every period of both years for each of a city's
    2,500 branches was most of the page's time."""
    group = req.kind == Kind.GROUP_MEETING
    need = max(n_groups, 1) if group else req.min_count
    slot = 1 if group else 0
    held = 0
    for m in _MONTHS_OF[req.period][index - 1]:
        c = get((req.kind, m))
        if c:
            held += c[slot]
    return held, need, "met" if held >= need else _UNMET[state]


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    branches = list(
        Org.objects.filter(id__in=managed, kind__in=BRANCH_KINDS, is_active=True).values_list(
            "id", "code", "name", "bureau_id"
        )
    )
    if not branches:
        return []
    years = (today.year - 1, today.year)
    sizes, groups = committee_sizes(managed), group_counts(managed)
    states = {y: period_states(y, today) for y in years}
    settings_cache: dict = {}
    reqs_of = {}
    for org_id, _code, _name, bureau_id in branches:
        if bureau_id not in settings_cache:
            settings_cache[bureau_id] = settings_for(bureau_id or org_id)
        reqs_of[org_id] = requirements_for(
            settings_cache[bureau_id],
            has_committee=sizes.get(org_id, 0) >= COMMITTEE_MIN_SIZE,
            has_groups=groups.get(org_id, 0) > 0,
        )
    # Last year matters only for requirements now in their first period (its last period just ended): in
    # November that is the yearly ones alone, so last year's query stays small (a city has 70k month rows a year).
    last_year_kinds = {r.kind for reqs in reqs_of.values() for r in reqs if period_index(r.period, today.month) == 1}
    counts = month_counts(managed, today.year)
    if last_year_kinds:
        counts.update(month_counts(managed, today.year - 1, kinds=last_year_kinds))
    cal_pattern = reverse("meetings:calendar", args=["CODE", 2000])

    def cal_url(code, year):  # reverse() once, not 20,000 times
        return cal_pattern.replace("CODE", code, 1).replace("2000", str(year), 1)

    out = []
    for org_id, code, name, _bureau in branches:
        n_groups = groups.get(org_id, 0)
        reqs = reqs_of[org_id]
        gets = {y: counts.get((org_id, y), {}).get for y in years}
        for req in reqs:
            label = KIND_SHORT[req.kind]
            current = period_index(req.period, today.month)
            state = states[today.year][(req.period, current)][0]
            held, need, status = _status(gets[today.year], req, current, state, n_groups)
            if status == "due_soon":
                last = states[today.year][(req.period, current)][2]
                out.append(
                    _item(
                        last,
                        f"{name}：{period_name(today.year, req.period, current)}{label}尚未召开"
                        f"（{PERIOD_ZH[req.period]}不少于{need}次）",
                        req.rule_id,
                        cal_url(code, today.year),
                        org_id,
                        "warning",
                    )
                )
            year, index = (today.year, current - 1) if current > 1 else (today.year - 1, PER_YEAR[req.period])
            held, need, status = _status(gets[year], req, index, states[year][(req.period, index)][0], n_groups)
            if status == "missing":
                last = states[year][(req.period, index)][2]
                out.append(
                    _item(
                        last,
                        f"{name}：{period_name(year, req.period, index)}{label}未召开（{held}/{need}次）",
                        req.rule_id,
                        cal_url(code, year),
                        org_id,
                        "warning",
                    )
                )
    last_held = dict(
        Meeting.objects.filter(org_id__in=managed, voided=False)
        .order_by()
        .values_list("org_id")
        .annotate(last=Max("held_on"))
    )
    for org_id, code, name, _bureau in branches:
        last = last_held.get(org_id)
        if last is None or (today - last).days > QUIET_DAYS:
            since = f"自{last.isoformat()}以来已{(today - last).days}天" if last else "尚无"
            out.append(
                _item(
                    today,
                    f"{name}：{since}组织生活记录（静默支部）",
                    "LIFE-06",
                    cal_url(code, today.year),
                    org_id,
                    "warning",
                )
            )
    part_url = reverse("meetings:participation", args=["CODE", today.year])
    rows = lapsed_people(managed, today).values_list("name", "org_id", "org__name", "org__code", "last_seen")
    for name, org_id, org_name, code, last_seen in rows:
        seen = f"，最近一次为{last_seen.isoformat()}" if last_seen else ""
        out.append(
            _item(
                today,
                f"{org_name} {name}：已连续六个月未参加党的组织生活{seen}，"
                "请支部核实情况（党章第九条，系统不会自动处理）",
                "CON-06",
                part_url.replace("CODE", code, 1),
                org_id,
                "error",
            )
        )
    out.sort(key=lambda i: (i["due_date"], i["org_id"]))
    return out

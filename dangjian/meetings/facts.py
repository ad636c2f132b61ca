"""组织生活 facts for an org's subtree and a year (by Meeting.for_year) — the meetings side of the reports seam.

Plain numbers, dates and names: the meetings held per kind, each meeting's day, kind and topic, how many lack
minutes, and per branch the required meetings missed in the year's ended periods (LIFE-01…09).
"""

import datetime

from django.db.models import Count, Q

from dangjian.orgs.selectors import branches_of, subtree_ids

from . import compliance
from .models import KIND_SHORT, Kind
from .selectors import meetings_counted_in


def year_facts(org, year: int) -> dict:
    """{"counts": {kind: n}, "meetings": [{date, kind, topic, lecturer, has_minutes, id}] in date order,
    "without_minutes": n}."""
    qs = meetings_counted_in(subtree_ids(org), year)
    counts = dict(qs.order_by().values_list("kind").annotate(n=Count("id")))
    rows = [
        {
            "id": m.pk,
            "org_id": m.org_id,
            "date": m.held_on,
            "kind": m.kind,
            "kind_short": KIND_SHORT[m.kind],
            "topic": m.topic,
            "lecturer": m.lecturer_display,
            "has_minutes": bool(m.minutes.strip()),
        }
        for m in qs.select_related("lecturer")
        .order_by("starts_at", "id")
        .only("id", "org_id", "held_on", "kind", "topic", "lecturer__name", "lecturer_name", "minutes")
    ]
    return {
        "counts": {k: counts[k] for k in Kind.values if counts.get(k)},
        "labels": dict(Kind.choices),
        "meetings": rows,
        "without_minutes": sum(1 for r in rows if not r["has_minutes"]),
    }


def topic_count(org, year: int, words: tuple[str, ...]) -> list[dict]:
    """The year's meetings whose topic names one of `words` (e.g. 廉政), date order."""
    q = Q()
    for w in words:
        q |= Q(topic__contains=w)
    return [
        {"date": d, "kind": k, "topic": t}
        for d, k, t in meetings_counted_in(subtree_ids(org), year)
        .filter(q)
        .order_by("starts_at")
        .values_list("held_on", "kind", "topic")
    ]


def gaps(org, year: int, today: datetime.date) -> list[dict]:
    """Required meetings not held in the year's ended periods, per branch: {branch, kind, label, period,
    missed (period numbers), rule_id, need}. A bounded number of queries for any subtree."""
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
            if missed:
                out.append(
                    {
                        "branch": branch,
                        "kind": req.kind,
                        "label": Kind(req.kind).label,
                        "period": req.period,
                        "missed": missed,
                        "periods": compliance.PER_YEAR[req.period],
                        "rule_id": req.rule_id,
                        "need": req.min_count,
                    }
                )
    return out


def requirements(org) -> list[dict]:
    """What a branch of the org must hold in a year: {kind, label, period_zh, need, per_year}."""
    branches = branches_of(org)
    branch = branches[0] if branches else org
    reqs, _ = compliance.branch_requirements(branch)
    return [
        {
            "kind": r.kind,
            "label": Kind(r.kind).label,
            "period_zh": compliance.PERIOD_ZH[r.period],
            "need": r.min_count,
            "per_year": compliance.PER_YEAR[r.period] * r.min_count,
            "branch_code": branch.code,
        }
        for r in reqs
    ]


def first_day(org) -> datetime.date | None:
    """The day of the subtree's earliest meeting on record."""
    from django.db.models import Min

    from .models import Meeting

    return Meeting.objects.filter(org_id__in=subtree_ids(org), voided=False).aggregate(d=Min("held_on"))["d"]


def held_missing(root, sub, year: int, today: datetime.date, branch_ids) -> dict[int, tuple[int, int]]:
    """{branch id: (periods met, periods missing)} of the year's required meetings so far, by the compliance
    machinery, for many branches at once (one GROUP BY for the month counts; requirements cached by shape)."""
    settings = compliance.settings_for(root.bureau_id or root.id)
    counts = compliance.month_counts(sub, year)
    sizes, groups = compliance.committee_sizes(sub), compliance.group_counts(sub)
    states = compliance.period_states(year, today)
    cache, out = {}, {}
    for bid in branch_ids:
        n_groups = groups.get(bid, 0)
        key = (sizes.get(bid, 0) >= compliance.COMMITTEE_MIN_SIZE, n_groups > 0)
        if key not in cache:
            cache[key] = compliance.requirements_for(settings, has_committee=key[0], has_groups=key[1])
        result = compliance.evaluate(counts.get((bid, year), {}), cache[key], states, n_groups)
        out[bid] = (
            sum(1 for v in result.values() if v[2] == "met"),
            sum(1 for v in result.values() if v[2] == "missing"),
        )
    return out


def meeting_rows(org, year: int, limit: int) -> list[tuple]:
    """(date ISO, org name, kind, topic, lecturer or host, study hours) of the meetings counted in the year."""
    qs = (
        meetings_counted_in(subtree_ids(org), year)  # by the year each meeting is held for
        .select_related("org", "lecturer")
        .order_by("starts_at")
    )
    return [
        (m.held_on.isoformat(), m.org.name, m.get_kind_display(), m.topic, m.lecturer_display, m.study_hours)
        for m in qs[:limit]
    ]

"""The start page: what a user should do next, per role.

Everything here reuses the modules' own readers (the to-do centre, the compliance calendar, the dues
ledger, the study-hours table, the member's dues); nothing is stored. A branch secretary's page looks at
her branch only; a bureau officer's shows counts over its subtree (two COUNTs) and the to-do centre's
lines, which already fold many orgs into one; nothing city-wide is computed for a branch.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from dangjian.accounts.models import MANAGING_ROLES, Role, RoleAssignment
from dangjian.orgs.models import BRANCH_KINDS, Org, subtree_q

from .todos import todos_for

SOON_DAYS = 7
FIRST = 5
MAX_BRANCHES = 20  # a 党总支 secretary sees each of her branches; beyond this, the grid page does it


def todo_summary(user, today: datetime.date) -> dict:
    """The to-do centre's own items (same function, same user): counts and the first lines."""
    items = todos_for(user, today)
    soon = today + datetime.timedelta(days=SOON_DAYS)
    return {
        "total": len(items),
        "overdue": sum(1 for i in items if i["overdue"]),
        "soon": sum(1 for i in items if not i["overdue"] and i.get("due_date") and i["due_date"] <= soon),
        "first": items[:FIRST],
        "soon_days": SOON_DAYS,
        "failed_notice": items.failed_notice,
    }


def _branches(org: Org) -> list[Org]:
    if org.kind in BRANCH_KINDS:
        return [org]
    return list(
        Org.objects.filter(subtree_q(org.path), kind__in=BRANCH_KINDS, is_active=True).order_by("sort_order", "path")[
            :MAX_BRANCHES
        ]
    )


def meeting_progress(org: Org, year: int, today: datetime.date) -> list[dict]:
    """Per branch: each required kind's periods met / periods in the year, and the missed ones so far.
    The same counting as the compliance calendar (compliance.evaluate), for these branches only."""
    from dangjian.meetings import compliance
    from dangjian.meetings.models import KIND_SHORT

    branches = _branches(org)
    ids = [b.id for b in branches]
    if not ids:
        return []
    settings = compliance.settings_for(org.bureau_id or org.id)
    counts = compliance.month_counts(ids, year)
    sizes, groups = compliance.committee_sizes(ids), compliance.group_counts(ids)
    states = compliance.period_states(year, today)
    rows = []
    for b in branches:
        n_groups = groups.get(b.id, 0)
        reqs = compliance.requirements_for(
            settings, has_committee=sizes.get(b.id, 0) >= compliance.COMMITTEE_MIN_SIZE, has_groups=n_groups > 0
        )
        result = compliance.evaluate(counts.get((b.id, year), {}), reqs, states, n_groups)
        kinds = []
        for req in reqs:
            periods = [result[(req.kind, i)][2] for i in range(1, compliance.PER_YEAR[req.period] + 1)]
            kinds.append(
                {
                    "label": KIND_SHORT[req.kind],
                    "period": compliance.PERIOD_ZH[req.period],
                    "met": periods.count("met"),
                    "total": len(periods),
                    "missing": periods.count("missing"),
                }
            )
        rows.append(
            {
                "org": b,
                "kinds": kinds,
                "met": sum(k["met"] for k in kinds),
                "total": sum(k["total"] for k in kinds),
                "missing": sum(k["missing"] for k in kinds),
                "url": reverse("meetings:calendar", args=[b.code, year]),
            }
        )
    return rows


def study_progress(org: Org, year: int) -> dict:
    from dangjian.learning.selectors import hours_table

    rows = hours_table(org, year)
    total = sum((r["total"] for r in rows), Decimal("0"))
    return {
        "members": len(rows),
        "reached": sum(1 for r in rows if r["short"] <= 0),
        "average": (total / len(rows)).quantize(Decimal("0.1")) if rows else Decimal("0.0"),
        "url": reverse("learning:hours", args=[org.code, year]),
    }


def dues_progress(org: Org, year: int) -> dict:
    from dangjian.dues.selectors.ledger import annual_total

    return {"paid": annual_total(org, year), "url": reverse("dues:ledger", args=[org.code])}


def branch_panel(org: Org, role: str, today: datetime.date) -> dict:
    year = today.year
    return {
        "kind": "branch",
        "org": org,
        "role": dict(Role.choices).get(role, ""),
        "year": year,
        "meetings": meeting_progress(org, year, today),
        "dues": dues_progress(org, year),
        "study": study_progress(org, year),
        "actions": [
            ("登记会议", reverse("meetings:create", args=[org.code])),
            ("登记交费", reverse("dues:pay", args=[org.code])),
            ("花名册", reverse("members:roster", args=[org.code])),
            ("发展党员", reverse("recruitment:board", args=[org.code])),
        ],
    }


def bureau_panel(org: Org, role: str, today: datetime.date) -> dict:
    from dangjian.members.models import MEMBER_STATUSES, Person

    year = today.year
    sub = Org.objects.filter(subtree_q(org.path))
    return {
        "kind": "bureau",
        "org": org,
        "role": dict(Role.choices).get(role, "系统管理员"),
        "year": year,
        "branches": sub.filter(kind__in=BRANCH_KINDS, is_active=True).count(),
        "members": Person.objects.filter(org_id__in=sub.values("id"), on_roll=True, status__in=MEMBER_STATUSES).count(),
        "meetings": meeting_progress(org, year, today),  # the first MAX_BRANCHES branches; the dashboard has all
        "actions": [
            ("工作看板", reverse("reports:dashboard", args=[org.code, year])),
            ("党内统计", reverse("reports:statistics", args=[org.code, year])),
            ("待办", reverse("todos")),
            ("考核", reverse("assessment:home")),
        ],
    }


def panels(user, tops, today: datetime.date) -> list[dict]:
    """One panel per top org the user manages: a bureau's view for 上级党组织工作人员 (and the system
    administrator's roots), a branch's for 支部书记 / 支部委员. An org held only as a 党员 gets none."""
    held: dict[int, str] = {}
    for org_id, role in RoleAssignment.objects.filter(user=user, role__in=MANAGING_ROLES).values_list("org_id", "role"):
        if org_id not in held or MANAGING_ROLES.index(role) < MANAGING_ROLES.index(held[org_id]):
            held[org_id] = role
    out = []
    for org in tops:
        role = held.get(org.id)
        if role is None and not user.is_superuser:
            continue
        if role in (Role.SECRETARY, Role.OFFICER) or (role is None and org.kind in BRANCH_KINDS):
            out.append(branch_panel(org, role or "", today))
        else:
            out.append(bureau_panel(org, role or "", today))
    return out


def member_summary(person, today: datetime.date) -> dict:
    """A member's own: dues owed, unread notices, this year's study hours — each with its page."""
    from dangjian.appraisal.settings import org_settings
    from dangjian.dues.selectors.member import member_dues
    from dangjian.learning import selectors as learning
    from dangjian.plans.selectors import my_receipts
    from dangjian.rules.learning import required_hours

    dues = member_dues(person, today)
    ids = [person.id]
    hours = learning.meeting_hours(ids, today.year).get(person.id, Decimal("0")) + learning.record_hours(
        ids, today.year
    ).get(person.id, Decimal("0"))
    role = "cadre" if person.id in learning.cadre_ids([person.org_id]) else "member"
    last = next((p for p in dues["payments"] if p.reverses_id is None), None)
    return {
        "owed_months": len(dues["owed"]),
        "owed_total": dues["owed_total"],
        "last_paid_on": last.paid_on if last else None,
        "unread": my_receipts(person).filter(read_at__isnull=True).count(),
        "hours": Decimal(hours).quantize(Decimal("0.1")),
        "required": required_hours(role, org_settings(person.org)),
        "year": today.year,
        "links": {"dues": reverse("dues:me"), "notices": reverse("plans:me"), "study": reverse("learning:me")},
    }

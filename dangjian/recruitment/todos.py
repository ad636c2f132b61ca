"""To-do items of 发展党员 (see the to-do contract): due or overdue dates computed from the records.

Each kind is one SQL query over open cases in the user's managed orgs, filtered in SQL to
the rows whose deadline falls within HORIZON_DAYS from today (or has passed); only those rows
are turned into items.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, Max, OuterRef, Subquery

from dangjian.rules import recruitment as dev
from dangjian.rules.periods import add_months

from .models import DevelopmentCase, Stage
from .selectors import cases_visible, live_steps, with_dates

HORIZON_DAYS = 30
CASE_URL = "/recruitment/cases/{}/"  # = reverse("recruitment:case"), without a reverse() per item
PERSON_URL = "/people/{}/"  # = reverse("members:detail")


def _has(code):
    return Exists(live_steps().filter(case=OuterRef("pk"), code=code))


def _item(case, due, title, rule_id, today, *, hard=False) -> dict:
    overdue = today > due
    return {
        "due_date": due,
        "title_zh": f"{case.person.name}：{title}",
        "rule_id": rule_id,
        "url": CASE_URL.format(case.pk),
        "org_id": case.org_id,
        "level": ("error" if hard else "warning") if overdue else "info",
    }


def _probationary_without_case(user, today: datetime.date, horizon: datetime.date) -> list[dict]:
    """DEV-19 for 预备党员 on the roster whose probation no case above tracks (entered by form or import,
    or a case without its 支部大会/审批 steps): the 预备期 ends one year after the 入党时间 (the 支部党员大会
    date). Gone once the person is a 正式党员 or a conversion is recorded in a case."""
    from dangjian.accounts.scope import visible_org_ids
    from dangjian.members.models import Person, Status

    def step(code):
        return live_steps().filter(case__person=OuterRef("pk"), code=code)

    tracked = Exists(step("branch_meeting").filter(case__closed=False, case__stage=Stage.PROBATIONARY)) & Exists(
        step("approval").filter(case__closed=False, case__stage=Stage.PROBATIONARY)
    )
    decided = Exists(step("conversion_meeting").exclude(data__outcome="extend"))
    latest_case = DevelopmentCase.objects.filter(person=OuterRef("pk")).order_by("closed", "-id").values("pk")[:1]
    due = Person.objects.filter(
        org_id__in=visible_org_ids(user, manage=True),
        on_roll=True,
        status=Status.PROBATIONARY,
        join_date__lte=add_months(horizon, -12),
    )
    if not due.exists():  # most branches: one cheap query instead of compiling the subqueries below
        return []
    qs = (
        due.exclude(tracked)
        .exclude(decided)
        .annotate(case_id=Subquery(latest_case))
        .order_by("join_date", "id")
        .values("id", "name", "org_id", "join_date", "case_id")
    )
    out = []
    for p in qs:
        end = dev.probation_end(p["join_date"])
        out.append(
            {
                "due_date": end,
                "title_zh": f"{p['name']}：预备期满，及时讨论转正",
                "rule_id": "DEV-19",
                "url": CASE_URL.format(p["case_id"]) if p["case_id"] else PERSON_URL.format(p["id"]),
                "org_id": p["org_id"],
                "level": "warning" if today > end else "info",
            }
        )
    return out


def todos_for(user, today: datetime.date) -> list[dict]:
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)

    def before(months):  # start dates whose +months deadline is on or before the horizon
        return add_months(horizon, -months)

    base = cases_visible(user).filter(closed=False).select_related("person")
    if not base.exists():  # no open case: one cheap query; building the case queries costs 20 ms of ORM work
        return sorted(_probationary_without_case(user, today, horizon), key=lambda i: (i["due_date"], i["title_zh"]))
    out: list[dict] = []
    # DEV-03: the talk within one month of the application.
    qs = with_dates(base, ("application",)).filter(transferred_in=False).annotate(t=_has("application_talk"))
    for c in qs.filter(t=False, d_application__lte=before(1)):
        out.append(
            _item(c, dev.talk_deadline(c.d_application), "派人谈话（收到入党申请书后一个月内）", "DEV-03", today)
        )
    # DEV-06: half-yearly review of activists (from the activist date or the last review).
    last = (
        live_steps()
        .filter(case=OuterRef("pk"), code__in=("activist_selected", "activist_review"))
        .values("case")
        .annotate(m=Max("date"))
        .values("m")[:1]
    )
    qs = base.filter(stage="activist").annotate(last=Subquery(last), listed=_has("candidate_selected"))
    for c in qs.filter(listed=False, last__lte=before(6)):
        out.append(_item(c, dev.review_due(c.last), "入党积极分子半年考察", "DEV-06", today))
    # DEV-13 (2026): branch meeting within one month of 预审.
    qs = with_dates(base, ("pre_review",)).annotate(m=_has("branch_meeting"))
    for c in qs.filter(m=False, d_pre_review__gte=dev.REVISION_2026, d_pre_review__lte=before(1)):
        out.append(
            _item(c, dev.branch_meeting_deadline(c.d_pre_review), "预审合格后一个月内召开支部党员大会", "DEV-13", today)
        )
    # DEV-17: approval within 3 months (at most 6) of the branch meeting.
    qs = with_dates(base, ("branch_meeting",)).filter(transferred_in=False).annotate(a=_has("approval"))
    for c in qs.filter(a=False, d_branch_meeting__lte=before(3)):
        normal, hard = dev.approval_deadlines(c.d_branch_meeting)
        if today > normal:
            out.append(_item(c, hard, "上级党委审批（特殊情况最长六个月）", "DEV-17", today, hard=True))
        else:
            out.append(_item(c, normal, "上级党委审批（三个月内）", "DEV-17", today))
    # DEV-18: the oath generally within one month of approval.
    qs = with_dates(base, ("approval",)).filter(transferred_in=False).annotate(o=_has("oath"))
    for c in qs.filter(o=False, d_approval__lte=before(1)):
        out.append(_item(c, dev.oath_deadline(c.d_approval), "组织入党宣誓（批准后一个月内）", "DEV-18", today))
    # DEV-19/20/22: probation ending → discuss conversion (extensions move the end).
    qs = with_dates(base, ("branch_meeting", "approval")).filter(stage="probationary_member", d_approval__isnull=False)
    qs = qs.annotate(
        decided=Exists(
            live_steps().filter(case=OuterRef("pk"), code="conversion_meeting").exclude(data__outcome="extend")
        )
    )
    rows = list(qs.filter(decided=False, d_branch_meeting__lte=add_months(horizon, -12)))
    extended: dict[int, int] = {}
    for case_id, data in (
        live_steps()
        .filter(case__in=[c.pk for c in rows], code="conversion_meeting", data__outcome="extend")
        .values_list("case_id", "data")
    ):
        extended[case_id] = extended.get(case_id, 0) + int((data or {}).get("extension_months") or 0)
    for c in rows:
        months = extended.get(c.pk, 0)
        end = dev.probation_end(c.d_branch_meeting, months)
        if end > horizon:
            continue
        if c.transferred_in:
            out.append(
                _item(
                    c,
                    dev.transferred_discussion_deadline(end),
                    "转入预备党员讨论转正（最迟预备期满后六个月）",
                    "DEV-22",
                    today,
                )
            )
        else:
            out.append(_item(c, end, "预备期满，及时讨论转正", "DEV-20" if months else "DEV-19", today))
    out += _probationary_without_case(user, today, horizon)
    # DEV-21: conversion approval within 3 months of the branch resolution.
    last_conv = live_steps().filter(case=OuterRef("pk"), code="conversion_meeting").order_by("-date").values("date")[:1]
    qs = base.annotate(conv=Subquery(last_conv)).filter(conv__isnull=False, conv__lte=before(3))
    qs = qs.annotate(
        approved=Exists(
            live_steps().filter(case=OuterRef("pk"), code="conversion_approval", date__gte=OuterRef("conv"))
        )
    )
    for c in qs.filter(approved=False):
        out.append(_item(c, dev.conversion_approval_deadline(c.conv), "上级党委审批转正（三个月内）", "DEV-21", today))
    return sorted(out, key=lambda i: (i["due_date"], i["title_zh"]))

"""To-dos of the plans app (see the to-do contract): tasks to answer, answers to review, overdue plan items,
open rectification items from visits, and leaders short of the yearly visit count. All from SQL filters.
Rule ids are local to this app (PLAN-*), not from regulations.md."""

import datetime

from django.apps import apps
from django.db.models import Q
from django.urls import reverse

from dangjian.accounts.models import MANAGING_ROLES
from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import Org

from .models import PlanItem, PlanItemStatus, RecipientStatus, TaskRecipient, VisitProblem
from .selectors import visit_counts, visits_minimum

WINDOW = datetime.timedelta(days=14)


def _item(due, title, rule_id, url, org_id, level):
    return {"due_date": due, "title_zh": title, "rule_id": rule_id, "url": url, "org_id": org_id, "level": level}


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    horizon = today + WINDOW
    out = []
    open_ = (RecipientStatus.PENDING, RecipientStatus.RETURNED)
    for r in (
        TaskRecipient.objects.filter(org_id__in=managed, status__in=open_, task__kind="task")
        .exclude(task__org_id__in=managed)
        .filter(Q(task__deadline__lte=horizon) | Q(task__deadline__isnull=True))
        .select_related("task", "org")[:500]
    ):
        due = r.task.deadline
        late = bool(due and due < today)
        out.append(
            _item(
                due,
                f"{r.org.name}：报送“{r.task.title}”" + ("（已退回，请重新报送）" if r.status == "returned" else ""),
                "PLAN-TASK",
                reverse("plans:inbox_detail", args=[r.pk]),
                r.org_id,
                "error" if late else "warning",
            )
        )
    for r in TaskRecipient.objects.filter(task__org_id__in=managed, status=RecipientStatus.ANSWERED).select_related(
        "task", "org"
    )[:500]:
        out.append(
            _item(
                r.answered_at.date() if r.answered_at else today,
                f"审核{r.org.name}报送的“{r.task.title}”",
                "PLAN-REVIEW",
                reverse("plans:task_detail", args=[r.task_id]),
                r.task.org_id,
                "info",
            )
        )
    items = (
        PlanItem.objects.filter(status__in=(PlanItemStatus.TODO, PlanItemStatus.DOING), due_date__lte=horizon)
        .filter(Q(plan__org_id__in=managed) | Q(owner__user=user))
        .select_related("plan", "plan__org")[:500]
    )
    for it in items:
        out.append(
            _item(
                it.due_date,
                f"{it.plan.org.name}工作计划：{it.goal}",
                "PLAN-ITEM",
                reverse("plans:plan_detail", args=[it.plan_id]),
                it.plan.org_id,
                "error" if it.due_date < today else "warning",
            )
        )
    problems = VisitProblem.objects.filter(visit__org_id__in=managed, resolved_on__isnull=True, due_date__lte=horizon)
    if apps.is_installed("dangjian.rectification"):  # raised into the 整改台账: its own to-do follows it there
        from dangjian.rectification.models import LIVE, Rectification

        raised = Rectification.objects.filter(source="visit", status__in=LIVE).values_list("source_ref", flat=True)
        problems = problems.exclude(pk__in=[int(r.split(":")[1]) for r in raised if r.startswith("visit:")])
    for p in problems.select_related("visit", "visit__org")[:500]:
        out.append(
            _item(
                p.due_date,
                f"{p.visit.org.name}调研发现问题整改：{p.text[:40]}",
                "PLAN-VISIT-FIX",
                reverse("plans:visits"),
                p.visit.org_id,
                "error" if p.due_date < today else "warning",
            )
        )
    # Leaders short of the yearly visit count, shown from November on, for orgs where the user is a leader.
    if today.month >= 11:
        year_end = datetime.date(today.year, 12, 31)
        for org in Org.objects.filter(
            role_assignments__user=user, role_assignments__role__in=MANAGING_ROLES, children__isnull=False
        ).distinct():
            for row in visit_counts(org, today.year):
                if row["short"]:
                    out.append(
                        _item(
                            year_end,
                            f"{row['name']}本年到下级调研指导{row['visits']}次，少于{visits_minimum(org)}次",
                            "PLAN-VISITS",
                            reverse("plans:visits"),
                            org.id,
                            "warning",
                        )
                    )
    return out

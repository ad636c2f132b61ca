"""To-dos of the appraisal for the to-do centre (see the to-do contract), all from aggregate queries:

- LIFE-08: from 1 November, a branch with no appraisal cycle this year (due 31 December);
- EVAL-01: a 基本合格 without an improvement plan, an 不合格 without any follow-up (due graded + configured months);
- MGMT-06 / EVAL-01: open improvement plans and 限期改正 whose deadline is within 30 days or passed.
"""

import datetime

from django.db.models import Count
from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import BRANCH_KINDS, Org
from dangjian.rules.periods import add_months

from .models import AppraisalCycle, CycleStage, Evaluation, FollowUp, FollowUpStatus
from .settings import org_settings

SOON_DAYS = 30


def _item(due, title, rule_id, url, org_id, level):
    return {"due_date": due, "title_zh": title, "rule_id": rule_id, "url": url, "org_id": org_id, "level": level}


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    out = []
    if today.month >= 11:
        year_end = datetime.date(today.year, 12, 31)
        missing = (
            Org.objects.filter(id__in=managed, kind__in=BRANCH_KINDS, is_active=True)
            .exclude(appraisal_cycles__year=today.year)
            .values_list("id", "code", "name")[:500]
        )
        for org_id, code, name in missing:
            out.append(
                _item(
                    year_end,
                    f"{name}：{today.year}年度民主评议党员尚未开展（一般每年1次）",
                    "LIFE-08",
                    reverse("appraisal:open", args=[code]),
                    org_id,
                    "info",
                )
            )
    # Graded 基本合格 / 不合格 with no follow-up record, once the result has been told.
    rows = (
        Evaluation.objects.filter(
            cycle__org_id__in=managed,
            grade__in=["basically_qualified", "unqualified"],
            cycle__stage__in=[CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED],
        )
        .annotate(n=Count("followups"))
        .filter(n=0)
        .values_list(
            "id", "grade", "graded_on", "person__name", "cycle__org_id", "cycle__org__name", "cycle__org__bureau_id"
        )
    )
    cache: dict = {}
    for ev_id, grade, graded_on, name, org_id, org_name, bureau_id in rows:
        if bureau_id not in cache:
            cache[bureau_id] = org_settings(Org(id=org_id, bureau_id=bureau_id or org_id))
        due = add_months(graded_on or today, cache[bureau_id].unqualified_followup_months)
        if grade == "unqualified":
            title, level = (
                f"{org_name} {name}：评为不合格，须按规定作出组织处置（限期改正、劝退或除名）",
                "error" if due < today else "warning",
            )
        else:
            title, level = f"{org_name} {name}：评为基本合格，须制定改进措施", "warning"
        out.append(_item(due, title, "EVAL-01", reverse("appraisal:evaluation", args=[ev_id]), org_id, level))
    soon = today + datetime.timedelta(days=SOON_DAYS)
    items = FollowUp.objects.filter(
        evaluation__cycle__org_id__in=managed, status=FollowUpStatus.OPEN, deadline__isnull=False, deadline__lte=soon
    ).values_list(
        "evaluation_id",
        "step",
        "deadline",
        "evaluation__person__name",
        "evaluation__cycle__org_id",
        "evaluation__cycle__org__name",
    )
    for ev_id, step, deadline, name, org_id, org_name in items:
        if step == "correction":
            title, rule = (
                f"{org_name} {name}：限期改正至{deadline}，期满应由支部研究是否改正，无转变的按劝退程序办理",
                "MGMT-06",
            )
        else:
            title, rule = f"{org_name} {name}：改进措施期限至{deadline}，请检查落实情况", "EVAL-01"
        out.append(
            _item(
                deadline,
                title,
                rule,
                reverse("appraisal:evaluation", args=[ev_id]),
                org_id,
                "warning" if deadline < today else "info",
            )
        )
    # A cycle still open when the year it belongs to has ended.
    stale = (
        AppraisalCycle.objects.filter(org_id__in=managed, year__lt=today.year)
        .exclude(stage__in=[CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED])
        .values_list("id", "year", "org_id", "org__name")
    )
    for pk, year, org_id, org_name in stale:
        out.append(
            _item(
                datetime.date(year, 12, 31),
                f"{org_name}：{year}年度民主评议尚未完成",
                "LIFE-08",
                reverse("appraisal:cycle", args=[pk]),
                org_id,
                "warning",
            )
        )
    return out

"""To-dos of the assessment app (to-do contract): a branch's self-assessment to fill in, and reviews waiting
for the school or the bureau (one line per rubric and school, not one per branch). Rule ids are local ("")."""

import datetime

from django.db.models import Count
from django.urls import reverse

from .models import AssessmentStage
from .selectors import waiting_for

WINDOW = datetime.timedelta(days=30)


def _item(due, title, url, org_id, today):
    level = "error" if due and due < today else "warning" if due and due <= today + WINDOW else "info"
    return {"due_date": due, "title_zh": title, "rule_id": "", "url": url, "org_id": org_id, "level": level}


def todos_for(user, today: datetime.date) -> list[dict]:
    out = []
    qs = waiting_for(user)
    for a in qs.filter(stage=AssessmentStage.SELF)[:200]:
        title = f"{a.org.name}：{a.rubric.title}——填写支部自评" + (
            f"（已退回：{a.return_reason}）" if a.return_reason else ""
        )
        out.append(_item(a.rubric.self_due, title, reverse("assessment:assessment", args=[a.pk]), a.org_id, today))
    school_rows = (
        qs.filter(stage=AssessmentStage.SCHOOL)
        .order_by()
        .values("rubric_id", "rubric__title", "rubric__school_due", "school_id", "school__name")
        .annotate(n=Count("id"))
    )
    for r in school_rows:
        out.append(
            _item(
                r["rubric__school_due"],
                f"{r['school__name']}：{r['rubric__title']}——{r['n']}个支部待学校审核",
                reverse("assessment:home") + f"?rubric={r['rubric_id']}",
                r["school_id"],
                today,
            )
        )
    bureau_rows = (
        qs.filter(stage=AssessmentStage.BUREAU)
        .order_by()
        .values("rubric_id", "rubric__title", "rubric__bureau_due", "rubric__org_id")
        .annotate(n=Count("id"))
    )
    for r in bureau_rows:
        out.append(
            _item(
                r["rubric__bureau_due"],
                f"{r['rubric__title']}——{r['n']}个支部待局党委考核",
                reverse("assessment:results", args=[r["rubric_id"]]) + "?stage=bureau",
                r["rubric__org_id"],
                today,
            )
        )
    return out

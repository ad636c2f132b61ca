"""考核 and 整改 of the year for one org's subtree, from the assessment and rectification apps' own tables."""
import datetime
from collections import Counter

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

from .records import Fact, installed, url

MAX_NAMED = 5


def assessment_part(org: Org, year: int) -> dict | None:
    """The year's finished assessments of the subtree's branches: for a branch its own total and star; for a
    school or bureau the count per star. None when nothing was assessed (nothing is claimed)."""
    if not installed("assessment"):
        return None
    from dangjian.assessment.models import Assessment, Stage

    qs = (Assessment.objects.filter(org_id__in=subtree_ids(org), rubric__year=year)
          .select_related("rubric__org").order_by("org__path"))
    rows = list(qs.values("id", "org_id", "stage", "total_bureau", "star", "rubric__org__name", "rubric_id",
                          "rubric__thresholds"))
    if not rows:
        return None
    done = [r for r in rows if r["stage"] == Stage.DONE]
    rubric_id = rows[0]["rubric_id"]
    src = url("assessment:results", rubric_id)
    out = {"by": rows[0]["rubric__org__name"], "assessed": Fact(len(rows), f"{year}年参加考核的支部数", src),
           "done": Fact(len(done), "已完成考核的支部数", src)}
    if org.is_branch and done:
        mine = done[0]
        points = f"{mine['total_bureau'].normalize():f}" if mine["total_bureau"] is not None else "—"  # 88.9, not 88.90
        out["own"] = {"total": Fact(points, f"{year}年度考核得分", url("assessment:assessment", mine["id"])),
                      "star": mine["star"]}
    stars = Counter(r["star"] for r in done if r["star"])
    order = [t["name"] for t in sorted(rows[0]["rubric__thresholds"] or [], key=lambda t: -float(t["min"]))]
    ranked = sorted(stars.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    out["stars"] = [(name, Fact(n, f"评为{name}的支部数", src)) for name, n in ranked]
    return out


def rectification_part(org: Org, year: int, today: datetime.date) -> dict | None:
    if not installed("rectification"):
        return None
    from dangjian.rectification.models import LIVE, Rectification, Status
    from dangjian.rectification.selectors import counts_by_org, overdue_q

    sub = subtree_ids(org)
    counts = counts_by_org(sub, year, today)
    total = {k: sum(c[k] for c in counts.values()) for k in ("open", "overdue", "closed")}
    src = url("rectification:ledger", org.code, query=f"year={year}")
    raised = total["open"] + total["closed"]
    overdue = list(Rectification.objects.filter(org_id__in=sub, year=year).filter(overdue_q(today))
                   .exclude(status=Status.CANCELLED).select_related("org").order_by("due_date", "id")[:MAX_NAMED])
    return {"raised": Fact(raised, f"{year}年列入整改的事项", src),
            "closed": Fact(total["closed"], "已整改销号的事项", src),
            "open": Fact(total["open"], "尚未销号的事项", src + "&status=live"),
            "overdue": Fact(total["overdue"], "逾期未完成的整改事项", src + "&overdue=1"),
            "overdue_items": [{"org": r.org.name, "problem": r.problem, "due": r.due_date} for r in overdue],
            "live_statuses": LIVE}

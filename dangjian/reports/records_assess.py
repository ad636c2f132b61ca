"""考核 and 整改 of the year (assessment/facts.py, rectification/facts.py), as Facts."""

import datetime

from dangjian.orgs.models import Org

from .records import Fact, installed, url


def assessment_part(org: Org, year: int) -> dict | None:
    """For a branch its own total and star; for a school or bureau the count per star. None when nothing was
    assessed (nothing is claimed)."""
    if not installed("assessment"):
        return None
    from dangjian.assessment.facts import year_facts

    f = year_facts(org, year)
    if f is None:
        return None
    src = url("assessment:results", f["rubric_id"])
    out = {
        "by": f["by"],
        "assessed": Fact(f["assessed"], f"{year}年参加考核的支部数", src),
        "done": Fact(f["done"], "已完成考核的支部数", src),
        "stars": [(name, Fact(n, f"评为{name}的支部数", src)) for name, n in f["stars"]],
    }
    if f["own"] and f["own"]["total"] is not None:
        out["own"] = {
            "total": Fact(f["own"]["total"], f"{year}年度考核得分", url("assessment:assessment", f["own"]["id"])),
            "star": f["own"]["star"],
        }
    return out


def rectification_part(org: Org, year: int, today: datetime.date) -> dict | None:
    if not installed("rectification"):
        return None
    from dangjian.rectification.facts import year_facts

    f = year_facts(org, year, today)
    src = url("rectification:ledger", org.code, query=f"year={year}")
    return {
        "raised": Fact(f["raised"], f"{year}年列入整改的事项", src),
        "closed": Fact(f["closed"], "已整改销号的事项", src),
        "open": Fact(f["open"], "尚未销号的事项", src + "&status=live"),
        "overdue": Fact(f["overdue"], "逾期未完成的整改事项", src + "&overdue=1"),
        "overdue_items": f["overdue_items"],
    }

"""民主评议党员 facts for an org's subtree and a year — the appraisal side of the reports seam."""
from .models import Grade
from .selectors import grade_counts


def year_facts(org, year: int) -> dict:
    """{"total": members appraised (grades submitted), "grades": [(label, n)] in the grades' order}."""
    counts = grade_counts(org, year)
    return {"total": counts["total"], "grades": [(g.label, counts.get(g.value, 0)) for g in Grade]}

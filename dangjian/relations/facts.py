"""组织关系 facts for an org's subtree as of a day — the relations side of the reports seam."""

import datetime

from .selectors import relations_survey


def survey_facts(org, on: datetime.date) -> dict:
    """Counts of the 集中排查 on day `on`: employed, retired, other, mobile, lost_contact, pocket, and
    ``pocket_judged`` (False when the records of the last months cannot tell who is a “口袋”党员)."""
    survey = relations_survey(org, on)
    c = survey["counts"]
    out = {k: c[k] for k in ("employed", "retired", "other", "mobile", "lost_contact", "pocket")}
    out["pocket_judged"] = not (survey.get("pocket_note") and not c["pocket"])
    return out

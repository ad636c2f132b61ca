"""Draft the annual work summary (工作总结) and the secretary's duty report (述职报告) from the year's facts.

Facts first (``gather``: each app's facts module, wrapped as Facts with their source), then prose
(``summary.py``, ``duty.py``): every sentence comes from a fact or is left out. What the records cannot tell,
rule codes and heuristics go to the 检查提示 (``Draft.hints``) for the secretary, never into the document.

A paragraph is {"style": title|subtitle|h1|h2|h3|body|signature, "text", "facts"}.
"""

import datetime
from dataclasses import dataclass, field

from dangjian.lib import clock
from dangjian.orgs.models import Org

from .. import records as R
from .. import records_assess as RA
from .. import records_orgs
from .. import records_plans as RP


@dataclass
class Draft:
    paragraphs: list[dict]
    hints: list[dict] = field(default_factory=list)  # {"text", "url"}: 检查提示, shown on the draft page only


def gather(org: Org, year: int, today: datetime.date) -> dict:
    return {
        "members": R.members_part(org, year),
        "meetings": R.meetings_part(org, year),
        "gaps": R.meeting_gaps(org, year, today),
        "development": R.development_part(org, year),
        "dues": R.dues_part(org, year),
        "study": R.study_part(org, year),
        "appraisal": R.appraisal_part(org, year),
        "disclosure": R.disclosure_part(org, year),
        "relations": R.relations_part(org, year),
        "org_findings": records_orgs.org_problems(org, today),
        "next_calendar": R.next_year_calendar(org, year),
        "honours": RP.honours_part(org, year),
        "activities": RP.activities_part(org, year),
        "assessment": RA.assessment_part(org, year),
        "rectification": RA.rectification_part(org, year, today),
    }


def draft(org: Org, year: int, kind: str = "summary", today: datetime.date | None = None) -> Draft:
    from . import duty, summary

    today = today or clock.today()
    data = gather(org, year, today)
    return (duty if kind == "duty" else summary).build(org, year, data, today)


def build(org: Org, year: int, kind: str = "summary", today: datetime.date | None = None) -> list[dict]:
    """The document's paragraphs only (the API and the CLI)."""
    return draft(org, year, kind, today).paragraphs

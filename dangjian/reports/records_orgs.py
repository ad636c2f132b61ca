"""The organisation checks (组织设置、班子配备、按期换届) of the branches under an org, for the year's documents."""

import datetime

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import branches_of

# The two branch caps of the year's documents, in one place because they work together:
# - MAX_BRANCHES_CHECKED: how many branches (in tree order) org_problems runs the organisation checks for
#   (组织设置、班子配备、按期换届); each branch costs a few queries, and a bureau's summary only counts them;
# - MAX_NAMED_BRANCHES: how many of the branches with gaps 二、存在的问题 names one by one; above it the text
#   counts branches instead of naming them (reports.problems).
MAX_BRANCHES_CHECKED = 50
MAX_NAMED_BRANCHES = 8


def org_problems(org: Org, today: datetime.date) -> list:
    from dangjian.orgs.findings import org_findings

    out = []
    for branch in branches_of(org)[:MAX_BRANCHES_CHECKED]:
        for f in org_findings(branch, today):
            if f.level in ("error", "warning"):
                out.append((branch, f))
    return out

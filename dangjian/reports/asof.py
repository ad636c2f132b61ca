"""A year's facts as of their date, for every report: re-exported from the apps' facts modules
(members.facts for the roll, recruitment.facts for 发展/转正), so the reports read one seam."""

from dangjian.members.facts import departures, members_on, year_end  # noqa: F401
from dangjian.recruitment.facts import ROSTER_DATE, event_counts, event_counts_by_org, event_people, roster_only_people  # noqa: F401

"""Which years a document can be made for: never a year after the current one, never before the org existed
(its 成立日期 when recorded, else its earliest record). One check for every view, the API and the CLI."""

import datetime

from dangjian.lib import clock
from dangjian.orgs.selectors import subtree_ids

from .records import installed

EARLIEST = 2000  # the API's lower bound for a year (api/types.Year)


class YearRefused(ValueError):
    """A year no document can be true for; str() is the Chinese message for the user."""


def first_year(org) -> int:
    """The first year the org has anything to report: its 成立日期, else its earliest record (roll, meetings,
    dues). A roll imported without dates ("since unknown") means the org is older than its records: 2000."""
    if org.established_on:
        return max(EARLIEST, org.established_on.year)
    from dangjian.members.facts import first_record

    sub = subtree_ids(org)
    day, unknown = first_record(sub)
    if unknown:
        return EARLIEST
    days = [day]
    if installed("meetings"):
        from dangjian.meetings.facts import first_day

        days.append(first_day(org))
    if installed("dues"):
        from dangjian.dues.facts import first_day as first_payment

        days.append(first_payment(sub))
    known = [d for d in days if isinstance(d, datetime.date)]
    return max(EARLIEST, min(known).year) if known else clock.today().year


def check_year(org, year: int) -> None:
    """Raise YearRefused with a plain Chinese reason when no document of `year` can be true for the org."""
    this_year = clock.today().year
    if year > this_year:
        raise YearRefused(f"{year}年还没有到来，不能生成{year}年度的材料（最晚为{this_year}年）。")
    first = first_year(org)
    if year < first:
        why = (
            f"成立于{org.established_on.year}年{org.established_on.month}月"
            if org.established_on
            else f"最早的记录在{first}年"
        )
        raise YearRefused(f"{org.name}{why}，没有{year}年度的记录，不能生成{year}年度的材料。")

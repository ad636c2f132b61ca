"""The demo's calendar. Its fixed dates were written for the story of 2026 as seen on 2026-11-22 (the suite's
day); on any other day they move by whole years into the demo's story year, and the few that describe "recent"
things keep their distance from today. Whatever would still lie after today is left out: every record the
services accept is dated in the past.
"""

import datetime

from dangjian.rules.periods import add_years

BASE_DAY = datetime.date(2026, 11, 22)  # the day the fixed dates below were written for
BASE_YEAR = BASE_DAY.year


def story_year(today: datetime.date) -> int:
    """The year whose work the demo shows in full: this year from April, last year in January–March, when
    this year has barely begun and a secretary is writing last year's summary."""
    return today.year if today.month >= 4 else today.year - 1


class Timeline:
    def __init__(self, today: datetime.date):
        self.today = today
        self.year = story_year(today)

    def on(self, year: int, month: int, day: int) -> datetime.date:
        """A date of the 2026 story, moved by whole years into the story year (29 Feb → 28 Feb)."""
        return add_years(datetime.date(year, month, day), self.year - BASE_YEAR)

    def ago(self, year: int, month: int, day: int) -> datetime.date:
        """The day as far before today as the given day is before 2026-11-22."""
        return self.today - (BASE_DAY - datetime.date(year, month, day))

    def past(self, day: datetime.date) -> bool:
        return day <= self.today

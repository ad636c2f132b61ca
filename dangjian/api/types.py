"""The API's bounded input types, in one place (issue 17): a year, a month, an id or a count that the
database or `datetime.date` cannot take is refused at the edge with a Chinese 422 naming the field, never
carried into a query or a date and answered with a 500.

- `Year`: 2000 … next year (a plan, a cycle or an election can be for next year; nothing is older than the
  system's data, which starts with the 2000s schools' records). One rule for every endpoint: a future year
  simply finds nothing where only past years make sense.
- `Month`: 1–12; `YearMonth`: "YYYY-MM" with such a year and month.
- `PositiveId`: a database id (1 … 2^31-1, the smallest id column any backend has).
- `Count`: a number of people, ballots, seats, pages … (0 … 100,000); `SortOrder`: ±100,000.
"""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

from dangjian.lib import clock
from dangjian.lib.clock import MIN_YEAR

MAX_ID = 2**31 - 1
MAX_COUNT = 100_000


def _not_beyond_next_year(year: int) -> int:
    last = clock.today().year + 1
    if year > last:
        raise ValueError(f"年度应在 {MIN_YEAR} 至 {last} 之间")
    return year


def _year_month(value: str) -> str:
    year, month = int(value[:4]), int(value[5:7])
    if not 1 <= month <= 12:
        raise ValueError("月份应为 01 至 12")
    _not_beyond_next_year(year)
    return value


Year = Annotated[
    int, Field(ge=MIN_YEAR, le=2100, description=f"年度（{MIN_YEAR} 至明年）"), AfterValidator(_not_beyond_next_year)
]
Month = Annotated[int, Field(ge=1, le=12, description="月份（1–12）")]
YEAR_MONTH_RE = r"^(20\d\d)-(0[1-9]|1[0-2])$"
YearMonth = Annotated[
    str, Field(pattern=YEAR_MONTH_RE, description="月份，YYYY-MM（如 2026-03）"), AfterValidator(_year_month)
]
PositiveId = Annotated[int, Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
# A list page number: past the last page is an empty page, past this bound a 422 (the offset must fit the DB).
PageNo = Annotated[int, Field(ge=1, le=MAX_COUNT, description="页码（从1开始）")]
SortOrder = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT, description="排序（小的在前）")]


class StrictIn(Schema):
    """Base of every request body: a field the API does not know is a 422 ("未知字段：ends_at"), not silently
    dropped with a 201 that makes the caller believe it was saved."""

    model_config = ConfigDict(extra="forbid")

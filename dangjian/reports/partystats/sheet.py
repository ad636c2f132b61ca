"""The year-end tables as plain data: a Table (title, columns, rows, and the companion 说明/名单 sheet) and the
Context every table of one org and year is counted in (its rows, and which orgs each row holds)."""

import dataclasses
import datetime
from collections import Counter

from dangjian.orgs.models import Org, OrgKind

from .facts import (
    members_on,
    orgs_under,
    row_orgs,
    year_end,
)

TOTAL = "合计"


@dataclasses.dataclass
class Table:
    sheet: str
    title: str
    columns: list[tuple[str | None, str]]  # (group over the column or None, column label)
    rows: list[list]
    notes_title: str = ""
    notes_columns: list[str] = dataclasses.field(default_factory=list)
    notes: list[list] = dataclasses.field(default_factory=list)
    remarks: list[str] = dataclasses.field(default_factory=list)
    first_label: str = "单位"


@dataclasses.dataclass
class Context:
    org: Org
    year: int
    on: datetime.date
    everything: list[Org]
    names: dict[int, str]
    members: list  # facts.Member on 12-31
    rows: list[Org]
    sets: dict[int, set[int]]  # row org id -> ids of its subtree

    row_of: dict[int, str]  # org id -> the name of the row org holding it

    def label(self, row: Org) -> str:
        return f"{row.name}（本级）" if row.id == self.org.id else row.name

    def org_of_row(self, org_id: int) -> list[str]:
        """The row labels a count of `org_id` goes to: 合计, and its row org when the table has row orgs."""
        row = self.row_of.get(org_id)
        return [TOTAL, row] if row else [TOTAL]


def context(org: Org, year: int) -> Context:
    on = year_end(year)
    everything = orgs_under(org)
    members = members_on(org, on)
    rows = row_orgs(org, everything, members)
    # the org's own row (本级) holds its own roll and its 党小组; a sub-organization's row its whole subtree
    sets = {
        o.id: ({o.id} | {x.id for x in everything if x.parent_id == o.id and x.kind == OrgKind.GROUP})
        if o.id == org.id
        else {x.id for x in everything if x.path.startswith(o.path)}
        for o in rows
    }
    ctx = Context(org, year, on, everything, {o.id: o.name for o in everything}, members, rows, sets, {})
    ctx.row_of = {x: ctx.label(o) for o in rows for x in sets[o.id]}
    return ctx


def new_grid(ctx: Context) -> dict[str, Counter]:
    return {name: Counter() for name in [TOTAL] + [ctx.label(o) for o in ctx.rows]}


def grid_rows(ctx: Context, grid: dict[str, Counter], keys: list[str]) -> list[list]:
    return [[name] + [grid[name][k] for k in keys] for name in grid]


def none_note(notes: list[list], width: int) -> list[list]:
    return notes or [["本表没有需要说明的问题"] + [""] * (width - 1)]

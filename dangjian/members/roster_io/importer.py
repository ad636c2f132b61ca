"""Roster import: validate a whole sheet, then create everyone in one transaction — or no one.

Required: 姓名; 性别 and 出生日期 unless a valid 公民身份号码 gives them; 入党时间 for 预备/正式党员
(check_person). Defaults: an empty or missing 正式/预备 column (status) means 正式党员; an empty 在职/离退休
column (category) means 在职 (离退休 in a retiree branch). Which column is which: columns.decide_columns
(人员类别 and 党员类别 are read by their values as well as their names). Rows whose recognised cells are
all empty are skipped.
"""

import datetime
from dataclasses import dataclass
from dataclasses import field as dc_field

import python_calamine
from django.db import transaction

from dangjian.core import audit
from dangjian.lib import clock, fieldcrypt, idcard
from dangjian.orgs.models import Org, OrgKind

from ..models import Category, Person, Status
from ..validation import check_person
from . import bulk, parse
from . import columns as columns_mod

BATCH = 2000
KIND = "person.import"


class RosterFileError(Exception):
    """The file as a whole cannot be imported (unreadable, no header row, wrong org)."""


@dataclass
class Problem:
    row: int  # Excel row number, 1-based
    column: str  # header text as written in the file, or the canonical label if the column is absent
    value: str
    reason: str
    col: int | None = None  # 0-based column index in the sheet, None if the column is absent

    def line(self) -> str:
        return f"第{self.row}行 「{self.column}」 {self.value or '（空）'}：{self.reason}"


@dataclass
class Result:
    sheet: str = ""
    header_row: int = 0  # Excel row number of the header
    columns: dict = dc_field(default_factory=dict)  # column index -> field
    choices: list = dc_field(default_factory=list)  # columns.Choice per ambiguous column (人员类别, 职务 …)
    headers: dict = dc_field(default_factory=dict)  # field -> header text in the file
    ignored: list = dc_field(default_factory=list)
    rows: list = dc_field(default_factory=list)  # (Excel row, {field: value})
    problems: list = dc_field(default_factory=list)
    created: int = 0
    grid: list = dc_field(default_factory=list, repr=False)  # every cell of the sheet, from A1
    id_hashes: dict = dc_field(default_factory=dict, repr=False)  # ID number -> lookup hash, computed once

    @property
    def ok(self) -> bool:
        return not self.problems


def read_grid(path) -> tuple[str, list[list], tuple[int, dict]]:
    """The first sheet with a recognisable header: (sheet name, all rows from A1, header)."""
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        for name in names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            header = parse.find_header(rows)
            if header:
                return name, rows, header
    except Exception as exc:  # calamine raises several types for broken or foreign files
        raise RosterFileError(f"无法读取文件（请上传 .xlsx 或 .xls 表格）：{exc}") from exc
    raise RosterFileError(
        "没有找到表头：前30行中没有同时含“姓名”和至少两个已知列（如性别、出生日期、公民身份号码）的行"
    )


def _samples(grid: list, start: int, cols: list[int], limit: int = columns_mod.SAMPLE) -> dict[int, list]:
    """The first `limit` non-blank values of each column, read from row `start` down."""
    out: dict[int, list] = {col: [] for col in cols}
    open_cols = list(cols)
    for row in grid[start:]:
        for col in list(open_cols):
            raw = row[col] if col < len(row) else None
            if not parse.is_blank(raw):
                out[col].append(raw)
                if len(out[col]) >= limit:
                    open_cols.remove(col)
        if not open_cols:
            break
    return out


class _Checker:
    def __init__(self, org: Org, result: Result, today: datetime.date):
        self.org, self.result, self.today = org, result, today
        self.groups = {}
        for g in Org.objects.filter(parent=org, kind=OrgKind.GROUP):
            for key in (g.name, g.short_name, g.code):
                if key:
                    self.groups[key] = g
        self.group_names = (
            "、".join(g.name for g in Org.objects.filter(parent=org, kind=OrgKind.GROUP)) or "（本支部尚未设党小组）"
        )
        self.index = {fld: col for col, fld in result.columns.items()}
        self.max_len = {f.name: f.max_length for f in Person._meta.get_fields() if getattr(f, "max_length", None)}
        self.default_category = (Category.RETIRED if org.is_retiree else Category.EMPLOYED).value
        self.seen_ids: dict[str, int] = {}  # valid number -> first row with it
        self.id_rows: list[tuple[int, str]] = []

    def problem(self, row: int, fld: str, raw, reason: str) -> None:
        col = self.index.get(fld)
        label = self.result.headers.get(fld) or parse.BY_FIELD[fld].label
        self.result.problems.append(Problem(row=row, column=label, value=parse.shown(raw), reason=reason, col=col))

    def value(self, fld: str, raw):
        kind = parse.BY_FIELD[fld].kind
        if kind == "date":
            return parse.date_value(raw)
        if kind == "enum":
            return parse.enum_value(fld, raw)
        if kind == "bool":
            return parse.bool_value(raw)
        if kind == "id":
            return parse.id_value(raw)
        if kind == "group":
            group = self.groups.get(parse.clean_text(raw))
            if group is None:
                raise ValueError(f"本支部没有这个党小组，现有：{self.group_names}")
            return group
        text = parse.phone_value(raw) if kind == "phone" else parse.clean_text(raw)
        if fld == "ethnicity" and not text.endswith(("族", "人")):
            text += "族"
        limit = self.max_len.get(fld)
        if limit and len(text) > limit:
            raise ValueError(f"超过{limit}个字")
        return text

    def row(self, excel_row: int, cells: dict) -> dict | None:
        values, bad = {}, set()
        before = len(self.result.problems)
        for fld, raw in cells.items():
            if parse.is_blank(raw):
                continue
            try:
                values[fld] = self.value(fld, raw)
            except ValueError as exc:
                if parse.BY_FIELD[fld].kind == "bool":  # "流动党员: 2020.03" means yes, since then
                    since = {"is_mobile": "mobile_since", "is_lost_contact": "lost_contact_since"}[fld]
                    try:
                        values[since], values[fld] = parse.date_value(raw), True
                        continue
                    except ValueError:
                        pass
                bad.add(fld)
                self.problem(excel_row, fld, raw, str(exc))
        info = self._derive(excel_row, values, cells, bad)
        problems = check_person(values, today=self.today, id_info=info)
        for fld, reason in problems:
            if fld not in bad:
                bad.add(fld)
                self.problem(excel_row, fld, cells.get(fld), reason)
        return values if len(self.result.problems) == before else None

    def _derive(self, excel_row: int, values: dict, cells: dict, bad: set) -> idcard.IdInfo | None:
        """Fill gender and birth date from the ID number; returns the parsed number (None when absent or bad)."""
        number = values.get("id_number")
        info = None
        if number:
            try:
                info = idcard.parse(number, today=self.today)
            except idcard.IdNumberError as exc:
                bad.add("id_number")
                self.problem(excel_row, "id_number", cells["id_number"], str(exc))
                values.pop("id_number")
            else:
                self.id_rows.append((excel_row, number))
                first = self.seen_ids.setdefault(number, excel_row)
                if first != excel_row:
                    bad.add("id_number")
                    self.problem(excel_row, "id_number", number, f"与第{first}行的公民身份号码重复")
        if "name" not in values and "name" not in bad:
            bad.add("name")
            self.problem(excel_row, "name", "", "不能为空")
        for fld in ("gender", "birth_date"):
            if fld not in values and fld not in bad:
                if info:
                    values[fld] = info.gender if fld == "gender" else info.birth_date
                else:
                    bad.add(fld)
                    self.problem(excel_row, fld, "", "不能为空（或填写正确的公民身份号码）")
        # Defaults for empty cells only: a bad 正式/预备 value must not be checked as 正式党员 (misleading follow-ups).
        if "status" not in bad:
            values.setdefault("status", Status.FULL.value)
        if "category" not in bad:
            values.setdefault("category", self.default_category)
        return info


def validate(path, *, org: Org, today: datetime.date | None = None, columns: dict | None = None) -> Result:
    """Check every row. `columns` overrides how ambiguous columns are read: {column index or header text:
    field or "skip"} (see columns.decide_columns); a reading that cannot be used raises ColumnChoiceError."""
    if not org.is_branch:
        raise RosterFileError(f"{org.name}不是党支部：花名册只能导入到党支部（或联合党支部）")
    sheet, grid, (header_index, _by_name) = read_grid(path)
    result = Result(sheet=sheet, header_row=header_index + 1, grid=grid)
    header = grid[header_index]
    ambiguous = [col for col, h in enumerate(header) if len(parse.header_candidates(h)) > 1]
    decision = columns_mod.decide_columns(header, _samples(grid, header_index + 1, ambiguous), columns)
    columns = decision.columns
    result.columns, result.choices = columns, decision.choices
    chosen = {c.col for c in decision.choices}
    result.headers = {fld: parse.clean_text(header[col]) for col, fld in columns.items()}
    result.ignored = [
        parse.clean_text(h)
        for col, h in enumerate(header)
        if col not in columns
        and col not in chosen
        and parse.normalize_header(h)
        and parse.normalize_header(h) not in parse.IGNORED
    ]
    checker = _Checker(org, result, today or clock.today())
    for index in range(header_index + 1, len(grid)):
        row = grid[index]
        cells = {fld: row[col] for col, fld in columns.items() if col < len(row)}
        if all(parse.is_blank(v) for v in cells.values()):
            continue
        values = checker.row(index + 1, cells)
        if values is not None:
            result.rows.append((index + 1, values))
    _check_database_duplicates(result, checker)
    result.problems.sort(key=lambda p: (p.row, p.col if p.col is not None else 999))
    return result


def _check_database_duplicates(result: Result, checker: _Checker) -> None:
    numbers = list(checker.seen_ids)
    existing = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start : start + BATCH]
        hashes = [result.id_hashes.setdefault(n, fieldcrypt.lookup_hash(n)) for n in chunk]
        for number, name, org_name in Person.objects.filter(id_number_hash__in=hashes).values_list(
            "id_number", "name", "org__name"
        ):
            existing[fieldcrypt.normalize(number)] = (name, org_name)
    for excel_row, number in checker.id_rows if existing else ():
        hit = existing.get(fieldcrypt.normalize(number))
        if hit:
            checker.problem(excel_row, "id_number", number, f"系统中已有此公民身份号码：{hit[1]}的{hit[0]}")


def commit(result: Result, *, org: Org, actor, source: str = "") -> int:
    """Create every validated row and one audit row per person; call inside a transaction."""
    if not result.ok:
        raise ValueError("roster has problems; nothing to commit")
    rows = [values for _row, values in result.rows]
    bulk.insert_people(rows, org=org, actor=actor, source=source, kind=KIND, id_hashes=result.id_hashes)
    audit.record(actor=actor, org=org, kind="roster.import", subject=org, data={"count": len(rows), "source": source})
    result.created = len(rows)
    return len(rows)


def import_roster(
    path,
    *,
    org: Org,
    actor,
    source: str = "",
    dry_run: bool = False,
    today: datetime.date | None = None,
    columns: dict | None = None,
) -> Result:
    """Validate and, when every row is good and not a dry run, create everyone — all or nothing."""
    with transaction.atomic():
        result = validate(path, org=org, today=today, columns=columns)
        if result.ok and not dry_run:
            commit(result, org=org, actor=actor, source=source)
    return result

"""Bulk base entry from the school's wage sheet (.xlsx/.xls/.ods via python-calamine).

validate → preview → commit, all or nothing. The header row is the first row (of the first 20) with a
「姓名」 cell. Recognised columns: 姓名, 公民身份号码/身份证号, 起始月份, 交纳类别, 个人所得税/个税,
个人社保/社会保险/五险一金, 党费基数. Every other column with a header is a wage item (FEE-01 leaves
out 住房公积金, 通讯补贴 … by itself); totals and labels (合计, 实发, 应发, 序号, 部门, 备注 …) are ignored.
"""

import datetime
from dataclasses import dataclass, field

import python_calamine
from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.selectors import subtree_ids

from .models import DuesCategory
from .services import base_set

META = {
    "name": ("姓名",),
    "id_number": ("公民身份号码", "身份证号", "身份证号码"),
    "effective_month": ("起始月份", "月份"),
    "category": ("交纳类别", "党员类别", "类别"),
    "income_tax": ("个人所得税", "个税", "代扣个税"),
    "social_insurance": ("个人社保", "社会保险", "五险一金", "个人缴纳社保"),
    "base": ("党费基数", "基数"),
}
IGNORED = ("合计", "实发", "应发", "扣款", "序号", "编号", "部门", "科室", "备注", "工号", "职务", "签名")
FIELD_LABEL = {f: names[0] for f, names in META.items()}
CATEGORY_BY_LABEL = {label: value for value, label in DuesCategory.choices} | {
    "在职": "employed",
    "离退休": "retired",
    "退休": "retired",
    "学生": "student",
}


class SheetError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class Problem:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class Result:
    rows: list = field(default_factory=list)  # dicts for the preview
    problems: list = field(default_factory=list)
    components: list = field(default_factory=list)
    ignored: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v if v is not None else "").strip()


def read(path) -> tuple[int, list, list]:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        grid = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several types for broken or foreign files
        raise SheetError(f"无法读取文件（请上传 .xlsx 或 .xls 工资表）：{exc}") from exc
    for i, row in enumerate(grid[:20]):
        if any(_text(c) == "姓名" for c in row):
            return i, [_text(c) for c in row], grid[i + 1 :]
    raise SheetError("没有找到表头：前20行中没有“姓名”列")


def _columns(header):
    meta, comps, ignored = {}, {}, []
    for col, name in enumerate(header):
        if not name:
            continue
        fld = next((f for f, names in META.items() if name in names), None)
        if fld and fld not in meta:
            meta[fld] = col
        elif any(word in name for word in IGNORED):
            ignored.append(name)
        else:
            comps[name] = col
    return meta, comps, ignored


def process(path, *, actor, org, default_month: datetime.date, commit: bool) -> Result:
    """Check every row (and, with ``commit``, record every base) — all rows or none."""
    header_index, header, body = read(path)
    meta, comps, ignored = _columns(header)
    result = Result(components=list(comps), ignored=ignored)
    people = Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES)
    by_id = {p.id_number: p for p in people if p.id_number}
    by_name: dict[str, list] = {}
    for p in people:
        by_name.setdefault(p.name, []).append(p)

    def cell(row, col):
        return row[col] if col is not None and col < len(row) else ""

    with transaction.atomic():
        for offset, row in enumerate(body):
            excel_row = header_index + offset + 2
            name = _text(cell(row, meta.get("name")))
            if not name and not any(_text(c) for c in row):
                continue
            problem = lambda column, value, reason: result.problems.append(  # noqa: E731
                Problem(excel_row, column, _text(value), reason)
            )
            idn = _text(cell(row, meta.get("id_number"))).upper()
            person = by_id.get(idn) if idn else None
            if person is None:
                matches = by_name.get(name, [])
                if idn:
                    problem("公民身份号码", idn, "本组织在册党员中没有这个公民身份号码")
                    continue
                if len(matches) != 1:
                    problem(
                        "姓名",
                        name,
                        "本组织在册党员中没有此人"
                        if not matches
                        else f"同名党员有{len(matches)}人，请在表中填写公民身份号码",
                    )
                    continue
                person = matches[0]
            month_raw = cell(row, meta.get("effective_month"))
            month = default_month
            if _text(month_raw):
                if isinstance(month_raw, (datetime.date, datetime.datetime)):
                    month = datetime.date(month_raw.year, month_raw.month, 1)
                else:
                    try:
                        y, m = (
                            _text(month_raw)
                            .replace("/", "-")
                            .replace(".", "-")
                            .replace("年", "-")
                            .rstrip("月")
                            .split("-")[:2]
                        )
                        month = datetime.date(int(y), int(m), 1)
                    except ValueError:
                        problem("起始月份", month_raw, "格式应为 YYYY-MM，如 2026-01")
                        continue
            cat_raw = _text(cell(row, meta.get("category")))
            category = (
                CATEGORY_BY_LABEL.get(cat_raw, cat_raw)
                if cat_raw
                else (
                    "retired"
                    if person.category == "retired"
                    else "student"
                    if person.category == "student"
                    else "employed"
                )
            )
            values = {name_: cell(row, col) for name_, col in comps.items() if _text(cell(row, col))}
            try:
                with transaction.atomic():
                    b = base_set(
                        actor=actor,
                        person=person,
                        effective_month=month,
                        category=category,
                        components=values,
                        income_tax=cell(row, meta.get("income_tax")) or 0,
                        social_insurance=cell(row, meta.get("social_insurance")) or 0,
                        base=_text(cell(row, meta.get("base"))) or None,
                        _atomic=False,
                    )
            except ValidationError as exc:
                for fld, messages in exc.message_dict.items():
                    column = FIELD_LABEL.get(
                        fld, "工资项目" if fld == "components" else "交纳类别" if fld == "category" else fld
                    )
                    raw = cell(row, meta.get(fld)) if fld in meta else ""
                    if fld == "components":
                        bad = next((k for k, v in values.items() if k in messages[0]), "")
                        column, raw = (bad or column), values.get(bad, "")
                    for msg in messages:
                        problem(column, raw, msg)
                continue
            result.rows.append(
                {
                    "row": excel_row,
                    "name": person.name,
                    "month": month,
                    "category": b.get_category_display(),
                    "included": {k: v for k, v in b.components.items() if not _excluded(k)},
                    "excluded": [k for k in b.components if _excluded(k)],
                    "income_tax": b.income_tax,
                    "base": b.base,
                    "amount": b.amount,
                }
            )
        if not commit or result.problems or not result.rows:
            transaction.set_rollback(True)
    return result


def _excluded(name: str) -> bool:
    from dangjian.rules.dues import is_excluded_component

    return is_excluded_component(name)

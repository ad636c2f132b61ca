"""花名册 export: the people of an org's subtree in 姓氏笔画 order, as .xlsx rows or display rows for print."""

import datetime

import xlsxwriter
from django.db.models import OuterRef, Subquery

from dangjian.lib import clock
from dangjian.lib.office import sheets
from dangjian.lib.office.dates import zh_date
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

from .. import roll
from ..models import MEMBER_STATUSES, Category, Degree, Education, Gender, Person, Status, Title
from ..selectors import roster

# (header, width in characters, key of the display row)
COLUMNS = [
    ("序号", 5, "no"),
    ("姓名", 9, "name"),
    ("性别", 5, "gender"),
    ("民族", 7, "ethnicity"),
    ("出生日期", 11, "birth_date"),
    ("公民身份号码", 20, "id_number"),
    ("籍贯", 10, "native_place"),
    ("学历", 9, "education"),
    ("学位", 6, "degree"),
    ("专业技术职务", 12, "professional_title"),
    ("工作岗位", 12, "post"),
    ("任教学科", 9, "subject"),
    ("联系电话", 14, "phone"),
    ("人员类别", 11, "status"),
    ("入党时间", 11, "join_date"),
    ("转正时间", 11, "confirmation_date"),
    ("党员类别", 9, "category"),
    ("党小组", 12, "group"),
    ("所在支部", 20, "org"),
    ("流动党员", 8, "is_mobile"),
    ("失联党员", 8, "is_lost_contact"),
]
DATE_KEYS = {"birth_date", "join_date", "confirmation_date"}
TEXT_KEYS = {"id_number", "phone"}
_VALUES = [
    "id",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "degree",
    "professional_title",
    "post",
    "subject",
    "phone",
    "status",
    "join_date",
    "confirmation_date",
    "category",
    "group__name",
    "org__name",
    "org__short_name",
    "is_mobile",
    "is_lost_contact",
]
_LABELS = {
    "gender": dict(Gender.choices),
    "education": dict(Education.choices),
    "degree": dict(Degree.choices),
    "professional_title": dict(Title.choices),
    "status": dict(Status.choices),
    "category": dict(Category.choices),
}


def people(org: Org, user=None, on: datetime.date | None = None):
    """On-roll 党员 (正式 + 预备) of the subtree in stroke order — the 党员花名册 lists 党员 only (入党申请人、积极分子、
    发展对象 have their own rosters): scoped to the user, or everyone for the system (CLI).

    With `on`, the 花名册 of that day from history (members/roll.py): who was a 党员 on the subtree's roll then,
    with that day's status, category and 党小组 (the caller has already checked the user manages `org`)."""
    if on is not None:
        span = roll.spans_on(org, on).filter(person_id=OuterRef("pk"))
        return (
            roll.people_on(org, on)
            .annotate(
                category_on=Subquery(span.values("category")[:1]), group_on=Subquery(span.values("group__name")[:1])
            )
            .order_by("stroke_key", "id")
        )
    if user is None:
        qs = Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True)
    else:
        qs = roster(user, org)
    return qs.filter(status__in=MEMBER_STATUSES).order_by("stroke_key", "id")


def columns_for(org: Org) -> list[tuple]:
    """所在支部 only when the subtree holds more than one branch."""
    return [c for c in COLUMNS if c[2] != "org" or not org.is_branch]


def rows(qs, *, show_id: bool):
    """Display rows: labels for choices, masked ID numbers unless show_id, dates left as dates. A roster of a
    past day (people(on=…)) shows that day's status, category and 党小组."""
    as_of = "status_on" in qs.query.annotations
    values = _VALUES + (["status_on", "category_on", "group_on"] if as_of else [])
    for no, v in enumerate(qs.values(*values).iterator(chunk_size=2000), start=1):
        if as_of:
            v["status"], v["category"], v["group__name"] = v["status_on"], v["category_on"], v["group_on"]
        number = v["id_number"] or ""
        if not show_id and number:
            number = f"{number[:6]}********{number[-4:]}" if len(number) == 18 else "*" * len(number)
        row = {key: (_LABELS[key].get(v[key], v[key]) if key in _LABELS else v[key]) for key in _LABELS}
        row.update(
            no=no,
            id=v["id"],
            name=v["name"],
            ethnicity=v["ethnicity"],
            birth_date=v["birth_date"],
            id_number=number,
            native_place=v["native_place"],
            post=v["post"],
            subject=v["subject"],
            phone=v["phone"],
            join_date=v["join_date"],
            confirmation_date=v["confirmation_date"],
            group=v["group__name"] or "",
            org=v["org__short_name"] or v["org__name"],
            is_mobile="是" if v["is_mobile"] else "",
            is_lost_contact="是" if v["is_lost_contact"] else "",
        )
        if not v["degree"]:
            row["degree"] = ""
        yield row


def write_xlsx(
    out, org: Org, qs, *, show_id: bool, today: datetime.date | None = None, on: datetime.date | None = None
) -> int:
    """Write the 花名册 to a path or binary file object; return the number of people. `on`: the roster is
    of that day (people(on=…)), and its subtitle says so."""
    today = today or clock.today()
    total = qs.count()
    cols = columns_for(org)
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("花名册")
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    sub = book.add_format({"align": "right", "font_color": "#555555"})
    head = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "bg_color": "#F2DCDB", "text_wrap": True}
    )
    cell = book.add_format({"border": 1, "valign": "vcenter"})
    text = book.add_format({"border": 1, "valign": "vcenter", "num_format": "@"})
    date = book.add_format({"border": 1, "valign": "vcenter", "num_format": "yyyy-mm-dd", "align": "left"})
    last = len(cols) - 1
    sheet.set_row(0, 30)
    sheet.merge_range(0, 0, 0, last, f"{org.name} 党员花名册", title)
    when = f"截至{zh_date(on)}" if on else f"导出日期：{zh_date(today)}"
    sheet.merge_range(1, 0, 1, last, f"{when}　共 {total} 人（按姓氏笔画排序）", sub)
    for c, (label, width, key) in enumerate(cols):
        sheet.set_column(c, c, width, text if key in TEXT_KEYS else None)
        sheet.write_string(2, c, label, head)
    r = 3
    for row in rows(qs, show_id=show_id):
        for c, (_label, _width, key) in enumerate(cols):
            value = row[key]
            if key == "no":
                sheet.write_number(r, c, value, cell)
            elif key in DATE_KEYS and value:
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date)
            elif key in TEXT_KEYS:
                sheet.write_string(r, c, value or "", text)
            else:
                sheet.write_string(r, c, str(value or ""), cell)
        r += 1
    sheet.freeze_panes(3, 2)
    sheet.autofilter(2, 0, max(r - 1, 2), last)
    sheets.xw_print_setup(sheet, header_row=2, last_col=last)
    book.close()
    return total

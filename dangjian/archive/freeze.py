"""The year-end roster files (xlsxwriter). The 花名册 reuses the members' roster exporter."""

import datetime
import io

import xlsxwriter

from dangjian.core.models import AuditEvent
from dangjian.lib.office import sheets
from dangjian.members import history_view
from dangjian.members.models import MEMBER_STATUSES, Person, Status
from dangjian.members.roster_io import exporter
from dangjian.orgs.selectors import subtree_ids


def _table(title: str, headers: list[str], rows) -> bytes:
    """A printable A4 名册: title merged on the first page, bordered table, header repeated on every page."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("名册")
    widths = [6 if h == "序号" else 40 if h == "变更内容" else 16 for h in headers]
    sheets.xw_table(
        book,
        sheet,
        title,
        headers,
        ([v.isoformat() if isinstance(v, datetime.date) else v for v in row] for row in rows),
        widths,
        formats=[
            "center" if h in ("序号", "日期", "时间", "性别", "出生日期", "入党时间") else "cell" for h in headers
        ],
    )
    book.close()
    return buf.getvalue()


def _people(org, **filters):
    return (
        Person.objects.filter(org_id__in=subtree_ids(org), **filters).select_related("org").order_by("stroke_key", "id")
    )


def _changes_xlsx(org, year: int) -> bytes:
    """The year's 党员情况变更信息库 as people read it (history_view): names, labels, China dates, operators.
    The year is China's: an event at 2026-12-31 20:00 UTC is 2027-01-01 04:00 and belongs to 2027. ID
    numbers are masked, as on the frozen roster."""
    start = datetime.datetime(year, 1, 1, tzinfo=history_view.CHINA)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=history_view.CHINA)
    events = (
        AuditEvent.objects.filter(org_id__in=subtree_ids(org), kind__startswith="person.", at__gte=start, at__lt=end)
        .select_related("actor", "org")
        .order_by("at", "id")
    )
    rows = history_view.event_rows(events, show_id=False)
    names = dict(Person.objects.filter(id__in={r["subject_id"] for r in rows}).values_list("id", "name"))
    return _table(
        f"{org.name} {year}年度党员情况变更信息库",
        ["日期", "时间", "人员", "变更类型", "变更内容", "操作人"],
        (
            (
                r["day_zh"],
                r["time"],
                names.get(r["subject_id"], "（已删除）"),
                r["kind"],
                history_view.change_text(r),
                f"{r['actor']}（{r['role']}）" if r["role"] else r["actor"],
            )
            for r in rows
        ),
    )


def build_files(org, year: int) -> list[tuple[str, str, bytes]]:
    """(title, filename, content) for each frozen roster of ``year``."""
    out = []
    buf = io.BytesIO()
    exporter.write_xlsx(
        buf,
        org,
        exporter.people(org).filter(status__in=MEMBER_STATUSES),
        show_id=False,
        today=datetime.date(year, 12, 31),
    )
    out.append((f"{year}年度党员花名册", f"{org.name}{year}年度党员花名册.xlsx", buf.getvalue()))
    new = _people(org, join_date__year=year)
    out.append(
        (
            f"{year}年度新党员名册",
            f"{org.name}{year}年度新党员名册.xlsx",
            _table(
                f"{org.name} {year}年度新党员名册",
                ["序号", "姓名", "所在支部", "入党时间", "人员类别"],
                ((i, p.name, p.org.name, p.join_date, p.get_status_display()) for i, p in enumerate(new, 1)),
            ),
        )
    )
    for status, label in ((Status.ACTIVIST, "入党积极分子名册"), (Status.CANDIDATE, "发展对象名册")):
        qs = _people(org, status=status, on_roll=True)
        out.append(
            (
                f"{year}年度{label}",
                f"{org.name}{year}年度{label}.xlsx",
                _table(
                    f"{org.name} {year}年度{label}",
                    ["序号", "姓名", "所在支部", "性别", "出生日期"],
                    ((i, p.name, p.org.name, p.get_gender_display(), p.birth_date) for i, p in enumerate(qs, 1)),
                ),
            )
        )
    out.append(
        (f"{year}年度党员情况变更信息库", f"{org.name}{year}年度党员情况变更信息库.xlsx", _changes_xlsx(org, year))
    )
    return out

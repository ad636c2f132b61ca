"""Print view of the 花名册: one HTML table for the screen and, through WeasyPrint, an A4 landscape PDF."""

import datetime

from django.conf import settings
from django.template.loader import render_to_string

from dangjian.lib import clock

from . import exporter

PRINT_KEYS = [
    "no",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "professional_title",
    "post",
    "status",
    "join_date",
    "confirmation_date",
    "phone",
    "group",
    "org",
]
# WeasyPrint needs ~4 s for a branch and ~30 s for 1,000 rows on a busy machine: beyond that the web
# asks for a lower org or the Excel file (the CLI has no limit).
MAX_ROWS = 1000


class TooManyRows(Exception):
    pass


def context(
    org,
    qs,
    *,
    show_id: bool,
    today: datetime.date | None = None,
    limit: int | None = MAX_ROWS,
    as_of: datetime.date | None = None,
) -> dict:
    total = qs.count()
    if limit is not None and total > limit:
        raise TooManyRows(f"共 {total} 人，超过打印上限 {limit} 人：请进入下级组织分别打印，或导出 Excel")
    labels = {key: label for label, _w, key in exporter.columns_for(org)}
    keys = [k for k in PRINT_KEYS if k in labels]
    people = list(exporter.rows(qs, show_id=show_id))
    if not any(p["group"] for p in people):
        keys.remove("group")
    columns = [(key, labels[key]) for key in keys]
    table = [[(key, p[key]) for key in keys] for p in people]
    return {
        "org": org,
        "columns": columns,
        "table": table,
        "total": total,
        "today": today or clock.today(),
        "show_id": show_id,
        "as_of": as_of,
    }


def render_pdf(org, qs, *, show_id: bool, today: datetime.date | None = None, limit: int | None = MAX_ROWS) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string("members/print_pdf.html", context(org, qs, show_id=show_id, today=today, limit=limit))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

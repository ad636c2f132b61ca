"""The audit log for readers: /audit/ (filters, paging) and /audit/export.xlsx; the API reuses audit_query.

Who reads it: the system administrator (every row) and a bureau officer (rows of orgs in the subtree of
the org they are officer of). Rows carry no edit or delete control: the log is append-only (core/models.py).
ID numbers inside the data are masked unless the viewer may see them (as on the person history).
"""

import io
import re
from urllib.parse import urlencode

import xlsxwriter
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from dangjian.accounts.scope import can_see_id_numbers  # noqa: F401 - kept for importers of this module
from dangjian.core.readable import data_text
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.lib.office import sheets
from dangjian.lib.office.dates import zh_date
from dangjian.lib.office.names import XLSX, download_response
from dangjian.members.history_view import (
    change_text,
    event_label,
    event_rows,
    mask_id,
)

from . import selectors
from .selectors import DENIED, visible_events  # noqa: F401 - kept for importers of this module

PAGE = 100
# The 操作类型 filter: event-code prefixes (audit_query matches a prefix ending in ".") by module, in Chinese.
KIND_GROUPS = [
    ("person.", "人员信息"),
    ("roster.", "花名册导入"),
    ("org.", "组织"),
    ("committee.", "支部委员会"),
    ("recruitment.", "发展党员"),
    ("meeting.", "组织生活"),
    ("meeting_plan.", "组织生活计划"),
    ("dues.", "党费"),
    ("appraisal.", "民主评议"),
    ("learning.", "学习教育"),
    ("disclosure.", "党务公开"),
    ("relations.", "组织关系"),
    ("election.", "换届选举"),
    ("archive.", "文书档案"),
    ("plans.", "计划与通知"),
    ("assessment.", "考核"),
    ("rectification.", "整改"),
    ("reports.", "报表与总结"),
    ("rule_settings.", "本地规则"),
    ("holiday.", "节假日"),
    ("auth.", "登录与退出"),
    ("account.", "账号管理"),
]
EXPORT_MAX = 50_000
ID_RE = re.compile(r"\b\d{17}[\dXx]\b")


def _day(value, field: str, label: str):
    if not value:
        return None
    try:
        return parse_day(value, label=label)
    except ValidationError:
        raise ValidationError({field: f"{label}「{value}」不是有效日期，请写成 2026-11-22"}) from None


def audit_query(user, *, date_from=None, date_to=None, org=None, kind=None, actor=None):
    """Filtered rows, newest first. Dates are China days, both ends included; org is a code (its subtree);
    kind an exact kind or a prefix ending in "." ("person."); actor a login name."""
    events = selectors.visible_events(user)  # first: PermissionDenied for a reader without access, whatever the filters
    start, end = _day(date_from, "date_from", "开始日期"), _day(date_to, "date_to", "结束日期")
    if start and end and start > end:
        raise ValidationError({"date_to": "结束日期早于开始日期"})
    return selectors.audit_events(user, events=events, start=start, end=end, org=org, kind=kind, actor=actor)


def mask_data(value, show_id: bool):
    """The event's data with ID numbers masked (under an id_number key or anywhere in a string)."""
    if show_id:
        return value
    if isinstance(value, dict):
        return {k: (mask_data_id(v) if k == "id_number" else mask_data(v, False)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_data(v, False) for v in value]
    if isinstance(value, str):
        return ID_RE.sub(lambda m: mask_id(m.group(0)), value)
    return value


def mask_data_id(value):
    if isinstance(value, list):
        return [mask_id(str(v)) if v else v for v in value]
    return mask_id(str(value)) if value else value


def rows(events, viewer) -> list[dict]:
    events = list(events)
    show_id = False  # ID numbers in the log are masked for every viewer (older rows held full numbers)
    readable = event_rows(events, show_id=show_id)
    out = []
    for e, r in zip(events, readable):
        data = mask_data(e.data or {}, show_id)
        detail = change_text(r) or data_text(data)  # readable, never raw JSON (issue #19)
        out.append(
            {
                "id": e.id,
                "at": r["at"],
                "kind": e.kind,
                "kind_zh": event_label(e.kind),
                "actor": r["actor"],
                "actor_role": r["role"],
                "username": e.actor.username if e.actor else "",
                "org_code": e.org.code if e.org else "",
                "org_name": e.org.name if e.org else "",
                "subject_type": e.subject_type,
                "subject_id": e.subject_id,
                "detail": detail,
                "data": data,
                "hash": e.hash,
            }
        )
    return out


HEADERS = ["序号", "时间", "操作", "操作人", "登录名", "组织", "对象", "内容", "记录号", "哈希"]


def workbook(items: list[dict], title: str) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("审计日志")
    f = sheets.xw_formats(wb)
    head, cell = f["head"], wb.add_format({"border": 1, "valign": "top", "text_wrap": True, "font_name": "宋体"})
    sheets.xw_title(ws, title, len(HEADERS) - 1, fmt=f["title"])
    ws.write_row(1, 0, HEADERS, head)
    for col, width in enumerate([6, 18, 14, 12, 12, 20, 12, 60, 8, 18]):
        ws.set_column(col, col, width)
    for i, r in enumerate(items, 1):
        actor = r["actor"] + (f"（{r['actor_role']}）" if r["actor_role"] else "")
        ws.write_row(
            i + 1,
            0,
            [
                i,
                r["at"].strftime("%Y-%m-%d %H:%M:%S"),
                r["kind_zh"],
                actor,
                r["username"],
                r["org_name"],
                f"{r['subject_type']}#{r['subject_id']}",
                r["detail"],
                r["id"],
                r["hash"][:16],
            ],
            cell,
        )
    ws.freeze_panes(2, 0)
    sheets.xw_print_setup(ws, header_row=1, last_col=len(HEADERS) - 1, landscape=True)
    wb.close()
    return buf.getvalue()


def export_response(user, params: dict) -> HttpResponse:
    qs = audit_query(user, **params)
    total = qs.count()
    if total > EXPORT_MAX:
        raise ValidationError({"date_from": f"共{total}条，超过一次导出上限{EXPORT_MAX}条，请缩小日期范围"})
    now = clock.local_now()
    content = workbook(rows(qs, user), f"审计日志（{zh_date(now)} {now:%H:%M}导出）")
    return download_response(content, f"审计日志（{zh_date(now)}{now:%H时%M分}导出）.xlsx", XLSX)


FILTERS = ("date_from", "date_to", "org", "kind", "actor")


def _params(request) -> dict:
    return {k: request.GET.get(k, "").strip() or None for k in FILTERS}


def audit_page(request):
    params = _params(request)
    error, items, total, page = "", [], 0, 1
    try:
        qs = audit_query(request.user, **params)
        total = qs.count()
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        items = rows(qs[(page - 1) * PAGE : page * PAGE], request.user)
    except ValidationError as exc:
        error = "；".join(exc.messages)
    query = urlencode({k: v for k, v in params.items() if v})
    return render(
        request,
        "core/audit.html",
        {
            "items": items,
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PAGE)),
            "error": error,
            "params": {k: v or "" for k, v in params.items()},
            "query": query,
            "has_next": page * PAGE < total,
            "kind_groups": KIND_GROUPS,
            "kind_known": params.get("kind") in dict(KIND_GROUPS),
        },
        status=422 if error else 200,
    )


def audit_export(request):
    try:
        return export_response(request.user, _params(request))
    except ValidationError as exc:
        return HttpResponse("；".join(exc.messages), status=422, content_type="text/plain; charset=utf-8")


app_name = "audit"
urlpatterns = [
    path("", audit_page, name="list"),
    path("export.xlsx", audit_export, name="export"),
]

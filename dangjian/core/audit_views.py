"""The audit log for readers: /audit/ (filters, paging) and /audit/export.xlsx; the API reuses audit_query.

Who reads it: the system administrator (every row) and a bureau officer (rows of orgs in the subtree of
the org they are officer of). Rows carry no edit or delete control: the log is append-only (core/models.py).
ID numbers inside the data are masked unless the viewer may see them (as on the person history).
"""
import datetime
import io
import json
import re
from urllib.parse import urlencode

import xlsxwriter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.accounts.scope import can_see_id_numbers
from dangjian.lib import clock
from dangjian.members.history_view import (
    CHINA,
    change_text,
    event_label,
    event_rows,
    mask_id,
)
from dangjian.orgs.models import Org, subtree_q

from .models import AuditEvent

PAGE = 100
EXPORT_MAX = 50_000
ID_RE = re.compile(r"\b\d{17}[\dXx]\b")
DENIED = "审计日志只有系统管理员和上级党组织工作人员可以查看"


def _officer_paths(user) -> list[str]:
    return list(RoleAssignment.objects.filter(user=user, role=Role.BUREAU_OFFICER).values_list("org__path", flat=True))


def visible_events(user):
    """AuditEvent rows the user may read; PermissionDenied for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied(DENIED)
    if user.is_superuser:
        return AuditEvent.objects.all()
    paths = _officer_paths(user)
    if not paths:
        raise PermissionDenied(DENIED)
    q = Q()
    for p in paths:
        q |= subtree_q(p)
    return AuditEvent.objects.filter(org_id__in=Org.objects.filter(q).values("id"))


def _day(value, field: str, label: str):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: f"{label}「{value}」不是有效日期，请写成 2026-11-22"}) from None


def audit_query(user, *, date_from=None, date_to=None, org=None, kind=None, actor=None):
    """Filtered rows, newest first. Dates are China days, both ends included; org is a code (its subtree);
    kind an exact kind or a prefix ending in "." ("person."); actor a login name."""
    qs = visible_events(user)
    start, end = _day(date_from, "date_from", "开始日期"), _day(date_to, "date_to", "结束日期")
    if start and end and start > end:
        raise ValidationError({"date_to": "结束日期早于开始日期"})
    if start:
        qs = qs.filter(at__gte=datetime.datetime.combine(start, datetime.time(), CHINA))
    if end:
        qs = qs.filter(at__lt=datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), CHINA))
    if org:
        root = Org.objects.filter(code=str(org).strip().upper()).first()
        if root is None or not (user.is_superuser or any(root.path.startswith(p) for p in _officer_paths(user))):
            raise ValidationError({"org": f"组织代码「{org}」不存在或不在您的管理范围内"})
        qs = qs.filter(org_id__in=Org.objects.filter(subtree_q(root.path)).values("id"))
    if kind:
        kind = str(kind).strip()
        qs = qs.filter(kind__startswith=kind) if kind.endswith(".") else qs.filter(kind=kind)
    if actor:
        qs = qs.filter(actor__username=str(actor).strip())
    return qs.select_related("actor", "org").order_by("-id")


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
    show_id = can_see_id_numbers(viewer)
    readable = event_rows(events, show_id=show_id)
    out = []
    for e, r in zip(events, readable):
        data = mask_data(e.data or {}, show_id)
        detail = change_text(r) or json.dumps(data, ensure_ascii=False, sort_keys=True)
        out.append({"id": e.id, "at": r["at"], "kind": e.kind, "kind_zh": event_label(e.kind),
                    "actor": r["actor"], "actor_role": r["role"], "username": e.actor.username if e.actor else "",
                    "org_code": e.org.code if e.org else "", "org_name": e.org.name if e.org else "",
                    "subject_type": e.subject_type, "subject_id": e.subject_id, "detail": detail, "data": data,
                    "hash": e.hash})
    return out


HEADERS = ["序号", "时间", "操作", "操作人", "登录名", "组织", "对象", "内容", "记录号", "哈希"]


def workbook(items: list[dict], title: str) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("审计日志")
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    head = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "bg_color": "#EEEEEE"})
    cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, title, title_fmt)
    ws.set_row(0, 28)
    ws.write_row(1, 0, HEADERS, head)
    for col, width in enumerate([6, 18, 14, 12, 12, 20, 12, 60, 8, 18]):
        ws.set_column(col, col, width)
    for i, r in enumerate(items, 1):
        actor = r["actor"] + (f"（{r['actor_role']}）" if r["actor_role"] else "")
        ws.write_row(i + 1, 0, [i, r["at"].strftime("%Y-%m-%d %H:%M:%S"), r["kind_zh"], actor, r["username"],
                                r["org_name"], f"{r['subject_type']}#{r['subject_id']}", r["detail"], r["id"],
                                r["hash"][:16]], cell)
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    wb.close()
    return buf.getvalue()


def export_response(user, params: dict) -> HttpResponse:
    qs = audit_query(user, **params)
    total = qs.count()
    if total > EXPORT_MAX:
        raise ValidationError({"date_from": f"共{total}条，超过一次导出上限{EXPORT_MAX}条，请缩小日期范围"})
    content = workbook(rows(qs, user), f"审计日志（导出于 {clock.local_now():%Y-%m-%d %H:%M}）")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="audit-{clock.local_now():%Y%m%d%H%M}.xlsx"'
    return response


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
        items = rows(qs[(page - 1) * PAGE: page * PAGE], request.user)
    except ValidationError as exc:
        error = "；".join(exc.messages)
    query = urlencode({k: v for k, v in params.items() if v})
    return render(request, "core/audit.html", {
        "items": items, "total": total, "page": page, "pages": max(1, -(-total // PAGE)), "error": error,
        "params": {k: v or "" for k, v in params.items()}, "query": query,
        "has_next": page * PAGE < total,
    }, status=422 if error else 200)


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

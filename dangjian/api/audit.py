"""/api/v1/audit/: the audit log for the administrator (all) and a bureau officer (its subtree); read only.

GET /api/v1/audit/ lists rows newest first (filters as on the /audit/ page, limit/offset paging);
GET /api/v1/audit/export.xlsx downloads the same rows as the page's export. Nobody else: 403.
There is no write endpoint: the log is append-only.
"""

import datetime

from ninja import Field, Query, Router, Schema

from dangjian.site.audit_views import audit_query, export_response, rows

router = Router(tags=["审计日志 audit"])


class AuditFilter(Schema):
    date_from: datetime.date | None = Field(None, description="开始日期（含），YYYY-MM-DD，按北京时间")
    date_to: datetime.date | None = Field(None, description="结束日期（含）")
    org: str | None = Field(None, max_length=40, description="组织代码：该组织及其下级")
    kind: str | None = Field(None, max_length=64, description="操作类型；以“.”结尾为前缀，如 person.")
    actor: str | None = Field(None, max_length=150, description="操作人登录名")


class Paging(Schema):
    limit: int = Field(100, ge=1, le=1000, description="每页条数（1–1000）")
    offset: int = Field(0, ge=0, le=10_000_000, description="跳过的条数")


class AuditOut(Schema):
    id: int
    at: datetime.datetime
    kind: str
    kind_zh: str
    actor: str
    actor_role: str
    username: str
    org_code: str
    org_name: str
    subject_type: str
    subject_id: int
    detail: str
    data: dict
    hash: str


class AuditPage(Schema):
    total: int
    items: list[AuditOut]


def _params(filters: AuditFilter) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in filters.dict().items()}


@router.get("/", response=AuditPage, summary="审计日志（新的在前；系统管理员看全部，上级党组织工作人员看本辖区）")
def audit_list(request, filters: Query[AuditFilter], paging: Query[Paging]):
    qs = audit_query(request.user, **_params(filters))
    return {"total": qs.count(), "items": rows(qs[paging.offset : paging.offset + paging.limit], request.user)}


@router.get("/export.xlsx", summary="导出审计日志 Excel（A4 横向）")
def audit_export(request, filters: Query[AuditFilter]):
    return export_response(request.user, _params(filters))

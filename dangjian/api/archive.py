"""/api/v1/archive/: 文书档案 documents and the catalog index."""

import datetime

from ninja import Field, Router, Status

from dangjian.archive import catalog, services
from dangjian.archive.models import Category, Document
from dangjian.archive.selectors import document_with_files, documents_of
from dangjian.orgs.selectors import org_get

from . import errors
from .types import Count, PositiveId, StrictIn, Year

router = Router(tags=["文书档案 archive"])
errors.register_labels(
    "archive", models=["archive.Document"], extra={"org": "组织代码", "document_id": "档案编号", "file_id": "文件编号"}
)


class DocumentIn(StrictIn):
    org: str
    category: str = Field(description="、".join(f"{c.value}={c.label}" for c in Category))
    title: str = Field(min_length=1, max_length=200)
    date: datetime.date
    number: str = ""
    retention: str = "long"
    pages: Count | None = None
    source: str = ""
    source_url: str = ""
    note: str = ""


def _d(d: Document) -> dict:
    return {
        "id": d.id,
        "org": d.org.code,
        "category": d.category,
        "number": d.number,
        "title": d.title,
        "date": d.date.isoformat(),
        "retention": d.retention,
        "source": d.source,
        "source_url": d.source_url,
        "voided": d.voided,
        "files": [f.name for f in d.files.all()],
        "file_items": [{"id": f.id, "name": f.name, "url": f"/api/v1/archive/files/{f.id}"} for f in d.files.all()],
    }


@router.get("/documents", summary="文书档案（按组织、年度）")
def document_list(request, org: str, year: Year):
    o = org_get(request.user, code=org, manage=True)
    return {"items": [_d(d) for d in documents_of(o, year)[:2000]]}


@router.post("/documents", summary="登记文书（文件请在网页上传）", response={201: dict})
def document_create(request, payload: DocumentIn):
    o = org_get(request.user, code=payload.org, manage=True)
    data = payload.dict()
    data.pop("org")
    return Status(201, _d(services.document_create(actor=request.user, org=o, **data)))


@router.get("/catalog", summary="目录索引（行）")
def catalog_rows(request, org: str, year: Year):
    o = org_get(request.user, code=org, manage=True)
    return {"headers": catalog.HEADERS, "rows": catalog.catalog_rows(o, year)}


@router.get("/documents/{int:document_id}", summary="一份文书档案（含文件列表；文件用 GET /archive/files/{编号} 下载）")
def document_show(request, document_id: PositiveId):
    return _d(document_with_files(request.user, document_id))


@router.get(
    "/files/{int:file_id}",
    summary="下载档案中保存的文件（附件下载，原文件名）",
    openapi_extra={
        "responses": {
            200: {
                "description": "文件内容（Content-Disposition: attachment）",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def file_download(request, file_id: PositiveId):
    from dangjian.core import attachments

    return attachments.download(request, file_id, kind="archive")  # the pages' one view: same scope, same headers

"""/api/v1/archive/: 文书档案 documents and the catalog index."""
import datetime

from ninja import Field, Router, Status

from dangjian.archive import catalog, services
from dangjian.archive.models import Category, Document
from dangjian.orgs.selectors import org_get

from . import errors
from .types import Count, StrictIn, Year

router = Router(tags=["文书档案 archive"])
errors.register_labels("archive", models=["archive.Document"], extra={"org": "组织代码"})


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
    return {"id": d.id, "org": d.org.code, "category": d.category, "number": d.number, "title": d.title,
            "date": d.date.isoformat(), "retention": d.retention, "source": d.source, "source_url": d.source_url,
            "voided": d.voided, "files": [f.name for f in d.files.all()]}


@router.get("/documents", summary="文书档案（按组织、年度）")
def document_list(request, org: str, year: Year):
    o = org_get(request.user, code=org, manage=True)
    return {"items": [_d(d) for d in Document.objects.filter(org=o, year=year).select_related("org")
                      .prefetch_related("files")[:2000]]}


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

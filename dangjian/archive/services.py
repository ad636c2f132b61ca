"""Writes for 文书档案: documents, files, void (never delete), and the year-end freeze of rosters."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from dangjian.core import audit
from dangjian.lib import uploads

from .models import Category, Document, DocumentFile, Retention


@transaction.atomic
def document_create(
    *,
    actor,
    org,
    category: str,
    title: str,
    date: datetime.date,
    number: str = "",
    retention: str = Retention.LONG,
    pages: int | None = None,
    source: str = "",
    source_url: str = "",
    note: str = "",
    files=(),
) -> Document:
    """Register a document. Other modules pass ``source`` ("meetings.Meeting:12") and ``source_url``."""
    files = uploads.accept_all(files, field="file")  # every file checked before the document is saved
    doc = Document(
        org=org,
        category=category,
        title=(title or "").strip(),
        date=date,
        number=(number or "").strip(),
        retention=retention,
        pages=pages,
        source=source,
        source_url=source_url,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    doc.year = date.year if date else 0
    doc.full_clean()
    doc.save()
    for f in files:
        file_add(actor=actor, document=doc, upload=f)
    audit.record(
        actor=actor,
        org=org,
        kind="archive.document",
        subject=doc,
        data={"category": category, "title": doc.title, "number": doc.number},
    )
    return doc


def file_add(*, actor, document: Document, upload, name: str = "") -> DocumentFile:
    checked = upload if isinstance(upload, uploads.Accepted) else uploads.accept(upload, field="file")
    f = DocumentFile(
        document=document,
        file=checked.file,
        name=(name or checked.name)[:200],
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    f.save()
    return f


@transaction.atomic
def document_void(*, actor, document: Document, reason: str) -> Document:
    if not (reason or "").strip():
        raise ValidationError({"void_reason": "请填写作废原因"})
    document.voided, document.void_reason = True, reason.strip()
    document.save(update_fields=["voided", "void_reason"])
    audit.record(actor=actor, org=document.org, kind="archive.void", subject=document, data={"reason": reason})
    return document


def freeze_source(year: int) -> str:
    return f"archive.freeze:{year}"


@transaction.atomic
def freeze_year(*, actor, org, year: int) -> list[Document]:
    """Year end: write the year's 党员花名册, 新党员名册, 积极分子名册, 发展对象名册 and 变更信息库 as .xlsx files
    into the archive, so a later edit never changes last year's roster. Once per org and year."""
    from .freeze import build_files

    if Document.objects.filter(org=org, source=freeze_source(year), voided=False).exists():
        raise ValidationError(f"{org.name}{year}年度名册已归档，不能重复归档")
    date = datetime.date(year, 12, 31)
    docs = []
    for title, filename, content in build_files(org, year):
        doc = document_create(
            actor=actor,
            org=org,
            category=Category.ROSTER,
            title=title,
            date=date,
            retention=Retention.PERMANENT,
            source=freeze_source(year),
            note="年终归档，之后对人员信息的修改不影响本文件",
        )
        file_add(actor=actor, document=doc, upload=ContentFile(content, name=filename), name=filename)
        docs.append(doc)
    return docs

"""Reads of 文书档案, scoped to the orgs the user manages."""

from django.http import Http404

from dangjian.accounts.scope import visible_org_ids

from .models import Document


def document_get(user, pk) -> Document:
    doc = Document.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk).select_related("org").first()
    if doc is None:
        raise Http404("档案不存在或无权查看")
    return doc


def documents_of(org, year: int, *, category: str = ""):
    """The org's own documents of a year (of one category when given), with the org and the files."""
    qs = Document.objects.filter(org=org, year=year).select_related("org").prefetch_related("files")
    return qs.filter(category=category) if category else qs


def document_with_files(user, pk) -> Document:
    """document_get with the files read in the same go (the API lists them)."""
    doc = (
        Document.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk)
        .select_related("org")
        .prefetch_related("files")
        .first()
    )
    if doc is None:
        raise Http404("档案不存在或无权查看")
    return doc

"""Every write of the reports app: saving a draft the secretary edited, or re-generating it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core.audit import record
from dangjian.lib import clock

from . import drafting
from .models import DraftKind, SummaryDraft

STYLES = {"title", "subtitle", "h1", "h2", "h3", "body", "signature"}
MAX_TEXT = 5000


def draft_generate(*, actor, org, year: int, kind: str, today: datetime.date | None = None) -> SummaryDraft:
    """(Re)generate the draft from the records, replacing any edits (the audit keeps the old text)."""
    if kind not in DraftKind.values:
        raise ValidationError("文稿类型不正确")
    paragraphs = drafting.build(org, year, kind, today)
    with transaction.atomic():
        draft = SummaryDraft.objects.select_for_update().filter(org=org, year=year, kind=kind).first()
        old = draft.paragraphs if draft else None
        if draft is None:
            draft = SummaryDraft(org=org, year=year, kind=kind)
        draft.paragraphs = paragraphs
        draft.generated_at = clock.now()
        draft.edited_by = None
        draft.full_clean()
        draft.save()
        record(
            actor=actor,
            org=org,
            kind="reports.draft_generated",
            subject=draft,
            data={"year": year, "kind": kind, "replaced": bool(old)},
        )
    return draft


def draft_save(*, actor, draft: SummaryDraft, texts: list[str]) -> SummaryDraft:
    """Save the edited text of each paragraph (same order); the facts stay attached to their paragraph."""
    if len(texts) != len(draft.paragraphs):
        raise ValidationError("段落数量与草稿不一致，请刷新页面后重新编辑")
    for i, text in enumerate(texts, start=1):
        if len(text) > MAX_TEXT:
            raise ValidationError(f"第{i}段超过{MAX_TEXT}字，请精简")
    with transaction.atomic():
        changed = {}
        paragraphs = []
        for i, (p, text) in enumerate(zip(draft.paragraphs, texts)):
            text = text.replace("\r\n", "\n").strip()
            if text != p["text"]:
                changed[str(i + 1)] = {"before": p["text"], "after": text}
            paragraphs.append({**p, "text": text})
        draft.paragraphs = paragraphs
        draft.edited_by = actor
        draft.full_clean()
        draft.save()
        record(actor=actor, org=draft.org, kind="reports.draft_edited", subject=draft, data={"changed": changed})
    return draft

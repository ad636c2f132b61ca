"""Writes for 党务公开: propose (called by other modules too), the one status transition, attachments, messages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import audit, workflow
from dangjian.lib import clock, uploads
from dangjian.rules.disclosure import DISCLOSURE_TOPICS, method_findings

from . import workflows  # noqa: F401  (registers the 党务公开 workflow)
from .models import (
    MESSAGE_MAX,
    DisclosureAttachment,
    DisclosureItem,
    DisclosureScope,
    DisclosureStatus,
    DisclosureStep,
    Message,
)


def _require_manage(actor, org) -> None:
    """Every 党务公开 write checks scope itself, not only the view: out of scope is 404, never 403.
    ``actor=None`` is the system (demo data), which has no scope to check."""
    if actor is not None and not can_manage(actor, org):
        raise Http404("不在管理范围内")


def _rule_scope(scope: str) -> str:
    return "public" if scope == DisclosureScope.PUBLIC else "internal"


@transaction.atomic
def disclosure_propose(
    *,
    actor,
    org,
    topic: str,
    title: str,
    content: str,
    scope: str = DisclosureScope.BRANCH,
    channel: str = "",
    publish_from: datetime.date | None = None,
    publish_until: datetime.date | None = None,
    source: str = "",
    source_ref: str = "",
    on: datetime.date | None = None,
) -> DisclosureItem:
    """Step 1 (提出) of PUB-02. Other modules (发展对象公示, 党费公示, 评议结果) call this; the secretary then
    reviews, approves and publishes. ``source``/``source_ref`` name the proposing record."""
    _require_manage(actor, org)
    if topic not in DISCLOSURE_TOPICS and topic != "other":
        raise ValidationError({"topic": f"未知的公开事项“{topic}”"})
    channel = channel or (
        "website" if scope == DisclosureScope.PUBLIC else ("notice" if topic == "dues" else "bulletin")
    )
    item = DisclosureItem(
        org=org,
        topic=topic,
        title=title,
        content=content,
        scope=scope,
        channel=channel,
        publish_from=publish_from,
        publish_until=publish_until,
        source=source,
        source_ref=source_ref,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    item.full_clean()
    errors = [f for f in method_findings(_rule_scope(scope), channel, topic=topic) if f.level == "error"]
    if errors:
        raise ValidationError({"channel": errors[0].message_zh})
    item.save()
    DisclosureStep.objects.create(
        item=item,
        status=DisclosureStatus.PROPOSED,
        on=on or clock.today(),
        actor=item.created_by,
        note=f"来源：{source}" if source else "",
    )
    audit.record(
        actor=actor,
        org=org,
        kind="disclosure.propose",
        subject=item,
        data={"title": title, "scope": scope, "topic": topic, "source": source},
    )
    return item


@transaction.atomic
def disclosure_set_status(
    *, actor, item: DisclosureItem, to: str, note: str = "", on: datetime.date | None = None
) -> DisclosureItem:
    """Move an item along PUB-02 (disclosure/workflows.py); publishing checks that all four steps are on record."""
    _require_manage(actor, item.org)
    return workflow.set_status(actor=actor, obj=item, to=to, note=note, on=on)


@transaction.atomic
def attachment_add(*, actor, item: DisclosureItem, upload) -> DisclosureAttachment:
    _require_manage(actor, item.org)
    if item.status in (DisclosureStatus.PUBLISHED, DisclosureStatus.WITHDRAWN):
        raise ValidationError("已公开的事项不能再添加附件")
    checked = uploads.accept(upload, field="file")
    att = DisclosureAttachment(item=item, file=checked.file, name=checked.name, uploaded_by=actor)
    att.save()
    audit.record(actor=actor, org=item.org, kind="disclosure.attachment", subject=item, data={"name": att.name})
    return att


@transaction.atomic
def message_send(*, actor, org, body: str, item: DisclosureItem | None = None, anonymous: bool = False) -> Message:
    """意见反馈 (item given) or 书记信箱 (item None). Only a logged-in user may write."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "请填写内容"})
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": f"内容不能超过{MESSAGE_MAX}字（现有{len(body)}字）"})
    msg = Message(org=org, item=item, sender=actor, anonymous=anonymous, body=body)
    msg.full_clean()
    msg.save()
    return msg


@transaction.atomic
def message_reply(*, actor, message: Message, reply: str) -> Message:
    _require_manage(actor, message.org)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写答复内容"})
    if len(reply) > MESSAGE_MAX:
        raise ValidationError({"reply": f"答复不能超过{MESSAGE_MAX}字（现有{len(reply)}字）"})
    message.reply, message.replied_by, message.replied_at = reply, actor, clock.now()
    message.save(update_fields=["reply", "replied_by", "replied_at"])
    audit.record(actor=actor, org=message.org, kind="disclosure.reply", subject=message, data={})
    return message

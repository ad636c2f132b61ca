"""Writes for 党务公开: propose (called by other modules too), the one status transition, attachments, messages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit
from dangjian.lib import clock, uploads
from dangjian.rules.disclosure import DISCLOSURE_TOPICS, disclosure_findings, method_findings

from .models import (
    MESSAGE_MAX,
    NOTE_MAX,
    STEP_OF,
    TRANSITIONS,
    DisclosureAttachment,
    DisclosureItem,
    DisclosureStep,
    Message,
    Scope,
    Status,
    zh_date,
)


def _rule_scope(scope: str) -> str:
    return "public" if scope == Scope.PUBLIC else "internal"


@transaction.atomic
def disclosure_propose(
    *,
    actor,
    org,
    topic: str,
    title: str,
    content: str,
    scope: str = Scope.BRANCH,
    channel: str = "",
    publish_from: datetime.date | None = None,
    publish_until: datetime.date | None = None,
    source: str = "",
    source_ref: str = "",
    on: datetime.date | None = None,
) -> DisclosureItem:
    """Step 1 (提出) of PUB-02. Other modules (发展对象公示, 党费公示, 评议结果) call this; the secretary then
    reviews, approves and publishes. ``source``/``source_ref`` name the proposing record."""
    if topic not in DISCLOSURE_TOPICS and topic != "other":
        raise ValidationError({"topic": f"未知的公开事项“{topic}”"})
    channel = channel or ("website" if scope == Scope.PUBLIC else ("notice" if topic == "dues" else "bulletin"))
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
        status=Status.PROPOSED,
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


def step_dates(item: DisclosureItem) -> dict:
    """The latest date of each PUB-02 step recorded for the item (rule-engine step codes)."""
    out = {}
    for s in item.steps.all():
        code = STEP_OF.get(s.status)
        if code:
            out[code] = s.on
    return out


@transaction.atomic
def disclosure_set_status(
    *, actor, item: DisclosureItem, to: str, note: str = "", on: datetime.date | None = None
) -> DisclosureItem:
    """The one transition (TRANSITIONS); publishing checks that all four steps are on record (PUB-02)."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if to not in TRANSITIONS.get(item.status, set()):
        raise ValidationError(f"当前状态“{item.get_status_display()}”不能变为“{Status(to).label}”")
    if to == Status.REJECTED and not note.strip():
        raise ValidationError({"note": "不通过时请填写意见"})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"意见不能超过{NOTE_MAX}字（现有{len(note)}字）"})
    on = on or clock.today()
    if to == Status.PUBLISHED:
        if item.publish_until and item.publish_until < on:
            raise ValidationError({"publish_until": f"公开期已于{zh_date(item.publish_until)}截止，不能再公开"})
        steps = step_dates(item) | {"publish": on}
        errors = disclosure_findings(steps, subject=item.title)
        if errors:
            raise ValidationError("；".join(f.message_zh for f in errors))
        if not item.publish_from or item.publish_from < on:
            item.publish_from = on
    before = item.status
    item.status = to
    item.save(update_fields=["status", "publish_from"])
    DisclosureStep.objects.create(
        item=item, status=to, on=on, actor=actor if getattr(actor, "pk", None) else None, note=note
    )
    audit.record(
        actor=actor, org=item.org, kind="disclosure.status", subject=item, data={"from": before, "to": to, "note": note}
    )
    return item


@transaction.atomic
def attachment_add(*, actor, item: DisclosureItem, upload) -> DisclosureAttachment:
    if item.status in (Status.PUBLISHED, Status.WITHDRAWN):
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
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写答复内容"})
    if len(reply) > MESSAGE_MAX:
        raise ValidationError({"reply": f"答复不能超过{MESSAGE_MAX}字（现有{len(reply)}字）"})
    message.reply, message.replied_by, message.replied_at = reply, actor, clock.now()
    message.save(update_fields=["reply", "replied_by", "replied_at"])
    audit.record(actor=actor, org=message.org, kind="disclosure.reply", subject=message, data={})
    return message

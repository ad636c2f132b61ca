"""Reads for 党务公开. Who may read what:

- managers of the item's org (visible_org_ids manage=True): every item, in any status, and its messages;
- published items inside their window: ``public`` to anyone (also without login, on /public/disclosure/),
  ``school`` to any logged-in user of the same bureau, ``branch`` to members of the org (their branch or a
  branch below it, or a member role there). Anything else is 404.
"""

import datetime

from django.db.models import Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import Org, subtree_q

from .models import DisclosureItem, DisclosureScope, DisclosureStatus, Message


def live(today: datetime.date) -> Q:
    return Q(status=DisclosureStatus.PUBLISHED, publish_from__lte=today) & (
        Q(publish_until__isnull=True) | Q(publish_until__gte=today)
    )


def _member_org_ids(user) -> set[int]:
    """Orgs whose members-only items the user may read: the person's org and its ancestors, plus orgs
    where the user holds any role (and their subtrees)."""
    ids = set(Org.objects.filter(id__in=visible_org_ids(user)).values_list("id", flat=True)[:5000])
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is not None and person.on_roll:
        ids.add(person.org_id)
        ids.update(person.org.ancestors_ids())
    return ids


def _bureau_ids(org_ids: set[int]) -> set[int]:
    rows = Org.objects.filter(id__in=org_ids).values_list("id", "bureau_id")
    return {b or i for i, b in rows}


def items_public(today: datetime.date):
    return DisclosureItem.objects.filter(live(today), scope=DisclosureScope.PUBLIC).select_related("org")


def items_readable(user, today: datetime.date):
    """Items this user may open (for the list: see ``items_feed``)."""
    if not getattr(user, "is_authenticated", False):
        return items_public(today)
    if user.is_superuser:
        return DisclosureItem.objects.select_related("org")
    member = _member_org_ids(user)
    cond = Q(org_id__in=visible_org_ids(user, manage=True)) | (
        live(today)
        & (
            Q(scope=DisclosureScope.PUBLIC)
            | Q(scope=DisclosureScope.BRANCH, org_id__in=member)
            | Q(scope=DisclosureScope.SCHOOL, org__bureau_id__in=_bureau_ids(member))
            | Q(scope=DisclosureScope.SCHOOL, org_id__in=member)
        )
    )
    return DisclosureItem.objects.filter(cond).select_related("org")


def items_feed(user, today: datetime.date):
    """What is published to this user right now (the member's 公开栏)."""
    return items_readable(user, today).filter(live(today))


def item_get(user, pk, today: datetime.date, *, manage: bool = False) -> DisclosureItem:
    qs = (
        DisclosureItem.objects.filter(org_id__in=visible_org_ids(user, manage=True))
        if manage
        else items_readable(user, today)
    )
    item = qs.select_related("org").filter(pk=pk).first()
    if item is None:
        raise Http404("公开事项不存在或无权查看")
    return item


def public_item_get(pk, today: datetime.date) -> DisclosureItem:
    item = items_public(today).filter(pk=pk).first()
    if item is None:
        raise Http404("公开事项不存在")
    return item


def messages_for(user, org: Org):
    """Messages the user may read as a manager of ``org``'s subtree (404 is the caller's org_get)."""
    return Message.objects.filter(
        subtree_q(org.path, "org__path"), org_id__in=visible_org_ids(user, manage=True)
    ).select_related("item", "sender", "org")


def sender_shown(message: Message, user) -> str:
    """The name a reader sees: anonymous senders are hidden from the branch (the system admin still sees them)."""
    if message.sender is None:
        return "（已注销）"
    if message.anonymous and not user.is_superuser:
        return "匿名"
    person = getattr(message.sender, "person", None)
    return person.name if person else (message.sender.first_name or message.sender.username)


def my_messages(user):
    return Message.objects.filter(sender=user).select_related("item", "org")


def org_items(user, org: Org, *, newest_first: bool = False):
    """Every item of ``org``'s subtree, in any status, for its managers (404 is the caller's org_get)."""
    qs = DisclosureItem.objects.filter(
        subtree_q(org.path, "org__path"), org_id__in=visible_org_ids(user, manage=True)
    ).select_related("org")
    return qs.order_by("-id") if newest_first else qs


def item_steps(item: DisclosureItem):
    return item.steps.select_related("actor")


def item_feedback(item: DisclosureItem):
    return item.feedback.select_related("sender")


def message_get(user, pk) -> Message:
    """A message of an org the user manages; anything else is 404."""
    msg = (
        Message.objects.filter(pk=pk, org_id__in=visible_org_ids(user, manage=True))
        .select_related("org", "item", "sender")
        .first()
    )
    if msg is None:
        raise Http404("信件不存在或无权查看")
    return msg

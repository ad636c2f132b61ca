"""党务公开 attachments for the one download view: managers and readers of the item; the public only when published."""

from dangjian.core import attachments
from dangjian.lib import clock

from . import selectors
from .models import DisclosureAttachment

attachments.register(
    "disclosure",
    model=DisclosureAttachment,
    check=lambda request, att: selectors.item_get(request.user, att.item_id, clock.today()),
)
attachments.register(
    "disclosure-public",
    model=DisclosureAttachment,
    check=lambda request, att: selectors.public_item_get(att.item_id, clock.today()),
)

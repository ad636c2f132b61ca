"""整改 evidence for the one download view: the item's managers and its 责任人."""

from dangjian.core import attachments

from . import selectors
from .models import RectificationFile

attachments.register(
    "rectification",
    model=RectificationFile,
    check=lambda request, f: selectors.item_get(request.user, f.rectification_id, manage=False),
)

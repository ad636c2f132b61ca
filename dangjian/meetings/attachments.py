"""组织生活 materials (photos, sign-in scans) for the one download view: the meeting's managers."""

from dangjian.core import attachments

from .models import MeetingAttachment
from .selectors import attachment_get

attachments.register(
    "meeting",
    model=MeetingAttachment,
    check=lambda request, att: attachment_get(request.user, att.pk),
    name_of=lambda att: None,  # the stored name: 说明 is free text, not a file name
)

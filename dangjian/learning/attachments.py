"""学习 certificates for the one download view: whoever may read the study record."""

from dangjian.core import attachments

from . import selectors
from .models import StudyRecord

attachments.register(
    "study",
    model=StudyRecord,
    check=lambda request, rec: selectors.record_get(request.user, rec.pk),
    field="certificate",
    name_of=lambda rec: None,
)

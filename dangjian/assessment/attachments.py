"""考核 evidence for the one download view: managers of the assessed org and of the orgs above it."""

from dangjian.core import attachments

from . import selectors
from .models import EvidenceFile

attachments.register(
    "assessment", model=EvidenceFile, check=lambda request, f: selectors.evidence_get(request.user, f.pk)
)

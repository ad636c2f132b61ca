"""文书档案 files for the one download view: whoever may read the document."""

from dangjian.core import attachments

from .models import DocumentFile
from .selectors import document_get

attachments.register("archive", model=DocumentFile, check=lambda request, f: document_get(request.user, f.document_id))

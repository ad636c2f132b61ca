"""Download a case document (.docx rendered from the records)."""
from urllib.parse import quote

from django.http import Http404, HttpResponse

from .docs import KINDS, render_docx
from .selectors import case_get

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document(request, pk, kind):
    case = case_get(request.user, pk)
    if kind not in KINDS:
        raise Http404("没有这种文书")
    response = HttpResponse(render_docx(case, kind), content_type=DOCX)
    name = quote(f"{case.person.name}-{KINDS[kind]}.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response

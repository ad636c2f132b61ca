"""Download a case document (.docx rendered from the records)."""

from django.http import Http404

from dangjian.lib.office.names import DOCX, download_name, download_response

from .docs import KINDS, render_docx
from .selectors import case_get


def document(request, pk, kind):
    case = case_get(request.user, pk)
    if kind not in KINDS:
        raise Http404("没有这种文书")
    name = download_name(case.org.name, None, f"{case.person.name}{KINDS[kind]}", "docx")
    return download_response(render_docx(case, kind), name, DOCX)

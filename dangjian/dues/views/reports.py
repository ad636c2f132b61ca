"""Report downloads: 党费收缴明细表 (month), annual summary, and the PUB-01 disclosure notice."""


from django.http import Http404, HttpResponse
from django.utils import timezone

from dangjian.orgs.selectors import org_get

from ..reports import build
from ._util import parse_month

TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def report(request, code, kind, fmt):
    org = org_get(request.user, code=code, manage=True)
    if fmt not in TYPES or kind not in build.KINDS:
        raise Http404("没有这种报表")
    today = timezone.localdate()
    month = parse_month(request.GET.get("month"))
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    content, filename = build.render(kind, fmt, org=org, month=month, year=year, today=today)
    response = HttpResponse(content, content_type=TYPES[fmt])
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response




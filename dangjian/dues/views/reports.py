"""Report downloads: 党费收缴明细表 (month), annual summary, and the PUB-01 disclosure notice."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dangjian.lib import clock
from dangjian.lib.office.names import download_response
from dangjian.orgs.selectors import org_get

from ..reports import build
from ._util import parse_month

TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def report(request, code, kind, fmt):
    org = org_get(request.user, code=code, manage=True)
    if fmt not in TYPES or kind not in build.KINDS:
        raise Http404("没有这种报表")
    today = clock.today()
    month = parse_month(request.GET.get("month"))
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    content, filename = build.render(kind, fmt, org=org, month=month, year=year, today=today)
    return download_response(content, filename, TYPES[fmt])


@require_POST
def notice_propose(request, code):
    """Record once: the year's dues notice (PUB-01) goes to 党务公开 as a proposed item."""
    from dangjian.disclosure.services import disclosure_propose

    from ..reports.data import notice

    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    try:
        year = int(request.POST.get("year") or today.year)
    except ValueError:
        year = today.year
    rep = notice(org, year, today)
    item = disclosure_propose(
        actor=request.user,
        org=org,
        topic="dues",
        scope="branch",
        title=rep.title,
        content="\n".join(rep.paragraphs),
        source="党费公示",
        source_ref=f"/dues/org/{org.code}/ledger/",
    )
    messages.success(request, "已提交党务公开，请在“公开与档案”中审核、审批后公开")
    return redirect("disclosure:item", item.pk)

"""Org dues pages: the month table, charge generation, arrears, ledger; the member's own page."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.members.selectors import own_person
from dangjian.orgs.selectors import org_get
from dangjian.rules.periods import add_months

from .. import selectors, services
from ..forms import ReconciliationForm, RemittanceForm
from ._util import parse_date, parse_month


def home(request):
    managed = selectors.managed_top_orgs(request.user)
    if managed:
        return redirect("dues:month", managed[0].code)
    return redirect("dues:me")


def _ctx(org, tab, **extra):
    return {"org": org, "tab": tab, **extra}


def month(request, code):
    org = org_get(request.user, code=code, manage=True)
    m = parse_month(request.GET.get("month"))
    # Counts and totals are of everyone (one aggregate); only the page's 50 rows are computed in full.
    data = selectors.monthly_page(org, m, request.GET.get("page"))
    return render(
        request,
        "dues/month.html",
        _ctx(
            org,
            "month",
            month=m,
            **data,
            prev=add_months(m, -1),
            next=add_months(m, 1),
        ),
    )


@require_POST
def generate(request, code):
    org = org_get(request.user, code=code, manage=True)
    m = parse_month(request.POST.get("month"))
    r = services.charges_generate(actor=request.user, org=org, month=m)
    text = f"{m.year}年{m.month}月应交记录：新生成{r['created']}条，原有{r['existing']}条"
    if r["missing_base"]:
        text += f"；{r['missing_base']}名党员尚未录入党费基数，未生成"
    messages.success(request, text)
    return redirect(f"/dues/org/{org.code}/?month={m:%Y-%m}")


def arrears(request, code):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    # A city has thousands of members in arrears: 50 a page (the whole list was 8.9 MB of HTML).
    page = selectors.arrears_page(org, today, request.GET.get("page"))
    return render(request, "dues/arrears.html", _ctx(org, "arrears", rows=page, page=page, today=today))


def ledger(request, code):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    start = parse_date(request.GET.get("start"), datetime.date(today.year, 1, 1))
    end = parse_date(request.GET.get("end"), today)
    remit = RemittanceForm(
        request.POST if request.POST.get("form") == "remit" else None,
        initial={"period_start": start, "period_end": end, "remitted_on": today},
    )
    recon = ReconciliationForm(
        request.POST if request.POST.get("form") == "recon" else None, initial={"period_end": today}
    )
    for form, call in ((remit, services.remittance_record), (recon, services.reconciliation_record)):
        if request.method == "POST" and form.is_bound and form.is_valid():
            try:
                row = call(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if form is recon:
                    level = messages.success if row.matches else messages.warning
                    level(request, "账款相符" if row.matches else f"账款不符：差额{row.difference}元，请核对")
                else:
                    messages.success(request, f"已登记上缴{row.amount}元")
                return redirect(request.get_full_path())
    data = selectors.ledger(org, start, end)
    return render(request, "dues/ledger.html", _ctx(org, "ledger", data=data, remit=remit, recon=recon))


def me(request):
    person = own_person(request.user)
    if person is None:
        return render(request, "dues/me.html", {"person": None})
    data = selectors.member_dues(person, clock.today())
    return render(request, "dues/me.html", {"person": person, **data})

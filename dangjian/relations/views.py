"""Thin views for 组织关系: overview, letters, whereabouts, lost contact, pocket members, the 排查 ledger."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.core.paging import PER_PAGE, page_of
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.rules.membership import removal_eligible_from, suspension_eligible_from

from . import selectors, services
from .forms import LostForm, MobileForm, TransferInForm, TransferOutForm
from .models import TransferDirection


def _date(value, default):
    # a link's day that does not read falls back to the page's default rather than an error page
    try:
        return parse_day(value) if value else default
    except ValidationError:
        return default


def home(request, code):
    org = org_get(request.user, code=code, manage=True)
    lost = [
        (p, suspension_eligible_from(p.lost_contact_since) if p.lost_contact_since else None)
        for p in selectors.lost_contact(org)
    ]
    suspended = [(p, removal_eligible_from(p.left_on) if p.left_on else None) for p in selectors.suspended(org)]
    return render(
        request,
        "relations/home.html",
        {
            "org": org,
            # two lists on one page, each with its own page number (?out= / ?in=), 50 letters a page
            "outgoing": Paginator(selectors.transfers(org, TransferDirection.OUT), PER_PAGE).get_page(
                request.GET.get("out")
            ),
            "incoming": Paginator(selectors.transfers(org, TransferDirection.IN), PER_PAGE).get_page(
                request.GET.get("in")
            ),
            "mobile": selectors.mobile(org),
            "lost": lost,
            "suspended": suspended,
            "today": clock.today(),
        },
    )


def _people(org):
    return selectors.member_choices(org)


def _person_form(request, scope_org, form_cls, service, ok, initial=None, **extra):
    people = _people(scope_org)
    form = form_cls(
        request.POST or None,
        people=people,
        initial={"since": clock.today(), "issued_on": clock.today(), **(initial or {})},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["person"] = selectors.chosen(people, data["person"])
        try:
            result = service(actor=request.user, **extra, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, ok.format(name=data["person"].name))
            return result, form
    return None, form


def transfer_out_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    t, form = _person_form(request, org, TransferOutForm, services.transfer_issue, "已为{name}开具转出介绍信", org=org)
    if t:
        return redirect("relations:transfer", t.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"开具组织关系转出介绍信 · {org.name}"})


def transfer_in_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = TransferInForm(request.POST or None, initial={"issued_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            t = services.transfer_receive(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记{t.name}的转入介绍信；请在花名册中添加该党员后登记报到")
            return redirect("relations:transfer", t.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"登记组织关系转入 · {org.name}"})


def transfer_detail(request, pk):
    t = selectors.transfer_get(request.user, pk)
    due = t.issued_on + datetime.timedelta(days=t.valid_days)
    internal = selectors.internal_for_letter(t)  # a transfer inside this system: the person is known already
    nxt = selectors.next_statuses(t, internal)
    people = _people(t.org) if t.direction == TransferDirection.IN and nxt and internal is None else []
    return render(
        request,
        "relations/transfer.html",
        {
            "t": t,
            "due": due,
            "today": clock.today(),
            "log": selectors.transfer_log(t),
            "next": nxt,
            "people": people,
            "internal": internal,
        },
    )


@require_POST
def transfer_status(request, pk):
    t = selectors.transfer_get(request.user, pk)
    person = None
    if request.POST.get("person"):
        person = person_get(request.user, request.POST["person"], manage=True)
    try:
        services.transfer_set_status(
            actor=request.user,
            transfer=t,
            to=request.POST.get("to", ""),
            on=_date(request.POST.get("on"), clock.today()),
            note=request.POST.get("note", ""),
            person=person,
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已更新介绍信状态")
    return redirect("relations:transfer", t.pk)


def mobile_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    rec, form = _person_form(
        request,
        org,
        MobileForm,
        services.mobile_start,
        "已登记流动党员{name}",
        initial={"person": request.GET.get("person")} if request.GET.get("person") else None,
    )
    if rec:
        return redirect("relations:home", org.code)
    return render(request, "appraisal/form.html", {"form": form, "title": f"登记流动党员 · {org.name}"})


@require_POST
def mobile_end(request, pk):
    rec = selectors.mobile_get(request.user, pk)
    try:
        services.mobile_end(actor=request.user, record=rec, on=_date(request.POST.get("on"), clock.today()))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("relations:home", rec.org.code)


@require_POST
def mobile_clear(request, pk):
    """A 流动党员 flagged on the roster without a whereabouts record is back."""
    person = person_get(request.user, pk, manage=True)
    try:
        services.mobile_clear(actor=request.user, person=person, on=_date(request.POST.get("on"), clock.today()))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"{person.name}已返回")
    return redirect("relations:home", person.org.code)


def lost_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    p, form = _person_form(request, org, LostForm, services.lost_contact_mark, "已将{name}登记为失联党员")
    if p:
        return redirect("relations:home", org.code)
    return render(request, "appraisal/form.html", {"form": form, "title": f"登记失联党员 · {org.name}"})


@require_POST
def lost_clear(request, pk):
    person = person_get(request.user, pk, manage=True)
    services.lost_contact_clear(actor=request.user, person=person)
    messages.success(request, f"已恢复与{person.name}的联系")
    return redirect("relations:home", person.org.code)


@require_POST
def suspend(request, pk):
    person = person_get(request.user, pk, manage=True)
    try:
        services.member_suspend(
            actor=request.user,
            person=person,
            on=_date(request.POST.get("on"), clock.today()),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已停止{person.name}的党籍（两年后仍无法联系的按自行脱党除名）")
    return redirect("relations:home", person.org.code)


def pocket(request, code):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    page = page_of(request, selectors.pocket_members(org, today))
    return render(
        request,
        "relations/pocket.html",
        {
            "org": org,
            "rows": page,
            "page": page,
            "note": selectors.pocket_note(org, today),
            "today": today,
        },
    )


def survey(request, code):
    org = org_get(request.user, code=code, manage=True)
    on = _date(request.GET.get("on"), clock.today())
    if request.method == "POST":
        ledger = services.survey_save(actor=request.user, org=org, on=on)
        messages.success(request, f"已存入{ledger.year}年度组织关系集中排查台账")
        return redirect("relations:survey", org.code)
    data = selectors.relations_survey(org, on)
    ledgers = selectors.survey_ledgers(org)
    return render(request, "relations/survey.html", {"org": org, "on": on, "s": data, "ledgers": ledgers})

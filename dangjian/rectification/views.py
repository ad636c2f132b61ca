"""Thin views: the 整改台账 per org, the found problems with 列入整改, the raise form, an item with its closure
(report done with evidence, accept 销号, return 退回, cancel 撤销) and the .xlsx export."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.lib.office.names import download_response
from dangjian.orgs.selectors import org_get, subtree_ids, top_orgs

from . import selectors, services, sources
from .export import ledger_xlsx
from .forms import AcceptForm, CancelForm, EditForm, FilterForm, KeyForm, RaiseForm, ReportForm, ReturnForm
from .models import RectificationStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request, code):
    return org_get(request.user, code=code, manage=True)


def _people(request, org):
    return selectors.owner_choices(request.user, org)


def _filters(request):
    form = FilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    year = d.get("year") if "year" in request.GET else clock.today().year
    return form, {
        "year": year,
        "status": d.get("status", ""),
        "source": d.get("source", ""),
        "overdue": bool(d.get("overdue")),
    }


def home(request):
    """The ledger of ?org=CODE (other query parameters such as year are kept), else of the user's top org."""
    query = request.GET.copy()
    code = query.pop("org", [""])[-1]
    if code:
        org = _org(request, code)
    else:
        managed = [o for o in top_orgs(request.user) if can_manage(request.user, o)]
        if not managed:
            raise Http404("没有可管理的党组织")
        org = managed[0]
    url = reverse("rectification:ledger", args=[org.code])
    return redirect(f"{url}?{query.urlencode()}" if query else url)


def ledger(request, code):
    org = _org(request, code)
    today = clock.today()
    form, f = _filters(request)
    page = page_of(request, selectors.ledger(request.user, org, today=today, **f))
    items = list(page)
    for item in items:
        item.overdue = item.is_overdue(today)
    counts = selectors.counts_by_org(subtree_ids(org), f["year"] or today.year, today)
    total = {k: sum(c[k] for c in counts.values()) for k in ("open", "overdue", "closed", "closed_on_time", "due")}
    orgs = selectors.org_choices(request.user)[:300]
    earlier = selectors.earlier_live_count(request.user, org, f["year"], today)
    return render(
        request,
        "rectification/ledger.html",
        {
            "org": org,
            "items": items,
            "page": page,
            "form": form,
            "f": f,
            "total": total,
            "orgs": orgs,
            "today": today,
            "earlier": earlier,
            "query": request.GET.urlencode(),
            "years": range(today.year, today.year - 5, -1),
        },
    )


def export(request, code):
    org = _org(request, code)
    today = clock.today()
    _, f = _filters(request)
    items = selectors.ledger(request.user, org, today=today, **f)
    title = f"{org.name}{f['year'] or ''}{'年度' if f['year'] else ''}整改台账"
    data = ledger_xlsx(title, items, today, with_org=not org.is_branch)
    return download_response(data, f"{title}.xlsx", XLSX)


def findings(request, code):
    org = _org(request, code)
    today = clock.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    found = sources.candidates(org, year, today)
    raised = selectors.live_by_key(subtree_ids(org))
    sections = []
    for title, rows in found["sections"]:
        for c in rows:
            c["item"] = raised.get((c["org"].id, c["source"], c["source_ref"]))
            c["query"] = _raise_query(c, year, today)
        sections.append((title, rows))
    return render(
        request,
        "rectification/findings.html",
        {
            "org": org,
            "year": year,
            "sections": sections,
            "left_out": found["left_out"],
            "years": range(today.year, today.year - 5, -1),
        },
    )


def _raise_query(c, year, today) -> str:
    values = {
        "source": c["source"],
        "source_ref": c["source_ref"],
        "year": year,
        "rule_id": c["rule_id"],
        "problem": c["problem"],
        "measure": c["measure"],
    }
    if c["owner_id"]:
        values["owner"] = c["owner_id"]
    if c["due_date"] and c["due_date"] >= today:  # a past deadline (e.g. a visit's) is not offered again
        values["due_date"] = c["due_date"].isoformat()
    return reverse("rectification:new", args=[c["org"].code]) + "?" + urlencode(values)


def new(request, code):
    org = _org(request, code)
    keyed = bool(request.POST.get("source_ref") or request.GET.get("source_ref"))
    orgs = selectors.org_choices(request.user, org, only_org=keyed)
    people = _people(request, org)
    if request.method == "POST":
        form = RaiseForm(request.POST, orgs=orgs, people=people)
        key = KeyForm(request.POST)
        if form.is_valid() and key.is_valid():
            try:
                item = services.rectification_raise(
                    actor=request.user,
                    **form.cleaned_data,
                    source=key.cleaned_data["source"],
                    source_ref=key.cleaned_data["source_ref"],
                    year=key.cleaned_data["year"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已列入整改台账")
                return redirect("rectification:detail", item.pk)
    else:
        initial = {k: v for k, v in request.GET.items()}
        initial.setdefault("org", org.pk)
        initial.setdefault("due_date", services.default_due(clock.today()).isoformat())
        form = RaiseForm(initial=initial, orgs=orgs, people=people)
        key = KeyForm(initial=initial)
    return render(request, "rectification/new.html", {"org": org, "form": form, "key": key})


def detail(request, pk):
    item = selectors.item_get(request.user, pk, manage=False)  # the owner may read their own item
    today = clock.today()
    user = request.user
    manages = can_manage(user, item.org)
    steps = {s.value for s in selectors.next_statuses(user, item)}  # the table, narrowed to this user's steps
    people = _people(request, item.org) if manages else selectors.no_people()
    return render(
        request,
        "rectification/detail.html",
        {
            "item": item,
            "overdue": item.is_overdue(today),
            "log": selectors.item_log(item),
            "files": item.files.all(),
            "can_report": RectificationStatus.DONE in steps,
            "manages": manages,
            "can_accept": RectificationStatus.CLOSED in steps,
            "can_return": RectificationStatus.OPEN in steps,
            "can_cancel": RectificationStatus.CANCELLED in steps,
            "report_form": ReportForm(initial={"closure_note": item.closure_note}),
            "accept_form": AcceptForm(),
            "return_form": ReturnForm(),
            "cancel_form": CancelForm(),
            "edit_form": EditForm(
                people=people, initial={"measure": item.measure, "owner": item.owner_id, "due_date": item.due_date}
            ),
        },
    )


def _act(request, pk, form_class, call, done_msg, form_kw=None):
    item = selectors.item_get(request.user, pk)
    form = form_class(request.POST, request.FILES, **form_kw(item) if form_kw else {})
    if form.is_valid():
        try:
            call(item, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, done_msg)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    return redirect("rectification:detail", item.pk)


@require_POST
def report(request, pk):
    return _act(
        request,
        pk,
        ReportForm,
        lambda item, d: services.rectification_report_done(
            actor=request.user,
            item=item,
            closure_note=d["closure_note"],
            files=d["files"],
            reported_on=d["reported_on"],
        ),
        "已报告整改完成，等待上级验收",
    )


@require_POST
def accept(request, pk):
    return _act(
        request,
        pk,
        AcceptForm,
        lambda item, d: services.rectification_accept(actor=request.user, item=item, note=d["note"]),
        "已验收销号",
    )


@require_POST
def return_(request, pk):
    return _act(
        request,
        pk,
        ReturnForm,
        lambda item, d: services.rectification_return(actor=request.user, item=item, reason=d["reason"]),
        "已退回，请支部重新整改",
    )


@require_POST
def cancel(request, pk):
    return _act(
        request,
        pk,
        CancelForm,
        lambda item, d: services.rectification_cancel(actor=request.user, item=item, reason=d["reason"]),
        "已撤销（保留在台账中）",
    )


@require_POST
def edit(request, pk):
    return _act(
        request,
        pk,
        EditForm,
        lambda item, d: services.rectification_update(actor=request.user, item=item, **d),
        "已保存",
        form_kw=lambda item: {"people": _people(request, item.org)},
    )

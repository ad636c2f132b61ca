"""两优一先 nominations: a branch nominates after its vote; superiors approve or reject on the same page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import workflow
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.models import OrgKind

from .. import selectors, services
from ..forms import DecideForm, NominationForm

NOMINATING_KINDS = (OrgKind.BRANCH, OrgKind.JOINT_BRANCH, OrgKind.GENERAL_BRANCH)


def nominations(request):
    orgs = selectors.managed_orgs(request.user, kinds=NOMINATING_KINDS)
    people = selectors.roll_people(request.user, orgs)
    form = NominationForm(request.POST or None, orgs=orgs, people=people, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已提交推荐，等待上级审定")
            return redirect(request.path)
    managed = selectors.managed_org_ids(request.user)
    page = page_of(request, selectors.nominations_visible(request.user))
    for n in page:
        n.decidable = bool(workflow.available_statuses(n)) and selectors.can_decide(request.user, n, managed)
    return render(
        request,
        "plans/nominations.html",
        {"form": form, "rows": page, "page": page, "decide_form": DecideForm(), "can_nominate": orgs.exists()},
    )


@require_POST
def nomination_decide(request, pk):
    nom = selectors.nomination_get(request.user, pk)
    if not selectors.can_decide(request.user, nom):
        raise Http404("不在审定范围内")
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审定结果填写有误")
        return redirect("plans:nominations")
    try:
        services.nomination_decide(
            actor=request.user,
            nomination=nom,
            approved=form.cleaned_data["approved"],
            note=form.cleaned_data["note"],
            level=form.cleaned_data["level"],
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已审定" + ("，荣誉已登记" if form.cleaned_data["approved"] else ""))
    return redirect("plans:nominations")

"""Pages for yearly work plans: list, create, items, adopt, submit and review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.orgs.models import OrgKind, subtree_q
from dangjian.orgs.selectors import orgs_visible

from .. import selectors, services
from ..forms import ItemForm, PlanForm
from ..models import ItemStatus


def plan_list(request):
    orgs = orgs_visible(request.user, manage=True).exclude(kind=OrgKind.GROUP)
    form = PlanForm(request.POST or None, orgs=orgs, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_create(actor=request.user, org=d["org"], year=d["year"], intro=d["intro"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("plans:plan_detail", plan.pk)
    plans = selectors.plans_visible(request.user).order_by("-year", "org__path")[:200]
    return render(request, "plans/plan_list.html", {"plans": plans, "form": form})


def _people(plan):
    return Person.objects.filter(subtree_q(plan.org.path, "org__path"), on_roll=True).order_by("name")


def plan_detail(request, pk):
    plan = selectors.plan_get(request.user, pk)
    manage = can_manage(request.user, plan.org)
    form = ItemForm(request.POST or None, people=_people(plan)) if manage else None
    if request.method == "POST" and manage and form.is_valid():
        d = form.cleaned_data
        try:
            services.plan_item_create(actor=request.user, plan=plan, **d)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("plans:plan_detail", pk)
    reviewer = bool(plan.org.parent_id and can_manage(request.user, plan.org.parent))
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "items": plan.items.select_related("owner", "source__plan__org"),
            "form": form,
            "manage": manage,
            "reviewer": reviewer,
            "progress": selectors.progress(plan),
            "adoptable": selectors.adoptable_items(plan) if manage else [],
            "today": clock.today(),
            "statuses": ItemStatus.choices,
        },
    )


@require_POST
def item_status(request, pk):
    item = selectors.item_get(request.user, pk)
    values = {"status": request.POST.get("status", item.status)}
    if "evidence_url" in request.POST:
        values["evidence_url"] = request.POST["evidence_url"].strip()
    try:
        services.plan_item_update(actor=request.user, item=item, **values)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("plans:plan_detail", item.plan_id)


@require_POST
def item_adopt(request, pk):
    plan = selectors.plan_get(request.user, pk, manage=True)
    source = get_object_or_404(selectors.adoptable_items(plan), pk=request.POST.get("source"))
    try:
        services.plan_item_adopt(actor=request.user, plan=plan, source=source)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("plans:plan_detail", pk)


@require_POST
def plan_submit(request, pk):
    plan = selectors.plan_get(request.user, pk, manage=True)
    part = "result" if request.POST.get("part") == "result" else "plan"
    try:
        services.plan_submit(actor=request.user, plan=plan, part=part, result_text=request.POST.get("result_text"))
        messages.success(request, "已报送上级审核")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("plans:plan_detail", pk)


@require_POST
def plan_review(request, pk):
    plan = selectors.plan_get(request.user, pk, manage=True)
    part = "result" if request.POST.get("part") == "result" else "plan"
    try:
        services.plan_review(
            actor=request.user,
            plan=plan,
            part=part,
            approve=request.POST.get("decision") == "approve",
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("plans:plan_detail", pk)

"""Pages for yearly work plans: list, create, items, adopt, submit and review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock

from .. import selectors, services
from ..forms import ItemForm, PlanForm
from ..models import PlanItemStatus, PlanReviewStatus


def plan_list(request):
    orgs = selectors.managed_orgs(request.user)
    form = PlanForm(request.POST or None, orgs=orgs, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_create(actor=request.user, org=d["org"], year=d["year"], intro=d["intro"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("plans:plan_detail", plan.pk)
    page = page_of(request, selectors.plans_visible(request.user).order_by("-year", "org__path", "id"))
    return render(request, "plans/plan_list.html", {"page": page, "form": form})


def _moves(plan, field, manage, reviewer) -> list[str]:
    mine = {PlanReviewStatus.SUBMITTED} if manage and plan.org.parent_id else set()
    if reviewer:
        mine |= {PlanReviewStatus.APPROVED, PlanReviewStatus.RETURNED}
    return [s.value for s in workflow.available_statuses(plan, field) if s in mine]


def plan_detail(request, pk):
    plan = selectors.plan_get(request.user, pk)
    manage = can_manage(request.user, plan.org)
    form = ItemForm(request.POST or None, people=selectors.plan_people(plan)) if manage else None
    if request.method == "POST" and manage and form.is_valid():
        d = form.cleaned_data
        try:
            services.plan_item_create(actor=request.user, plan=plan, **d)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("plans:plan_detail", pk)
    reviewer = bool(plan.org.parent_id and can_manage(request.user, plan.org.parent))
    items = list(selectors.plan_items(plan))
    for it in items:  # the item's own status, then the moves its workflow allows
        it.choices = [PlanItemStatus(it.status), *workflow.available_statuses(it)]
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "items": items,
            # What this user may do next: the owner reports, the superior reviews (plans/workflows.py).
            "plan_next": _moves(plan, "status", manage, reviewer),
            "result_next": _moves(plan, "result_status", manage, reviewer),
            "form": form,
            "manage": manage,
            "reviewer": reviewer,
            "progress": selectors.progress(plan),
            "adoptable": selectors.adoptable_items(plan) if manage else [],
            "today": clock.today(),
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

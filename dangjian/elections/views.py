"""Thin views for 换届选举."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.orgs.selectors import current_committee, org_get
from dangjian.rules.votes import min_candidates

from . import selectors, services
from .models import ElectionStatus


def home(request, code):
    org = org_get(request.user, code=code, manage=True)
    term, posts = current_committee(org)
    return render(
        request,
        "elections/home.html",
        {
            "org": org,
            "term": term,
            "posts": posts,
            "people": selectors.members_of(org),
            "page": page_of(request, selectors.elections_of(org)),
        },
    )


@require_POST
def create(request, code):
    org = org_get(request.user, code=code, manage=True)
    try:
        held_on = parse_day(request.POST.get("held_on", ""), label="选举日期")
        seats = int(request.POST.get("seats", "0"))
    except (ValueError, ValidationError):
        messages.error(request, "请填写选举日期和委员名额")
        return redirect("elections:home", org.code)
    chosen = selectors.members_picked(org, request.POST.getlist("candidates"))
    try:
        e = services.election_create(actor=request.user, org=org, held_on=held_on, seats=seats, candidates=chosen)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("elections:home", org.code)
    return redirect("elections:detail", e.pk)


def detail(request, pk):
    e = selectors.election_get(request.user, pk)
    can_approve = e.org.parent_id is not None and can_manage(request.user, e.org.parent)
    nxt = [s.value for s in workflow.available_statuses(e)]  # elections/workflows.py
    return render(
        request,
        "elections/detail.html",
        {
            "e": e,
            "cands": selectors.candidates_of(e),
            "can_vote": ElectionStatus.VOTED in nxt,
            "can_approve": can_approve and ElectionStatus.APPROVED in nxt,
            "today": clock.today(),
            "min_cands": min_candidates(e.seats),
        },
    )


@require_POST
def vote(request, pk):
    e = selectors.election_get(request.user, pk)
    cands = selectors.candidate_people(e)
    try:
        votes = {pid: int(request.POST.get(f"v{pid}") or 0) for pid in cands}
        expected, present = int(request.POST.get("expected", "0")), int(request.POST.get("present", "0"))
        sec = cands.get(int(request.POST.get("secretary") or 0))
        dep = cands.get(int(request.POST.get("deputy") or 0))
        services.election_vote(
            actor=request.user, election=e, expected=expected, present=present, votes=votes, secretary=sec, deputy=dep
        )
    except ValueError:
        messages.error(request, "票数须为整数")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("elections:detail", e.pk)


@require_POST
def approve(request, pk):
    e = selectors.election_get(request.user, pk)
    try:
        on = parse_day(request.POST.get("approved_on", ""), label="批复日期")
    except ValidationError:
        messages.error(request, "请填写批复日期")
        return redirect("elections:detail", e.pk)
    try:
        services.election_approve(actor=request.user, election=e, approved_on=on, ref=request.POST.get("ref", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已批复，新一届委员会生效")
    return redirect("elections:detail", e.pk)

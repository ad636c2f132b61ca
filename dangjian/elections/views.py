"""Thin views for 换届选举."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage, visible_org_ids
from dangjian.lib import clock
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.selectors import current_committee, org_get, subtree_ids
from dangjian.rules.votes import min_candidates

from . import services
from .models import Election


def _election(user, pk) -> Election:
    e = Election.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk).select_related("org").first()
    if e is None:
        raise Http404("选举不存在或无权查看")
    return e


def _members(org):
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES).order_by(
        "stroke_key", "id"
    )


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
            "people": _members(org),
            "elections": Election.objects.filter(org=org),
        },
    )


@require_POST
def create(request, code):
    org = org_get(request.user, code=code, manage=True)
    people = _members(org)
    try:
        held_on = datetime.date.fromisoformat(request.POST.get("held_on", ""))
        seats = int(request.POST.get("seats", "0"))
    except ValueError:
        messages.error(request, "请填写选举日期和委员名额")
        return redirect("elections:home", org.code)
    chosen = list(people.filter(pk__in=request.POST.getlist("candidates")))
    try:
        e = services.election_create(actor=request.user, org=org, held_on=held_on, seats=seats, candidates=chosen)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("elections:home", org.code)
    return redirect("elections:detail", e.pk)


def detail(request, pk):
    e = _election(request.user, pk)
    can_approve = e.org.parent_id is not None and can_manage(request.user, e.org.parent)
    return render(
        request,
        "elections/detail.html",
        {
            "e": e,
            "cands": e.candidates.select_related("person"),
            "can_approve": can_approve,
            "today": clock.today(),
            "min_cands": min_candidates(e.seats),
        },
    )


@require_POST
def vote(request, pk):
    e = _election(request.user, pk)
    cands = {c.person_id: c.person for c in e.candidates.select_related("person")}
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
    e = _election(request.user, pk)
    try:
        on = datetime.date.fromisoformat(request.POST.get("approved_on", ""))
        services.election_approve(actor=request.user, election=e, approved_on=on, ref=request.POST.get("ref", ""))
    except ValueError:
        messages.error(request, "请填写批复日期")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已批复，新一届委员会生效")
    return redirect("elections:detail", e.pk)

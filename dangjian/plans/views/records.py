"""Pages for honours, activities and supervision visits: a list with a create form on the same page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dangjian.core.forms import apply_errors
from dangjian.lib import clock, uploads
from dangjian.meetings.models import Meeting
from dangjian.members.selectors import people_visible
from dangjian.orgs.models import OrgKind
from dangjian.orgs.selectors import orgs_visible

from .. import selectors, services
from ..forms import ActivityForm, HonourForm, VisitForm


def _ctx(request):
    orgs = orgs_visible(request.user, manage=True).exclude(kind=OrgKind.GROUP)
    people = people_visible(request.user).filter(on_roll=True).order_by("name")
    return orgs, people


def _page(request, form, save, template, ctx):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect(request.path)
    return render(request, template, {"form": form, **ctx})


def honours(request):
    orgs, people = _ctx(request)
    form = HonourForm(request.POST or None, request.FILES or None, orgs=orgs, people=people)

    def save(d):
        services.honour_create(actor=request.user, **d)

    return _page(request, form, save, "plans/honours.html", {"rows": selectors.honours_visible(request.user)[:300]})


def honour_certificate(request, pk):
    honour = get_object_or_404(selectors.honours_visible(request.user), pk=pk)
    if not honour.certificate:
        raise Http404
    return uploads.download(honour.certificate)


def activities(request):
    orgs, people = _ctx(request)
    since = clock.today().replace(month=1, day=1).replace(year=clock.today().year - 1)
    meetings = (
        Meeting.objects.filter(org__in=orgs, voided=False, held_on__gte=since)
        .select_related("org")
        .order_by("-starts_at")[:200]
    )
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        orgs=orgs,
        people=people,
        meetings=Meeting.objects.filter(pk__in=[m.pk for m in meetings]).order_by("-starts_at"),
    )

    def save(d):
        hours = d.pop("hours")
        photo = d.pop("photo")
        d["people"] = [(p, hours or 0) for p in d["people"]]
        services.activity_create(actor=request.user, photos=[photo] if photo else [], **d)

    return _page(
        request, form, save, "plans/activities.html", {"rows": selectors.activities_visible(request.user)[:300]}
    )


def visits(request):
    orgs, people = _ctx(request)
    form = VisitForm(request.POST or None, orgs=orgs.exclude(parent__isnull=True), people=people)

    def save(d):
        problems = [{"text": d["problem"], "owner": d["owner"], "due_date": d["due_date"]}] if d["problem"] else []
        services.visit_create(
            actor=request.user, org=d["org"], visited_on=d["visited_on"], checked=d["checked"], problems=problems
        )

    year = clock.today().year
    leaders = [(o, selectors.visit_counts(o, year)) for o in orgs.filter(children__isnull=False).distinct()[:20]]
    return _page(
        request,
        form,
        save,
        "plans/visits.html",
        {
            "rows": selectors.visits_visible(request.user)[:300],
            "leaders": leaders,
            "year": year,
            "minimum": selectors.visits_minimum(leaders[0][0] if leaders else None),
        },
    )

"""Pages for honours, activities and supervision visits: a list with a create form on the same page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock

from .. import selectors, services
from ..forms import ActivityForm, HonourForm, VisitForm


def _ctx(request):
    orgs = selectors.managed_orgs(request.user)
    people = selectors.roll_people(request.user)
    return orgs, people


def _listed(request, rows) -> dict:
    page = page_of(request, rows)
    return {"rows": page, "page": page}


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

    return _page(request, form, save, "plans/honours.html", _listed(request, selectors.honours_visible(request.user)))


def activities(request):
    orgs, people = _ctx(request)
    since = clock.today().replace(month=1, day=1).replace(year=clock.today().year - 1)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        orgs=orgs,
        people=people,
        meetings=selectors.linkable_meetings(orgs, since),
    )

    def save(d):
        hours = d.pop("hours")
        photo = d.pop("photo")
        d["people"] = [(p, hours or 0) for p in d["people"]]
        services.activity_create(actor=request.user, photos=[photo] if photo else [], **d)

    return _page(
        request,
        form,
        save,
        "plans/activities.html",
        _listed(request, selectors.activities_visible(request.user).order_by("-held_on", "-id")),
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
    leaders = [
        (o, selectors.visit_counts(o, year)) for o in selectors.managed_orgs(request.user, with_children=True)[:20]
    ]
    return _page(
        request,
        form,
        save,
        "plans/visits.html",
        {
            **_listed(request, selectors.visits_visible(request.user)),
            "leaders": leaders,
            "year": year,
            "minimum": selectors.visits_minimum(leaders[0][0] if leaders else None),
        },
    )

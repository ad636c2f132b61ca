"""Study hours per member (EDU-01/02), study records with certificates, the member's page and 学习心得."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get

from . import selectors, services
from .forms import NoteForm, RecordForm


def hours(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    short_only = request.GET.get("short") == "1"
    # 50 a page (a city's table was 15 MB); counts are of everyone, only the page's rows are built
    data = selectors.hours_page(org, year, request.GET.get("page"), short_only=short_only)
    return render(request, "learning/hours.html", {"org": org, "year": year, "short_only": short_only, **data})


def record_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    people = selectors.study_people(org)
    form = RecordForm(
        request.POST or None,
        request.FILES or None,
        people=people,
        initial={"date": clock.today(), "person": request.GET.get("person")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["person"] = selectors.study_person(org, data["person"])
        try:
            rec = services.record_create(actor=request.user, org=org, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记{rec.person.name}{rec.hours}学时")
            return redirect("learning:hours", org.code, rec.date.year)
    return render(request, "appraisal/form.html", {"form": form, "title": f"登记学习记录 · {org.name}"})


def person_records(request, pk, year):
    person = person_get(request.user, pk, manage=True)
    records = selectors.records_of(person, year)
    meetings = selectors.meetings_counted(person, year)
    return render(
        request, "learning/person.html", {"person": person, "year": year, "records": records, "meetings": meetings}
    )


@require_POST
def record_void(request, pk):
    rec = selectors.record_get(request.user, pk)
    try:
        services.record_void(actor=request.user, record=rec, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("learning:person", rec.person_id, rec.year)


def me(request):
    person = getattr(request.user, "person", None)
    if person is None:
        return render(request, "learning/me.html", {"person": None})
    year = clock.today().year
    ids = [person.id]
    total = selectors.meeting_hours(ids, year).get(person.id, 0) + selectors.record_hours(ids, year).get(person.id, 0)
    role = "cadre" if person.id in selectors.cadre_ids([person.org_id]) else "member"
    from dangjian.appraisal.settings import org_settings
    from dangjian.rules.learning import required_hours

    return render(
        request,
        "learning/me.html",
        {
            "person": person,
            "year": year,
            "total": total,
            "required": required_hours(role, org_settings(person.org)),
            "quizzes": selectors.my_quizzes(person, clock.now()),
            "notes": selectors.notes_of_person(person),
        },
    )


def note_new(request):
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "学习心得已提交")
            return redirect("learning:me")
    return render(request, "appraisal/form.html", {"form": form, "title": "提交学习心得"})


def notes(request, code):
    org = org_get(request.user, code=code, manage=True)
    items = selectors.notes_of(request.user, org)
    return render(request, "learning/notes.html", {"org": org, "notes": items})


@require_POST
def note_read(request, pk):
    note = selectors.note_get(request.user, pk)
    services.note_mark_read(actor=request.user, note=note, comment=request.POST.get("comment", ""))
    messages.success(request, "已标记为已阅")
    return redirect("learning:notes", note.org.code)

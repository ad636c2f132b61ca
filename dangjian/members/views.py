from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.core import versioning
from dangjian.core.forms import apply_errors
from dangjian.core.urlmaker import url_maker
from dangjian.lib import clock, idcard
from dangjian.orgs.selectors import org_get

from . import services
from .forms import LeaveForm, PersonForm, RestoreForm
from .history_view import person_history
from .models import Education, Gender, Status, Title
from .own import member_summary
from .selectors import own_person, person_fresh, person_get
from .selectors import roster as roster_qs

PAGE_SIZE = 50


def roster(request, code):
    org = org_get(request.user, code=code, manage=True)
    on_roll = request.GET.get("left") != "1"
    qs = roster_qs(
        request.user,
        org,
        q=request.GET.get("q", ""),
        status=request.GET.get("status", ""),
        on_roll=on_roll,
        category=request.GET.get("category", ""),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    show_id = can_see_id_numbers(request.user)
    ctx = {
        "org": org,
        "page": page,
        "rows": _roster_rows(page, show_id),
        "statuses": Status.choices,
        "on_roll": on_roll,
        "show_id": show_id,
    }
    template = (
        "members/_roster_rows.html" if request.htmx and request.htmx.target == "roster-body" else "members/roster.html"
    )
    return render(request, template, ctx)


_GENDER, _STATUS = dict(Gender.choices), dict(Status.choices)
_EDUCATION, _TITLE = dict(Education.choices), dict(Title.choices)


def _roster_rows(page, show_id: bool) -> list[dict]:
    """The cells of each roster row as text, so the template only prints them: per row, a URL reverse, four
    display lookups and two date filters were most of the page's time (issue 20)."""
    url = url_maker("members:detail")
    return [
        {
            "url": url(p.pk),
            "name": p.name,
            "is_mobile": p.is_mobile,
            "is_lost_contact": p.is_lost_contact,
            "gender": _GENDER.get(p.gender, p.gender),
            "birth_date": p.birth_date.isoformat() if p.birth_date else "",
            "id_number": p.id_number if show_id else p.masked_id_number,
            "status": _STATUS.get(p.status, p.status),
            "join_date": p.join_date.isoformat() if p.join_date else "—",
            "education": _EDUCATION.get(p.education, p.education),
            "title": _TITLE.get(p.professional_title, p.professional_title),
            "branch": p.org.short_name or p.org.name,
        }
        for p in page
    ]


def detail(request, pk):
    person = person_get(request.user, pk)
    can_manage = _manages(request.user, person)
    # Someone who does not manage the record (the member on their phone) sees what matters to them only.
    return _render_detail(request, person, can_manage=can_manage, for_member=not can_manage)


def _render_detail(request, person, *, can_manage: bool, for_member: bool, revealed_number: str = ""):
    own = for_member and person.user_id == request.user.pk
    return render(
        request,
        "members/detail.html",
        {
            # The member's start: own dues, unread notices, study hours (their phone opens here).
            "mine": member_summary(person, clock.today()) if own else None,
            "person": person,
            "history": person_history(person, request.user, for_member=for_member),
            "for_member": for_member,
            # One's own number in full; others' masked until "显示" (members/privacy_views.reveal_id, audited).
            "show_id": person.user_id == request.user.pk,
            "can_reveal": can_see_id_numbers(request.user) and person.user_id != request.user.pk,
            "revealed_number": revealed_number,
            "can_manage": can_manage,
            # Numbers stored before the check digit was fixed are shown as they are, with the reason.
            "id_problem": idcard.problem(person.id_number),
        },
    )


def _manages(user, person) -> bool:
    try:
        person_get(user, person.pk, manage=True)
        return True
    except Exception:
        return False


def me(request):
    person = own_person(request.user)
    if person is None:
        return render(request, "members/no_record.html")
    person = person_get(request.user, person.pk)
    return _render_detail(request, person, can_manage=_manages(request.user, person), for_member=True)


def create(request, code):
    org = org_get(request.user, code=code, manage=True)
    if not org.is_branch:
        messages.error(request, "人员只能加入党支部（或联合党支部），请先进入具体支部。")
        return redirect("orgs:detail", org.code)
    form = PersonForm(request.POST or None, org=org)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            person = services.person_create(actor=request.user, org=org, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已添加 {person.name}")
            return redirect("members:roster", org.code)
    return render(request, "members/form.html", {"form": form, "org": org, "title": f"添加人员 · {org.name}"})


def edit(request, pk):
    person = person_get(request.user, pk, manage=True)
    mask_id = not can_see_id_numbers(request.user)
    form = PersonForm(request.POST or None, instance=person_fresh(person), org=person.org, mask_id=mask_id)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.person_update(actor=request.user, person=person, version=data.pop("version"), **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except versioning.StaleEdit as exc:
            # Show what the other officer saved (and its version), so this one can redo the change on top.
            stale = exc.message
            fresh = person_fresh(person)
            form = PersonForm(instance=fresh, org=fresh.org, mask_id=mask_id)
        else:
            messages.success(request, "已保存，变更已记录")
            return redirect("members:detail", person.pk)
    return render(
        request,
        "members/form.html",
        {"form": form, "org": person.org, "title": f"编辑 {person.name}", "stale": stale},
        status=409 if stale else 200,
    )


def leave(request, pk):
    person = person_get(request.user, pk, manage=True)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_leave(
                actor=request.user,
                person=person,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{person.name} 已移出花名册，记录保留，可恢复")
            return redirect("members:detail", person.pk)
    return render(request, "members/form.html", {"form": form, "org": person.org, "title": f"{person.name} 离开花名册"})


def restore(request, pk):
    person = person_get(request.user, pk, manage=True)
    form = RestoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_restore(actor=request.user, person=person, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{person.name} 已恢复在册")
            return redirect("members:detail", person.pk)
    return render(request, "members/form.html", {"form": form, "org": person.org, "title": f"恢复 {person.name}"})

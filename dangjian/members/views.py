from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.core.audit import history
from dangjian.core.forms import apply_errors
from dangjian.orgs.selectors import org_get

from . import services
from .forms import LeaveForm, PersonForm, RestoreForm
from .models import Person, Status
from .selectors import person_get, roster as roster_qs

PAGE_SIZE = 50


def roster(request, code):
    org = org_get(request.user, code=code, manage=True)
    on_roll = request.GET.get("left") != "1"
    qs = roster_qs(request.user, org, q=request.GET.get("q", ""), status=request.GET.get("status", ""),
                   on_roll=on_roll, category=request.GET.get("category", ""))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"org": org, "page": page, "statuses": Status.choices, "on_roll": on_roll,
           "show_id": can_see_id_numbers(request.user)}
    template = "members/_roster_rows.html" if request.htmx and request.htmx.target == "roster-body" else "members/roster.html"
    return render(request, template, ctx)


EVENT_LABELS = {
    "person.create": "新增", "person.update": "修改", "person.import": "花名册导入", "person.leave": "离开花名册",
    "person.restore": "恢复在册", "person.status": "发展阶段变化", "person.mobile": "登记流动", "person.mobile_end": "流动结束",
    "person.lost_contact": "登记失联", "person.found": "恢复联系", "person.org": "组织关系变动",
}


def history_rows(person):
    """The change log with Chinese field names (党员情况变更信息库)."""
    fields = {f.name: f for f in Person._meta.get_fields() if hasattr(f, "verbose_name")}

    def shown(name, value):
        choices = dict(getattr(fields.get(name), "choices", None) or ())
        if isinstance(value, bool):
            return "是" if value else "否"
        return choices.get(value, value)

    rows = []
    for e in history(person)[:100]:
        changes = [(str(fields[k].verbose_name) if k in fields else k, shown(k, v[0]), shown(k, v[1]))
                   for k, v in (e.data.get("changes") or {}).items()]
        rows.append({"at": e.at, "actor": e.actor, "kind": EVENT_LABELS.get(e.kind, e.kind), "changes": changes})
    return rows


def detail(request, pk):
    person = person_get(request.user, pk)
    return render(request, "members/detail.html", {
        "person": person, "history": history_rows(person), "show_id": can_see_id_numbers(request.user) or person.user_id == request.user.pk,
        "can_manage": _manages(request.user, person),
    })


def _manages(user, person) -> bool:
    try:
        person_get(user, person.pk, manage=True)
        return True
    except Exception:
        return False


def me(request):
    person = Person.objects.filter(user=request.user).select_related("org").first()
    if person is None:
        return render(request, "members/no_record.html")
    return detail(request, person.pk)


def create(request, code):
    org = org_get(request.user, code=code, manage=True)
    if not org.is_branch:
        messages.error(request, "人员只能加入党支部（或联合党支部），请先进入具体支部。")
        return redirect("orgs:detail", org.code)
    form = PersonForm(request.POST or None, org=org)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已添加 {person.name}")
            return redirect("members:roster", org.code)
    return render(request, "members/form.html", {"form": form, "org": org, "title": f"添加人员 · {org.name}"})


def edit(request, pk):
    person = person_get(request.user, pk, manage=True)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk), org=person.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存，变更已记录")
            return redirect("members:detail", person.pk)
    return render(request, "members/form.html", {"form": form, "org": person.org, "title": f"编辑 {person.name}"})


def leave(request, pk):
    person = person_get(request.user, pk, manage=True)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_leave(actor=request.user, person=person, reason=form.cleaned_data["reason"],
                                  on=form.cleaned_data["on"], note=form.cleaned_data["note"])
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

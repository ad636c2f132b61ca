"""Case pages: open a case, the case page (timeline, next step, findings, record form), 公示, void."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from dangjian.core import versioning
from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.rules import recruitment as dev

from . import services
from .forms import CorrectForm, OpenCaseForm, PublicityCloseForm, PublicityForm, StepForm, VoidForm
from .present import step_name, summary
from .selectors import case_get, case_view, people_to_open, publicity_get, step_get
from .stepfields import structure

RECORDABLE = [s for s in dev.STEPS if s.code not in ("application", "publicity")]


def case_new(request):
    org = org_get(request.user, code=request.GET["org"], manage=True) if request.GET.get("org") else None
    people = people_to_open(request.user, org)
    initial = {"opened_on": clock.today()}
    if request.GET.get("person"):
        person = person_get(request.user, request.GET["person"], manage=True)
        initial["person"] = person.pk
        initial["transferred_in"] = person.status == "probationary_member"
        initial["join_date"] = person.join_date
    form = OpenCaseForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                person=cd["person"],
                opened_on=cd["opened_on"],
                plan_year=cd["plan_year"],
                is_mobile=cd["is_mobile"],
                transferred_in=cd["transferred_in"],
                join_date=cd["join_date"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已为{case.person.name}建立发展党员档案")
            return redirect("recruitment:case", case.pk)
    return render(request, "recruitment/case_new.html", {"form": form, "org": org})


def _step_choices(case, view):
    done = {e["step"] for e in view["events"]}
    return [
        (
            s.code,
            f"{s.number or '—'}. {s.name_zh}{'（已登记）' if s.code in done else ''}"
            + ("（2014年细则）" if s.versions == ("2014",) else "（2026年细则）" if s.versions == ("2026",) else ""),
        )
        for s in RECORDABLE
    ]


def case_detail(request, pk):
    case = case_get(request.user, pk)
    today = clock.today()
    view = case_view(case, today)
    default = view["next"]["code"] if view["next"] and view["next"]["code"] != "publicity" else "activist_review"
    code = request.POST.get("code") or request.GET.get("step") or default
    if code not in dev.STEP_BY_CODE or code in ("application", "publicity"):
        code = default
    initial = {"date": today}
    form = StepForm(request.POST or None, code=code, case=case, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.case_step_record(
                actor=request.user,
                case=case,
                code=code,
                date=cd["date"],
                data=structure(code, form.flat()),
                override_reason=cd["override_reason"],
                note=cd["note"],
                version=cd["version"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except versioning.StaleEdit as exc:
            # The case as it is now (the other officer's step shown), with a fresh form to record on top of it.
            stale = exc.message
            case = case_get(request.user, pk)
            view = case_view(case, today)
            form = StepForm(code=code, case=case, initial=initial)
        else:
            messages.success(request, f"已登记：{step_name(code)}")
            return redirect("recruitment:case", case.pk)
    for item in view["timeline"]:
        if item["kind"] == "step":
            item["summary"] = summary(item["step"])
            item["name"] = step_name(item["step"].code)
    return render(
        request,
        "recruitment/case.html",
        {
            "case": case,
            "v": view,
            "form": form,
            "code": code,
            "code_name": step_name(code),
            "step_choices": _step_choices(case, view),
            "publicity_form": PublicityForm(initial={"start": today}),
            "close_form": PublicityCloseForm(),
            "void_form": VoidForm(),
            "show_publicity": case.stage == "activist" or bool(view["publicities"]),
            "stale": stale,
        },
        status=409 if stale else 200,
    )


def publicity_new(request, pk):
    case = case_get(request.user, pk)
    form = PublicityForm(request.POST)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            pub = services.publicity_record(
                actor=request.user, case=case, start=cd["start"], channels=[cd["channel_1"], cd["channel_2"]]
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已登记公示，公示期至{pub.end.isoformat()}（第5个工作日）")
    else:
        messages.error(request, "请填写公示开始日期和公示地点")
    return redirect("recruitment:case", case.pk)


def publicity_close(request, pk):
    pub = publicity_get(request.user, pk)
    case = pub.case
    form = PublicityCloseForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.publicity_close(actor=request.user, publicity=pub, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已登记公示结果")
    return redirect("recruitment:case", case.pk)


def step_void(request, pk):
    step = step_get(request.user, pk)
    form = VoidForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_step_void(
                actor=request.user,
                step=step,
                reason=form.cleaned_data["reason"],
                version=versioning.parse_version(request.POST.get("version")),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except versioning.StaleEdit as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已作废：{step_name(step.code)} {step.date.isoformat()}")
    else:
        messages.error(request, "请写明作废原因")
    return redirect("recruitment:case", step.case_id)


def step_correct(request, pk):
    """更正 the date of a recorded step (its other information is kept); refusals come back as messages."""
    step = step_get(request.user, pk)
    form = CorrectForm(request.POST)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            new = services.step_correct(
                actor=request.user,
                step=step,
                date=cd["date"],
                reason=cd["reason"],
                override_reason=cd["override_reason"],
                version=versioning.parse_version(request.POST.get("version")),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except versioning.StaleEdit as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"已更正：{step_name(step.code)} {step.date.isoformat()} → {new.date.isoformat()}"
            )
    else:
        messages.error(request, "请填写更正后的日期和更正原因")
    return redirect("recruitment:case", step.case_id)

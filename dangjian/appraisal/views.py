"""Pages of the appraisal cycle: the secretary's workflow and the member's phone page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core import workflow
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.models import BRANCH_KINDS, OrgKind
from dangjian.orgs.selectors import org_get

from . import followups, selectors, services
from .evidence import evidence_for
from .forms import FollowUpForm, OpenForm, TextForm
from .models import STAGE_ORDER, CycleStage, FollowUpStep


def _errors(request, exc: ValidationError):
    for msgs in exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]:
        for m in msgs:
            messages.error(request, m)


def home(request):
    managed = selectors.managed_orgs(request.user)
    can_open = {str(k) for k in (*BRANCH_KINDS, OrgKind.GENERAL_BRANCH)}
    if not managed.exists():
        return redirect("appraisal:me")
    year = clock.today().year
    page = page_of(request, managed)
    cycles = selectors.cycles_by_org(request.user, year)
    orgs = [(o, cycles.get(o.id), o.kind in can_open) for o in page]
    return render(
        request,
        "appraisal/home.html",
        {"orgs": orgs, "page": page, "year": year, "recent": selectors.recent_cycles(request.user)[:20]},
    )


def cycle_open(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = OpenForm(request.POST or None, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已建立{cycle.year}年度民主评议，共{cycle.evaluations.count()}名党员")
            return redirect("appraisal:cycle", cycle.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"开展民主评议 · {org.name}"})


def cycle_detail(request, pk):
    cycle = selectors.cycle_get(request.user, pk)
    labels = selectors.grade_labels(cycle)
    rows = selectors.evaluation_rows(cycle)
    proof = evidence_for(cycle.org, cycle.year, [r["ev"].person_id for r in rows])
    for r in rows:
        r["evidence"] = proof[r["ev"].person_id]
    index = STAGE_ORDER.index(cycle.stage)
    return render(
        request,
        "appraisal/cycle.html",
        {
            "cycle": cycle,
            "labels": labels,
            "rows": rows,
            "stages": [(s, s.label, i < index, i == index) for i, s in enumerate(CycleStage)],
            # The moves the workflow's table allows now (forward, or back one step to correct).
            "next": [
                (s.value, s.label, STAGE_ORDER.index(s) > index) for s in workflow.available_statuses(cycle, "stage")
            ],
            "voters": selectors.voters_count(cycle),
            "log": selectors.stage_log(cycle),
            "assessing": cycle.stage == CycleStage.ASSESSMENT,
            "counts": selectors.grade_counts_by_org(cycle.org, cycle.year)[:1]
            if cycle.stage in selectors.GRADED_STAGES
            else [],
            "notice": selectors.result_notice(cycle) if cycle.stage in selectors.GRADED_STAGES else None,
            "findings": selectors.notice_findings(cycle) if cycle.stage in selectors.GRADED_STAGES else [],
        },
    )


@require_POST
def stage(request, pk):
    cycle = selectors.cycle_get(request.user, pk)
    try:
        services.cycle_set_stage(
            actor=request.user, cycle=cycle, to=request.POST.get("to", ""), note=request.POST.get("note", "")[:200]
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "阶段已更新")
    return redirect("appraisal:cycle", cycle.pk)


@require_POST
def assess(request, pk):
    cycle = selectors.cycle_get(request.user, pk)
    rows = [
        {
            "evaluation_id": r["ev"].id,
            "grade": request.POST.get(f"grade-{r['ev'].id}", ""),
            "reason": request.POST.get(f"reason-{r['ev'].id}", ""),
        }
        for r in selectors.evaluation_rows(cycle)
    ]
    try:
        n = services.grades_set(actor=request.user, cycle=cycle, rows=rows, suggestions=selectors.suggestions(cycle))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"已保存{n}名党员的评定等次")
    return redirect("appraisal:cycle", cycle.pk)


def paper(request, pk):
    cycle = selectors.cycle_get(request.user, pk)
    labels = selectors.grade_labels(cycle)
    rows = selectors.evaluation_rows(cycle)
    if request.method == "POST":
        try:
            ballots = int(request.POST.get("ballots") or 0)
            counts = {
                r["ev"].id: {c: int(request.POST.get(f"n-{r['ev'].id}-{c}") or 0) for c, _ in labels} for r in rows
            }
        except ValueError:
            messages.error(request, "票数应为整数")
        else:
            try:
                services.paper_tallies_enter(actor=request.user, cycle=cycle, ballots=ballots, counts=counts)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, "纸质测评结果已登记")
                return redirect("appraisal:cycle", cycle.pk)
    stored = selectors.paper_counts(cycle)
    for r in rows:
        r["paper"] = [(c, stored.get(r["ev"].id, {}).get(c, 0)) for c, _ in labels]
    return render(request, "appraisal/paper.html", {"cycle": cycle, "labels": labels, "rows": rows})


def evaluation(request, pk):
    ev = selectors.evaluation_get(request.user, pk)
    self_form = TextForm(
        request.POST if request.POST.get("what") == "self" else None, prefix="self", initial={"text": ev.self_text}
    )
    mutual_form = TextForm(
        request.POST if request.POST.get("what") == "mutual" else None,
        prefix="mutual",
        initial={"text": ev.mutual_text},
    )
    if request.method == "POST":
        form, fn = (
            (self_form, services.self_evaluation_save)
            if request.POST.get("what") == "self"
            else (mutual_form, services.mutual_summary_save)
        )
        if form.is_valid():
            try:
                fn(actor=request.user, evaluation=ev, text=form.cleaned_data["text"])
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, "已保存")
                return redirect("appraisal:evaluation", ev.pk)
    return render(
        request,
        "appraisal/evaluation.html",
        {
            "ev": ev,
            "self_form": self_form,
            "mutual_form": mutual_form,
            "evidence": evidence_for(ev.cycle.org, ev.cycle.year, [ev.person_id])[ev.person_id],
            "followups": selectors.followups_of(ev),
            "grade_label": dict(selectors.grade_labels(ev.cycle)).get(ev.grade, ""),
        },
    )


def followup_new(request, pk):
    ev = selectors.evaluation_get(request.user, pk)
    meetings = selectors.general_meetings(ev.cycle.org)
    initial = {
        "started_on": clock.today(),
        "step": FollowUpStep.IMPROVEMENT_PLAN if ev.grade == "basically_qualified" else FollowUpStep.CORRECTION,
    }
    form = FollowUpForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["meeting"] = next((m for m in meetings if str(m.pk) == data["meeting"]), None)
        try:
            followups.followup_create(actor=request.user, evaluation=ev, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记")
            return redirect("appraisal:evaluation", ev.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"整改与处置 · {ev.person.name}"})


@require_POST
def followup_close(request, pk):
    item = selectors.followup_get(request.user, pk)
    try:
        followups.followup_close(
            actor=request.user, item=item, closed_on=clock.today(), note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("appraisal:evaluation", item.evaluation_id)


def me(request):
    """The member's phone page: write the self-evaluation, vote, see the told result."""
    person = getattr(request.user, "person", None)
    evs = list(selectors.my_evaluations(request.user)[:5])
    if request.method == "POST" and evs:
        ev = next((e for e in evs if str(e.pk) == request.POST.get("evaluation")), None)
        if ev is not None:
            try:
                services.self_evaluation_save(actor=request.user, evaluation=ev, text=request.POST.get("text", ""))
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, "个人自评已提交")
            return redirect("appraisal:me")
    items = [
        {
            "ev": e,
            "voted": selectors.has_voted(e.cycle, person),
            "grade": dict(selectors.grade_labels(e.cycle)).get(e.grade) if e.told_on else None,
        }
        for e in evs
    ]
    return render(request, "appraisal/me.html", {"items": items, "person": person})


def vote(request, pk):
    """The anonymous ballot of one cycle (pk = the member's own evaluation)."""
    ev = next((e for e in selectors.my_evaluations(request.user) if e.pk == pk), None)
    if ev is None:
        raise Http404("评议不存在")
    cycle = ev.cycle
    labels = selectors.grade_labels(cycle)
    others = selectors.ballot_others(cycle, ev)
    if request.method == "POST":
        choices = {o.pk: request.POST.get(f"g-{o.pk}", "") for o in others}
        try:
            services.vote_cast(actor=request.user, cycle=cycle, choices=choices)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "投票成功，感谢参与。投票为无记名，系统只记录您已投票。")
            return redirect("appraisal:me")
    return render(
        request,
        "appraisal/vote.html",
        {"cycle": cycle, "others": others, "labels": labels, "voted": selectors.has_voted(cycle, ev.person)},
    )

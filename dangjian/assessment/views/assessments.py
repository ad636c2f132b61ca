"""One branch's assessment: the three levels side by side, entering a level's scores, return, 列入整改."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.members.facts import own_people, person_in

from .. import selectors, services
from ..indicators import compute, describe
from ..models import LEVEL_ZH, LEVELS, AssessmentStage
from ..services.assessments import prev_level
from ..workflows import next_stages


def _entries(post, items) -> list[dict]:
    out = []
    for it in items:
        key = str(it.pk)
        if f"comment-{key}" not in post and f"points-{key}" not in post:
            continue
        out.append(
            {
                "item": it.pk,
                "points": post.get(f"points-{key}", "").strip(),
                "comment": post.get(f"comment-{key}", ""),
                "evidence_note": post.get(f"note-{key}", ""),
            }
        )
    return out


def _rectified(a) -> dict:
    from dangjian.rectification.facts import raised_from

    return raised_from(a.org, "assessment", f"assessment:{a.pk}:")


def assessment_page(request, pk):
    a = selectors.assessment_get(request.user, pk)
    level = a.stage if a.stage != AssessmentStage.DONE and services.can_act(request.user, a, a.stage) else None
    items = list(a.rubric.items.all())
    errors = []
    if request.method == "POST" and not level:
        raise PermissionDenied("当前环节不由您填写")
    if request.method == "POST":
        files = {
            it.pk: request.FILES.getlist(f"files-{it.pk}") for it in items if request.FILES.getlist(f"files-{it.pk}")
        }
        submit = request.POST.get("action") == "submit"
        try:
            services.scores_save(
                actor=request.user,
                assessment=a,
                level=level,
                entries=_entries(request.POST, items),
                files=files,
                submit=submit,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"{LEVEL_ZH[level]}已提交" if submit else "已保存")
            return redirect("assessment:assessment", a.pk)
    grid = selectors.score_grid(a)
    levels = [lv for lv in LEVELS if lv != "school" or a.school_id]
    live = {}
    if level:
        codes = [it.indicator for it in items if it.is_auto]
        live = compute(a.org, a.rubric.year, clock.today(), codes).get(a.org_id, {}) if codes else {}
        below = prev_level(a, level)
        for row in grid:
            it = row["item"]
            mine, prev = row["levels"][level], row["levels"][below] if below else None
            r = live.get(it.indicator) if it.is_auto else None
            row["form"] = {
                "points": (mine.points if mine and mine.points is not None else prev.points if prev else None),
                "comment": mine.comment if mine else "",
                "note": mine.evidence_note if mine else "",
                "auto": r,
                "auto_points": r.score(it.weight) if r else None,
                "auto_text": describe(r) if r else "",
            }
    rectified = _rectified(a) if a.stage == AssessmentStage.DONE else {}
    for row in grid:
        row["rect"] = rectified.get(row["item"].pk)
        row["cols"] = [{"level": lv, "s": row["levels"][lv], "acting": lv == level} for lv in levels]
    people = own_people(a.org_id) if a.stage == AssessmentStage.DONE and any(r["lost"] for r in grid) else []
    return render(
        request,
        "assessment/assessment.html",
        {
            "a": a,
            "grid": grid,
            "levels": levels,
            "level_zh": LEVEL_ZH,
            "level": level,
            "errors": errors,
            # 退回 is offered when the workflow allows a move back from the level this user is entering.
            "can_return": level == a.stage and prev_level(a, a.stage) in next_stages(a),
            "log": selectors.assessment_log(a),
            "people": people,
            "default_due": clock.today() + datetime.timedelta(days=30),
            "total_weight": a.rubric.total,
        },
    )


@require_POST
def assessment_return(request, pk):
    a = selectors.assessment_get(request.user, pk)
    try:
        services.assessment_return(actor=request.user, assessment=a, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已退回")
    return redirect("assessment:assessment", a.pk)


@require_POST
def assessment_rectify(request, pk, item_pk):
    a = selectors.assessment_get(request.user, pk)
    item = selectors.rubric_item(a, item_pk)
    owner_id = request.POST.get("owner", "")
    owner = person_in(a.org_id, owner_id) if owner_id.isdigit() else None
    due = request.POST.get("due_date", "")
    try:
        due_date = parse_day(due, label="整改时限") if due else None
    except ValidationError:
        messages.error(request, "“整改时限”日期格式不正确")
        return redirect("assessment:assessment", a.pk)
    try:
        services.assessment_rectify(
            actor=request.user,
            assessment=a,
            item=item,
            owner=owner,
            due_date=due_date,
            problem=request.POST.get("problem", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"“{item.title}”已列入整改台账")
    return redirect("assessment:assessment", a.pk)

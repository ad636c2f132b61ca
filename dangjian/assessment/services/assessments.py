"""The three levels of one branch's assessment: save / submit scores, return (退回), star rating, 列入整改."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.lib import clock, uploads

from ..indicators import compute
from ..models import LEVEL_ZH, Assessment, AssessmentLog, AssessmentStage, EvidenceFile, Score
from .rubrics import _decimal, _one_decimal


def level_org(a: Assessment, level: str):
    return {"self": a.org, "school": a.school, "bureau": a.rubric.org}[level]


def next_level(a: Assessment, level: str) -> str | None:
    return {"self": "school" if a.school_id else "bureau", "school": "bureau", "bureau": None}[level]


def prev_level(a: Assessment, level: str) -> str | None:
    return {"self": None, "school": "self", "bureau": "school" if a.school_id else "self"}[level]


def can_act(user, a: Assessment, level: str) -> bool:
    """A level is entered by the managers of its org who do not also manage the level above (a bureau
    officer manages the branch's subtree too, but scores at the bureau level, not in the branch's name)."""
    org = level_org(a, level)
    if org is None or not can_manage(user, org):
        return False
    if user.is_superuser:
        return True
    up = next_level(a, level)
    return up is None or not can_manage(user, level_org(a, up))


def user_level(user, a: Assessment) -> str | None:
    for level in ("self", "school", "bureau"):
        if can_act(user, a, level):
            return level
    return None


def star_for(thresholds, total) -> str:
    if total is None:
        return ""
    for t in sorted(thresholds or [], key=lambda t: Decimal(t["min"]), reverse=True):
        if Decimal(total) >= Decimal(t["min"]):
            return t["name"]
    return ""


def _log(a, actor, action, level="", from_stage="", note=""):
    AssessmentLog.objects.create(
        assessment=a,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        level=level,
        from_stage=from_stage,
        to_stage=a.stage,
        note=(note or "")[:300],
    )


def _lock(actor, assessment) -> Assessment:
    if actor is not None and not can_manage(actor, assessment.org):  # None: the system (demo data)
        raise Http404("不在管理范围内")
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("rubric", "rubric__org", "org", "school")
        .get(pk=assessment.pk)
    )


def _check_level(actor, a, level):
    if level not in LEVEL_ZH:
        raise ValidationError({"level": f"未知的考核层级：{level}"})
    if a.stage != level:
        raise ValidationError({"level": f"当前环节为“{a.get_stage_display()}”，不能填写“{LEVEL_ZH[level]}”"})
    if not can_act(actor, a, level):
        raise PermissionDenied(f"您无权填写“{LEVEL_ZH[level]}”")


def _name(i, item) -> str:
    return f"第{i}项“{item.title}”"


@transaction.atomic
def scores_save(
    *,
    actor,
    assessment: Assessment,
    level: str,
    entries=(),
    files=None,
    submit: bool = False,
    today: datetime.date | None = None,
) -> Assessment:
    """Save one level's scores (manual items: points, comment, evidence note and files; auto items computed from
    the records now and snapshotted). With ``submit`` the level's total is fixed and the assessment moves on;
    the bureau's submission fixes the final total and the star rating. Nothing is saved on any error."""
    a = _lock(actor, assessment)
    _check_level(actor, a, level)
    today = today or clock.today()
    items = list(a.rubric.items.all())
    by_id = {it.id: (i, it) for i, it in enumerate(items, start=1)}
    given = {}
    errors: list[str] = []
    for e in entries:
        item_id = int(e.get("item") or 0)
        if item_id not in by_id:
            errors.append(f"考核项目{item_id}不属于本细则")
            continue
        given[item_id] = e
    existing = {s.item_id: s for s in Score.objects.filter(assessment=a, level=level)}
    below = prev_level(a, level)  # a reviewing level starts from the scores of the level below
    lower = dict(Score.objects.filter(assessment=a, level=below).values_list("item_id", "points")) if below else {}
    values = {}
    for item_id, (i, item) in by_id.items():
        e = given.get(item_id)
        old = existing.get(item_id)
        v = {
            "comment": (old.comment if old else ""),
            "evidence_note": (old.evidence_note if old else ""),
            "points": old.points if old else lower.get(item_id),
        }
        if e is not None:
            for key in ("comment", "evidence_note"):  # a key left out keeps what was saved
                if key in e:
                    v[key] = (e.get(key) or "").strip()
            if not item.is_auto:
                raw = e.get("points")
                p = _decimal(raw)
                if raw not in (None, "") and p is None:
                    errors.append(f"{_name(i, item)}：“得分”应为数字")
                elif p is not None and (p < 0 or p > item.weight):
                    errors.append(f"{_name(i, item)}：“得分”应在0至{item.weight.normalize():f}分之间")
                elif p is not None and not _one_decimal(p):
                    errors.append(f"{_name(i, item)}：“得分”最多保留一位小数")
                v["points"] = p
        values[item_id] = v
    files = files or {}
    checked = {}  # item id -> files accepted by the shared upload check (type by content, size, random name)
    for item_id, fs in files.items():
        if item_id not in by_id:
            errors.append(f"考核项目{item_id}不属于本细则")
            continue
        for f in fs:
            try:
                checked.setdefault(item_id, []).append(uploads.accept(f))
            except ValidationError as exc:
                errors.append(f"{_name(*by_id[item_id])}：{'；'.join(exc.messages)}")
    if submit:
        with_files = set(EvidenceFile.objects.filter(assessment=a).values_list("item_id", flat=True)) | {
            k for k, fs in files.items() if fs
        }
        with_notes = set(
            Score.objects.filter(assessment=a)
            .exclude(evidence_note="")
            .exclude(level=level)
            .values_list("item_id", flat=True)
        )
        for item_id, (i, item) in by_id.items():
            if item.is_auto:
                continue
            if values[item_id]["points"] is None:
                errors.append(f"{_name(i, item)}：请填写“得分”")
            if (
                item.evidence_required
                and item_id not in with_files
                and item_id not in with_notes
                and not values[item_id]["evidence_note"]
            ):
                errors.append(f"{_name(i, item)}：本项须上传佐证材料或填写佐证说明")
    if errors:
        raise ValidationError({"scores": errors})
    codes = [it.indicator for it in items if it.is_auto]
    auto = compute(a.org, a.rubric.year, today, codes).get(a.org_id, {}) if codes else {}
    user = actor if getattr(actor, "pk", None) else None
    changes = {}
    for item_id, (i, item) in by_id.items():
        v = values[item_id]
        defaults = {
            "comment": v["comment"],
            "evidence_note": v["evidence_note"],
            "entered_by": user,
            "points": v["points"],
            "auto_ratio": None,
            "auto_evidence": "",
            "auto_url": "",
        }
        if item.is_auto:
            r = auto.get(item.indicator)
            if r is not None:
                defaults.update(
                    points=r.score(item.weight),
                    auto_ratio=r.ratio,
                    auto_evidence=r.evidence[:300],
                    auto_url=r.url[:300],
                )
            else:
                defaults.update(points=Decimal("0"), auto_evidence="无此指标的数据")
        old = existing.get(item_id)
        if old is None or old.points != defaults["points"]:
            changes[item.title] = [
                str(old.points) if old and old.points is not None else None,
                str(defaults["points"]) if defaults["points"] is not None else None,
            ]
        Score.objects.update_or_create(assessment=a, item_id=item_id, level=level, defaults=defaults)
    for item_id, fs in checked.items():
        for f in fs:
            EvidenceFile.objects.create(
                assessment=a, item_id=item_id, level=level, file=f.file, name=f.name, uploaded_by=user
            )
    if submit:  # the level's total, the move on and the star are the workflow's (assessment/workflows.py)
        nxt = next_level(a, level) or AssessmentStage.DONE
        files_n = sum(len(fs) for fs in files.values())
        return workflow.set_status(actor=actor, obj=a, to=nxt, field="stage", points=changes, files=files_n)
    a.started = True
    a.save(update_fields=["started"])
    _log(a, actor, "save", level, a.stage)
    record(
        actor=actor,
        org=a.org,
        kind="assessment.save",
        subject=a,
        data={
            "level": level,
            "stage": [a.stage, a.stage],
            "points": changes,
            "total": None,
            "star": a.star,
            "files": sum(len(fs) for fs in files.values()),
        },
    )
    return a


@transaction.atomic
def assessment_return(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """The level now reviewing sends the assessment back to the level below, with a reason (the workflow's
    guard checks the reviewer and the reason)."""
    a = _lock(actor, assessment)
    if a.stage not in (AssessmentStage.SCHOOL, AssessmentStage.BUREAU):
        raise ValidationError({"stage": f"“{a.get_stage_display()}”的考核不能退回"})
    return workflow.set_status(actor=actor, obj=a, to=prev_level(a, a.stage), note=reason, field="stage")


@transaction.atomic
def assessment_rectify(*, actor, assessment: Assessment, item, owner=None, due_date=None, problem: str = ""):
    """列入整改: an item that lost points in a finished assessment becomes a rectification item of the branch."""
    from dangjian.rectification.services import rectification_raise

    a = _lock(actor, assessment)
    if a.stage != AssessmentStage.DONE:
        raise ValidationError("考核完成后才能将失分项列入整改")
    if item.rubric_id != a.rubric_id:
        raise Http404("考核项目不存在")
    score = Score.objects.filter(assessment=a, item=item, level="bureau").first()
    if score is None or score.points is None or score.points >= item.weight:
        raise ValidationError({"item": f"“{item.title}”未失分，无需整改"})
    lost = item.weight - score.points
    text = (problem or "").strip() or (
        f"{a.rubric.year}年度党建工作考核“{item.category}—{item.title}”失分{lost.normalize():f}分"
        + (f"：{score.comment}" if score.comment else (f"（{score.auto_evidence}）" if score.auto_evidence else ""))
    )
    rect = rectification_raise(
        actor=actor,
        org=a.org,
        source="assessment",
        source_ref=f"assessment:{a.pk}:{item.pk}",
        rule_id="",
        problem=text,
        owner=owner,
        due_date=due_date,
        measure="",
    )
    _log(a, actor, "rectify", "bureau", a.stage, f"{item.title}：{text}"[:300])
    record(
        actor=actor,
        org=a.org,
        kind="assessment.rectify",
        subject=a,
        data={"item": item.pk, "rectification": rect.pk, "lost": str(lost)},
    )
    return rect

"""Every write to an appraisal cycle; each leaves an AuditEvent in its transaction.

The online vote (vote_cast) writes a VoterReceipt and adds 1 to pre-created VoteTally rows; nothing it
writes, audits or logs records which grade the voter gave to whom.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from dangjian.core import audit, workflow
from dangjian.lib import clock
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.models import BRANCH_KINDS, OrgKind
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules import appraisal as rules

from .models import AppraisalCycle, CycleStage, Evaluation, TallySource, VoterReceipt, VoteTally
from .settings import cycle_settings, org_settings
from .workflows import TRANSITIONS, ensure_online_tallies, require_manage  # noqa: F401

EDITABLE_SELF = (CycleStage.PREPARATION, CycleStage.SELF_EVALUATION, CycleStage.MUTUAL_EVALUATION)


def cycle_open(*, actor, org, year: int, note: str = "") -> AppraisalCycle:
    """Open the year's cycle for ``org`` with an evaluation row for each of its members (正式 + 预备)."""
    require_manage(actor, org)
    if AppraisalCycle.objects.filter(org=org, year=year).exists():
        raise ValidationError({"year": f"{org.name}{year}年度的民主评议已经建立"})
    if org.kind not in (*BRANCH_KINDS, OrgKind.GENERAL_BRANCH):
        raise ValidationError({"org": "民主评议以支部（或党总支）为单位开展，请在支部下建立"})
    with transaction.atomic():
        cycle = AppraisalCycle(
            org=org,
            bureau_id=org.bureau_id or org.id,
            year=year,
            note=note,
            opened_by=actor,
            grades_scheme=org_settings(org).appraisal_grades,
        )
        cycle.full_clean()
        cycle.save()
        people = Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES)
        Evaluation.objects.bulk_create(
            [Evaluation(cycle=cycle, person_id=pid) for pid in people.values_list("id", flat=True)]
        )
        audit.record(
            actor=actor,
            org=org,
            kind="appraisal.cycle_open",
            subject=cycle,
            data={"year": year, "grades_scheme": cycle.grades_scheme, "members": cycle.evaluations.count()},
        )
    return cycle


def cycle_set_stage(*, actor, cycle: AppraisalCycle, to: str, note: str = "") -> AppraisalCycle:
    """Move the cycle along its workflow (appraisal/workflows.py); the effects on 民主测评, 上级审核, 结果告知 and
    已结束 are the workflow's."""
    return workflow.set_status(actor=actor, obj=cycle, to=to, note=note, field="stage")


def self_evaluation_save(*, actor, evaluation: Evaluation, text: str) -> Evaluation:
    """A member writes their own self-evaluation, or the secretary enters it for them."""
    if actor is not None and evaluation.person.user_id != getattr(actor, "pk", None):
        require_manage(actor, evaluation.cycle.org)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"self_text": "请填写个人自评内容"})
    if evaluation.cycle.stage not in EDITABLE_SELF:
        raise ValidationError({"self_text": "民主测评已开始，个人自评不能再修改"})
    with transaction.atomic():
        before = audit.snapshot(evaluation, ["self_text"])
        evaluation.self_text, evaluation.self_entered_by, evaluation.self_at = text, actor, clock.now()
        evaluation.save(update_fields=["self_text", "self_entered_by", "self_at"])
        audit.record(
            actor=actor,
            org=evaluation.cycle.org,
            kind="appraisal.self_evaluation",
            subject=evaluation,
            data=audit.diff(before, audit.snapshot(evaluation, ["self_text"])),
        )
    return evaluation


def mutual_summary_save(*, actor, evaluation: Evaluation, text: str) -> Evaluation:
    require_manage(actor, evaluation.cycle.org)
    if evaluation.cycle.stage in (CycleStage.REVIEW, CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED):
        raise ValidationError({"mutual_text": "评定已提交，互评意见不能再修改"})
    with transaction.atomic():
        before = audit.snapshot(evaluation, ["mutual_text"])
        evaluation.mutual_text = (text or "").strip()
        evaluation.save(update_fields=["mutual_text"])
        audit.record(
            actor=actor,
            org=evaluation.cycle.org,
            kind="appraisal.mutual",
            subject=evaluation,
            data=audit.diff(before, audit.snapshot(evaluation, ["mutual_text"])),
        )
    return evaluation


def vote_cast(*, actor, cycle: AppraisalCycle, choices: dict) -> VoterReceipt:
    """One anonymous online ballot: ``choices`` maps evaluation id → grade code for every other member."""
    voter = getattr(actor, "person", None)
    if cycle.stage != CycleStage.VOTING:
        raise ValidationError({"stage": "民主测评尚未开始或已经结束"})
    if voter is None or not cycle.evaluations.filter(person=voter).exists():
        raise ValidationError({"voter": "您不是参加本次评议的党员"})
    settings = cycle_settings(cycle)
    names = dict(cycle.evaluations.exclude(person=voter).values_list("id", "person__name"))
    choices = {int(k): v for k, v in choices.items()}
    errors = []
    for eid, name in names.items():
        value = choices.get(eid)
        if not value:
            errors.append(f"{name}：请选择等次")
        elif rules.validate_grade(value, settings):
            errors.append(f"{name}：{rules.validate_grade(value, settings)[0].message_zh}")
    extra = set(choices) - set(names)
    if extra:
        errors.append("选票中含有不属于本次评议的对象")
    if errors:
        raise ValidationError({"choices": errors})
    try:
        with transaction.atomic():
            receipt = VoterReceipt.objects.create(cycle=cycle, voter=voter, voted_on=clock.today())
            ensure_online_tallies(cycle)
            for eid in names:
                grade = rules.normalize_grade(choices[eid], settings)
                VoteTally.objects.filter(evaluation_id=eid, grade=grade, source=TallySource.ONLINE).update(
                    count=F("count") + 1
                )
            audit.record(actor=actor, org=cycle.org, kind="appraisal.voted", subject=cycle, data={})
    except IntegrityError:
        raise ValidationError({"voter": "您已经投过票，每名党员只能投一次"}) from None
    return receipt


def paper_tallies_enter(*, actor, cycle: AppraisalCycle, ballots: int, counts: dict) -> None:
    """The secretary enters a paper ballot's totals: ``counts`` maps evaluation id → {grade: count}."""
    require_manage(actor, cycle.org)
    if cycle.stage not in (CycleStage.VOTING, CycleStage.ASSESSMENT):
        raise ValidationError({"stage": "只有在民主测评或支部评定阶段才能登记纸质测评结果"})
    if ballots < 0:
        raise ValidationError({"ballots": "票数不能为负数"})
    settings = cycle_settings(cycle)
    codes = [c for c, _ in rules.grade_choices(settings)]
    names = dict(cycle.evaluations.values_list("id", "person__name"))
    errors, rows = [], []
    for eid, per_grade in counts.items():
        eid = int(eid)
        if eid not in names:
            errors.append(f"第{eid}号评议对象不属于本次评议")
            continue
        total = 0
        for grade, n in per_grade.items():
            if grade not in codes:
                errors.append(f"{names[eid]}：等次“{grade}”不在本次评议的等次中")
                continue
            if int(n) < 0:
                errors.append(f"{names[eid]}：{grade}票数不能为负数")
            total += int(n)
            rows.append((eid, grade, int(n)))
        if total > ballots:
            errors.append(f"{names[eid]}：各等次票数合计{total}超过有效票{ballots}张")
    if errors:
        raise ValidationError({"counts": errors})
    with transaction.atomic():
        cycle.paper_ballots = ballots
        cycle.save(update_fields=["paper_ballots"])
        for eid, grade, n in rows:
            VoteTally.objects.update_or_create(
                evaluation_id=eid, grade=grade, source=TallySource.PAPER, defaults={"count": n}
            )
        audit.record(
            actor=actor,
            org=cycle.org,
            kind="appraisal.paper_tallies",
            subject=cycle,
            data={
                "ballots": ballots,
                "counts": {str(e): {g: n for (e2, g, n) in rows if e2 == e} for e in {r[0] for r in rows}},
            },
        )


def grades_set(*, actor, cycle: AppraisalCycle, rows: list[dict], suggestions: dict | None = None) -> int:
    """The branch's grades (EVAL-01): rows of {evaluation_id, grade, reason}. All or nothing.
    A reason is required for any grade other than 合格, and whenever the grade differs from the vote's
    leading grade (``suggestions``: evaluation id → grade) — votes inform, they do not decide."""
    require_manage(actor, cycle.org)
    if cycle.stage != CycleStage.ASSESSMENT:
        raise ValidationError({"stage": "只有在支部评定阶段才能评定等次"})
    settings = cycle_settings(cycle)
    evals = {e.id: e for e in cycle.evaluations.select_related("person")}
    suggestions = suggestions or {}
    errors, changes = [], []
    for i, row in enumerate(rows, 1):
        ev = evals.get(int(row.get("evaluation_id") or 0))
        if ev is None:
            errors.append(f"第{i}行：评议对象不属于本次评议")
            continue
        value, reason = (row.get("grade") or "").strip(), (row.get("reason") or "").strip()
        if not value:
            continue
        bad = rules.validate_grade(value, settings, subject=ev.person.name)
        if bad:
            errors.append(f"{ev.person.name}：{bad[0].message_zh}")
            continue
        grade = rules.normalize_grade(value, settings)
        hint = suggestions.get(ev.id)
        if not reason and grade != "qualified":
            errors.append(f"{ev.person.name}：评为{dict(rules.grade_choices(settings))[grade]}须填写评定理由")
        elif not reason and hint and hint != grade:
            errors.append(f"{ev.person.name}：评定等次与测评得票最多的等次不同，须填写理由")
        else:
            changes.append((ev, grade, reason))
    if errors:
        raise ValidationError({"grade": errors})
    today = clock.today()
    with transaction.atomic():
        for ev, grade, reason in changes:
            before = audit.snapshot(ev, ["grade", "reason"])
            ev.grade, ev.reason, ev.graded_by, ev.graded_on = grade, reason, actor, today
            ev.save(update_fields=["grade", "reason", "graded_by", "graded_on"])
            data = audit.diff(before, audit.snapshot(ev, ["grade", "reason"]))
            if data:
                audit.record(actor=actor, org=cycle.org, kind="appraisal.grade", subject=ev, data=data)
    return len(changes)


def evaluation_told(*, actor, evaluation: Evaluation, told_on: datetime.date) -> Evaluation:
    require_manage(actor, evaluation.cycle.org)
    with transaction.atomic():
        evaluation.told_on = told_on
        evaluation.save(update_fields=["told_on"])
        audit.record(
            actor=actor,
            org=evaluation.cycle.org,
            kind="appraisal.told",
            subject=evaluation,
            data={"told_on": told_on.isoformat()},
        )
    return evaluation

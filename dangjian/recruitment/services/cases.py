"""Opening a development case and recording its steps. Each step runs the rule engine first: a new error blocks,
a new warning blocks unless a written reason is given (kept on the step); nothing is saved then."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, versioning
from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.rules import recruitment as dev

from .. import engine
from ..models import CaseStep, DevelopmentCase, Stage
from ..stepfields import VOTE_KEYS
from ._common import (
    DEVELOPMENT_STATUSES,
    StepBlocked,
    check_votes_on_roll,
    jsonable,
    split_step,
    sync_roster,
)


@transaction.atomic
def case_open(
    *,
    actor,
    person: Person,
    opened_on: datetime.date,
    plan_year: int | None = None,
    is_mobile: bool = False,
    transferred_in: bool = False,
    join_date: datetime.date | None = None,
    note: str = "",
) -> DevelopmentCase:
    """Open a case from a roster person: at the application (递交入党申请书, DEV-01 checked), or for a
    transferred-in 预备党员 (DEV-22) at the probationary stage from their 入党时间."""
    if DevelopmentCase.objects.filter(person=person, closed=False).exists():
        raise ValidationError("该人员已有进行中的发展党员档案")
    if opened_on > clock.today():
        raise ValidationError({"opened_on": "日期不能晚于今天"})
    if transferred_in:
        if person.status != "probationary_member":
            raise ValidationError({"transferred_in": "只有预备党员才能按转入的预备党员建档"})
        join_date = join_date or person.join_date
        if not join_date:
            raise ValidationError({"join_date": "请填写入党时间（原支部党员大会通过之日）"})
    elif person.status not in DEVELOPMENT_STATUSES:
        raise ValidationError({"person": f"{person.name}已是{person.get_status_display()}，不能建立发展档案"})
    case = DevelopmentCase(
        bureau_id=person.bureau_id,
        org_id=person.org_id,
        person=person,
        opened_on=opened_on,
        plan_year=plan_year,
        is_mobile=is_mobile or person.is_mobile,
        transferred_in=transferred_in,
        stage=Stage.PROBATIONARY if transferred_in else person.status,
        created_by=actor,
    )
    case.full_clean()
    case.save()
    if transferred_in:
        for code in ("branch_meeting", "approval"):
            CaseStep.objects.create(
                case=case,
                code=code,
                date=join_date,
                actor=actor,
                data={"transferred_in": True, "imported": True},
                note="转入前由原党组织办理",
            )
    else:
        app = {
            "step": "application",
            "date": opened_on,
            "data": {"birth_date": person.birth_date, "mobile": case.is_mobile},
        }
        errors = [f for f in engine.findings(case, [app]) if f.level == "error"]
        if errors:
            raise StepBlocked(errors)
        CaseStep.objects.create(
            case=case,
            code="application",
            date=opened_on,
            actor=actor,
            data=jsonable(app["data"]),
            documents={"application": True},
            note=note,
        )
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.case_open",
        subject=case,
        data={"person": person.pk, "opened_on": opened_on.isoformat(), "transferred_in": transferred_in},
    )
    return case


@transaction.atomic
def case_step_record(
    *,
    actor,
    case: DevelopmentCase,
    code: str,
    date: datetime.date,
    data: dict | None = None,
    override_reason: str = "",
    note: str = "",
    version: int | None = None,
) -> CaseStep:
    """`version`: the case version the recorder saw (page hidden field, API If-Match); a stale one raises
    versioning.StaleEdit (someone recorded, voided or corrected a step in between) and records nothing."""
    case = DevelopmentCase.objects.select_for_update().get(pk=case.pk)
    versioning.claim(case, version)
    if case.closed:
        raise ValidationError("该发展党员档案已结案，不能再登记")
    if code not in dev.STEP_BY_CODE or code in ("application", "publicity"):
        raise ValidationError({"code": "请选择要登记的环节（公示请在“公示”处登记）"})
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": "请填写日期"})
    if date > clock.today():
        raise ValidationError({"date": "日期不能晚于今天，尚未办理的环节请办理后再登记"})
    parts = split_step(case, code, data)
    check_votes_on_roll(case, date, parts["votes"])
    step = CaseStep(
        case=case,
        code=code,
        date=date,
        actor=actor,
        opinions=jsonable(parts["opinions"]),
        documents=jsonable(parts["documents"]),
        data=jsonable(parts["data"]),
        override_reason=(override_reason or "").strip(),
        note=note or "",
    )
    for key, col in VOTE_KEYS.items():
        setattr(step, col, parts["votes"].get(key))
    before_events = engine.case_events(case)
    if code == "conversion_approval":
        last = [e for e in before_events if e["step"] == "conversion_meeting"]
        if not last:
            raise ValidationError({"code": "请先登记支部党员大会讨论转正"})
        if last[-1]["data"].get("outcome") == "convert":
            step.data["conversion_date"] = engine.conversion_date(before_events).isoformat()
    new_event = engine.step_event(step)
    after_events = sorted(before_events + [new_event], key=lambda e: e["date"])
    added = engine.new_findings(engine.findings(case, before_events), engine.findings(case, after_events))
    errors = [f for f in added if f.level == "error"]
    if errors:
        raise StepBlocked(errors)
    warnings = [f for f in added if f.level == "warning"]
    if warnings and not step.override_reason:
        raise StepBlocked(warnings, need_reason=True)
    if warnings:
        step.data["overridden"] = [list(engine.key(f)) for f in warnings]
    step.full_clean(exclude=["case", "actor", "voids"])
    step.save()
    sync_roster(actor=actor, case=case, events=after_events)
    if code == "archive":
        case.closed = True
    case.save(update_fields=["stage", "closed", "result"])
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.step",
        subject=case,
        data={
            "step": step.pk,
            "code": code,
            "date": date.isoformat(),
            "override_reason": step.override_reason,
            "warnings": [f.message_zh for f in warnings],
        },
    )
    return step

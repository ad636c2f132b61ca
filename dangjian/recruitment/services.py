"""Every write of a development case. Each step runs the rule engine first: a new error blocks,
a new warning blocks unless a written reason is given (kept on the step); nothing is saved then."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, versioning
from dangjian.lib import clock
from dangjian.members import roll
from dangjian.members.models import Person, Status
from dangjian.members.services import person_leave, person_update
from dangjian.rules import recruitment as dev
from dangjian.rules import votes as vote_rules
from dangjian.rules.findings import Finding

from . import engine
from .models import CaseStep, DevelopmentCase, DevelopmentPlan, Publicity, PublicityResult, Stage
from .stepfields import VOTE_KEYS

DEVELOPMENT_STATUSES = ("applicant", "activist", "candidate")


class StepBlocked(ValidationError):
    """The rule engine refused the step; ``findings`` are the reasons (with rule IDs)."""

    def __init__(self, findings: list[Finding], *, need_reason: bool = False):
        self.findings = findings
        self.need_reason = need_reason
        lines = [f.message_zh for f in findings]
        if need_reason:
            lines.append("如确需办理，请在“说明理由”中写明理由后再提交。")
        super().__init__(lines)


def _jsonable(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _people(case, items, what: str) -> list[dict]:
    """Mentors/sponsors given as person ids (or dicts with person_id) → [{person_id, name, full_member}]."""
    out = []
    for item in items or []:
        pk = item.get("person_id") if isinstance(item, dict) else item
        person = Person.objects.filter(pk=pk, bureau_id=case.bureau_id, on_roll=True).first()
        if person is None:
            raise ValidationError({what: f"找不到人员（编号 {pk}），须为本单位在册党员"})
        if person.pk == case.person_id:
            raise ValidationError({what: "不能指定本人"})
        entry = {"person_id": person.pk, "name": person.name, "full_member": person.status == "full_member"}
        if isinstance(item, dict):  # DEV-09: a sanction still in effect (no discipline data on the roster yet)
            for key in ("discipline", "discipline_date", "rights_restored"):
                if item.get(key) not in (None, ""):
                    entry[key] = item[key]
        out.append(entry)
    return out


def _check_votes(votes: dict) -> None:
    if not votes:
        return
    e, a = votes.get("expected"), votes.get("present")
    y, w = votes.get("yes") or 0, votes.get("written_yes") or 0
    if e is None or a is None or votes.get("yes") is None:
        raise ValidationError({"expected": "请填写应到会、实到会人数和赞成票数（DEV-14）"})
    if min(e, a, y, w) < 0:
        raise ValidationError({"expected": "人数不能为负数"})
    if a > e:
        raise ValidationError({"present": f"实到会人数（{a}）不能多于应到会人数（{e}）"})
    if y > a:
        raise ValidationError({"yes": f"到会赞成票（{y}）不能多于实到会人数（{a}）"})
    if y + w > e:
        raise ValidationError({"written_yes": f"赞成票与书面赞成意见合计（{y + w}）不能多于应到会人数（{e}）"})


def _check_votes_on_roll(case, day: datetime.date, votes: dict) -> None:
    """DEV-14: E is compared with the 正式党员 on the branch's roll on the meeting day (members.roll); it may
    be smaller (members left out for a recorded reason), never larger (rules.votes.expected_exceeds_roll)."""
    if votes.get("expected") is None:
        return
    voters = roll.people_on(case.org, day).filter(status_on=Status.FULL).count()
    problem = vote_rules.expected_exceeds_roll(votes["expected"], voters, day.isoformat())
    if problem:
        raise ValidationError({"expected": problem})


def _split(case, code: str, data: dict) -> dict:
    data = dict(data or {})
    opinions = {k: v for k, v in (data.pop("opinions", None) or {}).items() if v not in (None, "")}
    documents = data.pop("documents", None) or {}
    if isinstance(documents, list):  # archive: the engine's list of archived documents (DEV-23)
        data["documents"], documents = documents, {}
    documents = {k: v for k, v in documents.items() if v not in (None, "")}
    votes = {k: data.pop(k) for k in list(VOTE_KEYS) if data.get(k) is not None}
    for k in VOTE_KEYS:
        data.pop(k, None)
    _check_votes(votes)
    for key in engine.DATE_KEYS:
        if isinstance(data.get(key), str) and data[key]:
            try:
                data[key] = datetime.date.fromisoformat(data[key])
            except ValueError:
                raise ValidationError({key: f"日期格式不正确（{data[key]}），应为YYYY-MM-DD"}) from None
    for what in ("mentors", "sponsors"):
        if what in data:
            data[what] = _people(case, data[what], what)
    if code == "conversion_meeting":
        outcome = data.get("outcome")
        if outcome not in ("convert", "extend", "revoke"):
            raise ValidationError({"outcome": "请选择表决事项：按期转正、延长预备期或取消预备党员资格"})
        if outcome != "extend":
            data.pop("extension_months", None)
        if case.transferred_in:
            data["transferred_in"] = True
    return {"opinions": opinions, "documents": documents, "votes": votes, "data": data}


def _sync(*, actor, case: DevelopmentCase, events: list[dict], allow_down: bool = False) -> None:
    """The roster follows the case (person.status history via person_update)."""
    target = engine.target_status(events)
    person = Person.objects.select_for_update().get(pk=case.person_id)
    if target["result"] == "revoked":
        case.stage, case.closed, case.result = Stage.PROBATIONARY, True, "revoked"
        if person.on_roll:
            person_leave(actor=actor, person=person, reason="other", on=events[-1]["date"], note="取消预备党员资格")
        return
    rank = engine.STATUS_RANK
    case.stage = target["status"]
    case.result = target["result"]
    fields = {}
    if target["status"] != person.status and (allow_down or rank[target["status"]] > rank.get(person.status, 0)):
        fields["status"] = target["status"]
    status = fields.get("status", person.status)
    for name in ("join_date", "confirmation_date"):
        if target[name] and getattr(person, name) != target[name]:
            fields[name] = target[name]
    if allow_down and rank.get(status, 0) < rank["probationary_member"] and person.join_date:
        fields["join_date"] = None
    if allow_down and status != "full_member" and person.confirmation_date:
        fields["confirmation_date"] = None
    if fields:
        person_update(actor=actor, person=person, kind="person.status", **fields)


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
            data=_jsonable(app["data"]),
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
    parts = _split(case, code, data)
    _check_votes_on_roll(case, date, parts["votes"])
    step = CaseStep(
        case=case,
        code=code,
        date=date,
        actor=actor,
        opinions=_jsonable(parts["opinions"]),
        documents=_jsonable(parts["documents"]),
        data=_jsonable(parts["data"]),
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
    _sync(actor=actor, case=case, events=after_events)
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


@transaction.atomic
def case_step_void(*, actor, step: CaseStep, reason: str, version: int | None = None) -> CaseStep:
    """Take a wrongly recorded step out of the case by a new ``void`` entry; the roster follows.
    `version` as in case_step_record."""
    case = DevelopmentCase.objects.select_for_update().get(pk=step.case_id)
    versioning.claim(case, version)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明作废原因"})
    if step.code in ("void", "application") or CaseStep.objects.filter(voids=step).exists():
        raise ValidationError("该记录不能作废（入党申请和已作废的记录除外）")
    void = CaseStep.objects.create(
        case=case, code="void", date=clock.today(), actor=actor, voids=step, note=reason.strip()
    )
    events = engine.case_events(case)
    case.closed = False if case.result != "revoked" else case.closed
    _sync(actor=actor, case=case, events=events, allow_down=True)
    case.save(update_fields=["stage", "closed", "result"])
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.void",
        subject=case,
        data={"step": step.pk, "code": step.code, "reason": reason.strip()},
    )
    return void


def _step_values(step: CaseStep) -> dict:
    return {
        "date": step.date.isoformat(),
        "data": step.data,
        "opinions": step.opinions,
        "documents": step.documents,
        "votes": {k: getattr(step, col) for k, col in VOTE_KEYS.items() if getattr(step, col) is not None},
    }


@transaction.atomic
def step_correct(
    *,
    actor,
    step: CaseStep,
    date: datetime.date,
    data: dict | None = None,
    reason: str,
    override_reason: str = "",
    version: int | None = None,
) -> CaseStep:
    """更正 a recorded step in one go: the old record is voided (kept, struck through) and the step is
    recorded again with the corrected date and data, under the same rule checks as a new step (order,
    repeats, deadlines). ``data`` None keeps the old record's data. The case history (audit) holds the
    old and the new values. Any refusal leaves the case as it was."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明更正原因"})
    old = CaseStep.objects.select_related("case").get(pk=step.pk)
    if old.code in ("void", "application") or CaseStep.objects.filter(voids=old).exists():
        raise ValidationError("该记录不能更正（入党申请和已作废的记录除外）")
    if old.case.closed:
        raise ValidationError("该发展党员档案已结案，不能更正")
    if data is None:
        data = {**old.data, **_step_votes(old)}
        if old.opinions:
            data["opinions"] = old.opinions
        if old.documents:
            data["documents"] = old.documents
    data = {k: v for k, v in data.items() if k not in ("overridden", "conversion_date")}
    case_step_void(actor=actor, step=old, reason=f"更正：{reason}", version=version)
    new = case_step_record(
        actor=actor, case=old.case, code=old.code, date=date, data=data, override_reason=override_reason, note=old.note
    )
    audit.record(
        actor=actor,
        org=old.case.org,
        kind="recruitment.correct",
        subject=old.case,
        data={
            "code": old.code,
            "step": old.pk,
            "new_step": new.pk,
            "reason": reason,
            "old": _step_values(old),
            "new": _step_values(new),
        },
    )
    return new


def _step_votes(step: CaseStep) -> dict:
    return {k: getattr(step, col) for k, col in VOTE_KEYS.items() if getattr(step, col) is not None}


@transaction.atomic
def publicity_record(*, actor, case: DevelopmentCase, start: datetime.date, channels: list[str]) -> Publicity:
    """DEV-08: a 公示 of 5 working days (both places for 流动人员), after the 上级党委 agreed (2026)."""
    versioning.claim(case, None)  # the case changes: a step form opened before this is stale
    channels = [c.strip() for c in channels if c and c.strip()]
    if not channels:
        raise ValidationError({"channels": "请填写公示地点或方式"})
    need = 2 if case.is_mobile else 1
    if len(channels) < need:
        raise ValidationError({"channels": "流动人员须在流出地和流入地同时公示，请填写两处公示地点（DEV-08）"})
    if start > clock.today():
        raise ValidationError({"start": "日期不能晚于今天"})
    events = engine.case_events(case)
    consent = next((e for e in events if e["step"] == "upper_consent"), None)
    if dev.regulation_version(start) == "2026" and (consent is None or consent["date"] > start):
        raise ValidationError(
            {
                "start": "应在上级党委同意后再进行公示，请先登记“报上级党委同意”（DEV-08，《中国共产党发展党员工作细则》第十三条）"
            }
        )
    if case.publicities.filter(result=PublicityResult.PENDING).exists():
        raise ValidationError("已有一次公示尚未登记结果")
    end = dev.publicity_end(start, need)
    pub = Publicity(
        case=case, start=start, channels=channels, end=end.date, end_provisional=end.provisional, actor=actor
    )
    pub.full_clean()
    pub.save()
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.publicity",
        subject=case,
        data={"publicity": pub.pk, "start": start.isoformat(), "end": end.date.isoformat(), "channels": channels},
    )
    _propose_disclosure(actor, case, pub)
    return pub


def _propose_disclosure(actor, case: DevelopmentCase, pub: Publicity) -> None:
    """Record once: the 公示 also becomes a 党务公开 item (PUB-01) for the secretary to review and publish."""
    from dangjian.disclosure.services import disclosure_propose

    name = case.person.name
    disclosure_propose(
        actor=actor,
        org=case.org,
        topic="recruitment",
        scope="school",
        title=f"关于拟将{name}同志列为发展对象的公示",
        content=(
            f"经党支部研究，拟将{name}同志列为发展对象。公示时间：{pub.start:%Y年%m月%d日}至{pub.end:%Y年%m月%d日}"
            f"（公示地点：{'、'.join(pub.channels)}）。公示期间如有意见，请向{case.org.name}反映。"
        ),
        publish_from=pub.start,
        publish_until=pub.end,
        source="发展对象公示",
        source_ref=f"/recruitment/cases/{case.pk}/",
    )


@transaction.atomic
def publicity_close(
    *,
    actor,
    publicity: Publicity,
    result: str,
    objections: str = "",
    handling: str = "",
    today: datetime.date | None = None,
) -> Publicity:
    today = today or clock.today()
    pub = Publicity.objects.select_for_update().get(pk=publicity.pk)
    if pub.complete:
        raise ValidationError("该公示结果已登记")
    if result not in (PublicityResult.PASSED, PublicityResult.BLOCKED):
        raise ValidationError({"result": "请选择公示结果"})
    if today < pub.end:
        raise ValidationError({"result": f"公示期至{pub.end.isoformat()}，期满后方可登记结果（DEV-08）"})
    if objections.strip() and not handling.strip():
        raise ValidationError({"handling": "公示期间反映了问题，请填写调查处理情况"})
    pub.result, pub.objections, pub.handling = result, objections.strip(), handling.strip()
    pub.save(update_fields=["result", "objections", "handling"])
    versioning.claim(pub.case, None)  # the case changes: a step form opened before this is stale
    audit.record(
        actor=actor,
        org=pub.case.org,
        kind="recruitment.publicity_close",
        subject=pub.case,
        data={"publicity": pub.pk, "result": result, "objections": pub.objections, "handling": pub.handling},
    )
    return pub


@transaction.atomic
def plan_set(*, actor, org, year: int, planned_count: int, note: str = "") -> DevelopmentPlan:
    if not org.is_branch and org.kind not in ("committee", "general_branch"):
        raise ValidationError("发展计划只能按党组织制定")
    plan = DevelopmentPlan.objects.filter(org=org, year=year).first() or DevelopmentPlan(
        org=org, year=year, planned_count=0
    )
    before = plan.planned_count
    plan.planned_count, plan.note = planned_count, note
    plan.full_clean()
    plan.save()
    audit.record(
        actor=actor,
        org=org,
        kind="recruitment.plan",
        subject=plan,
        data={"changes": {"planned_count": [before, planned_count]}},
    )
    return plan

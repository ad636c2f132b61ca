"""What the writes of a development case share: the refusal with rule findings, the checks of a step's data
(people, votes, dates) and the roster following the case."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from dangjian.lib.isodate import parse_day
from dangjian.members import roll
from dangjian.members.models import Person, Status
from dangjian.members.services import person_leave, person_update
from dangjian.rules import votes as vote_rules
from dangjian.rules.findings import Finding

from .. import engine
from ..models import DevelopmentCase, Stage
from ..stepfields import VOTE_KEYS, fields_for

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


def jsonable(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def named_people(case, items, what: str) -> list[dict]:
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


def check_votes(votes: dict) -> None:
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


def check_votes_on_roll(case, day: datetime.date, votes: dict) -> None:
    """DEV-14: E is compared with the 正式党员 on the branch's roll on the meeting day (members.roll); it may
    be smaller (members left out for a recorded reason), never larger (rules.votes.expected_exceeds_roll)."""
    if votes.get("expected") is None:
        return
    voters = roll.people_on(case.org, day).filter(status_on=Status.FULL).count()
    problem = vote_rules.expected_exceeds_roll(votes["expected"], voters, day.isoformat())
    if problem:
        raise ValidationError({"expected": problem})


def split_step(case, code: str, data: dict) -> dict:
    data = dict(data or {})
    opinions = {k: v for k, v in (data.pop("opinions", None) or {}).items() if v not in (None, "")}
    documents = data.pop("documents", None) or {}
    if isinstance(documents, list):  # archive: the engine's list of archived documents (DEV-23)
        data["documents"], documents = documents, {}
    documents = {k: v for k, v in documents.items() if v not in (None, "")}
    votes = {k: data.pop(k) for k in list(VOTE_KEYS) if data.get(k) is not None}
    for k in VOTE_KEYS:
        data.pop(k, None)
    check_votes(votes)
    for key in engine.DATE_KEYS:
        if isinstance(data.get(key), str) and data[key]:
            try:
                label = next((f[1] for f in fields_for(code) if f[0] == key), "日期")
                data[key] = parse_day(data[key], label=label)
            except ValidationError as exc:
                raise ValidationError({key: exc.messages[0]}) from None
    for what in ("mentors", "sponsors"):
        if what in data:
            data[what] = named_people(case, data[what], what)
    if code == "conversion_meeting":
        outcome = data.get("outcome")
        if outcome not in ("convert", "extend", "revoke"):
            raise ValidationError({"outcome": "请选择表决事项：按期转正、延长预备期或取消预备党员资格"})
        if outcome != "extend":
            data.pop("extension_months", None)
        if case.transferred_in:
            data["transferred_in"] = True
    return {"opinions": opinions, "documents": documents, "votes": votes, "data": data}


def sync_roster(*, actor, case: DevelopmentCase, events: list[dict], allow_down: bool = False) -> None:
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

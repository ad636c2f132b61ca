"""Adapter between stored records and the pure rule engine (dangjian.rules.recruitment).

Turns a case's steps and 公示 records into engine events, runs check_case, works out which
findings a new step would add, and derives the next step and the roster status from the events.
Local additions to the engine are marked LOCAL.
"""

from __future__ import annotations

import datetime

from dangjian.rules import recruitment as dev
from dangjian.rules.findings import Finding, make

DATE_KEYS = ("submitted", "expected_departure", "planned_meeting", "conversion_date", "birth_date", "discipline_date")
# Steps done more than once by design; the first occurrence satisfies the "next step" order.
REPEATABLE = ("activist_review", "probation_review")
# Findings that only say a later filing step is still to come: shown, never blocking (LOCAL).
PENDING_CODES = ("ACTIVIST_NOT_FILED", "CANDIDATE_NOT_FILED", "APPROVAL_NOT_FILED")
# For a transferred-in 预备党员 the earlier stages happened elsewhere (DEV-22): only these apply.
TRANSFERRED_RULES = ("DEV-20", "DEV-21", "DEV-22", "DEV-23")
STATUS_RANK = {"applicant": 0, "activist": 1, "candidate": 2, "probationary_member": 3, "full_member": 4}


def _parse_dates(data: dict) -> dict:
    out = dict(data)
    for key in DATE_KEYS:
        if isinstance(out.get(key), str) and out[key]:
            out[key] = datetime.date.fromisoformat(out[key])
    for key in ("mentors", "sponsors"):
        if isinstance(out.get(key), list):
            out[key] = [_parse_dates(p) if isinstance(p, dict) else p for p in out[key]]
    return out


def step_event(step) -> dict:
    """Engine event of one stored CaseStep: its data plus the vote columns."""
    data = _parse_dates(step.data or {})
    for col, key in (
        ("vote_expected", "expected"),
        ("vote_present", "present"),
        ("vote_yes", "yes"),
        ("vote_written_yes", "written_yes"),
    ):
        value = getattr(step, col)
        if value is not None:
            data[key] = value
    return {"step": step.code, "date": step.date, "data": data, "id": step.pk}


def publicity_event(pub, mobile: bool) -> dict:
    places = [pub.start] * max(1, len(pub.channels or []))
    return {
        "step": "publicity",
        "date": pub.start,
        "id": None,
        "data": {
            "places": places,
            "mobile": mobile,
            "blocked": pub.result == "blocked",
            "end": pub.end,
            "pending": pub.result == "pending",
        },
    }


def active_steps(steps) -> list:
    """Steps minus ``void`` entries and the steps they void."""
    steps = list(steps)
    voided = {s.voids_id for s in steps if s.code == "void"}
    return [s for s in steps if s.code != "void" and s.pk not in voided]


def case_events(case, steps=None, publicities=None) -> list[dict]:
    steps = case.steps.all() if steps is None else steps
    publicities = case.publicities.all() if publicities is None else publicities
    events = [step_event(s) for s in active_steps(steps)]
    events += [publicity_event(p, case.is_mobile) for p in publicities]
    return sorted(events, key=lambda e: e["date"])


def findings(case, events, today: datetime.date | None = None) -> list[Finding]:
    subject = case.person.name if case.person_id else None
    out = dev.check_case(events, today=today, subject=subject)
    out += _publicity_pending(events, subject)
    if case.transferred_in:
        out = [
            f
            for f in out
            if f.rule_id in TRANSFERRED_RULES
            or f.code in ("STEP_OUT_OF_ORDER", "STEP_REPEATED")
            or (f.rule_id == "DEV-14" and "转正" in f.message_zh)
        ]
    return out


def _publicity_pending(events, subject) -> list[Finding]:
    """LOCAL (DEV-08): listing needs a *completed* 公示 — its result must be recorded."""
    listed = next((e for e in events if e["step"] == "candidate_selected"), None)
    pubs = [e for e in events if e["step"] == "publicity"]
    if not listed or not pubs or not pubs[-1]["data"].get("pending"):
        return []
    return [
        make(
            "DEV-08",
            "error",
            "公示结果尚未登记，公示完成后方可确定为发展对象",
            subject=subject,
            code="PUBLICITY_PENDING",
            version=dev.regulation_version(listed["date"]),
        )
    ]


def key(f: Finding) -> tuple:
    return (f.rule_id, f.code, f.level, f.message_zh)


def new_findings(before: list[Finding], after: list[Finding]) -> list[Finding]:
    seen = {key(f) for f in before}
    return [f for f in after if key(f) not in seen and f.code not in PENDING_CODES]


def _first(events, code):
    return next((e for e in events if e["step"] == code), None)


def stage3_version(events, today: datetime.date) -> str:
    """Which text governs the listing: the listing's own date, or the earliest date it can happen."""
    listed = _first(events, "candidate_selected")
    if listed:
        return dev.regulation_version(listed["date"])
    act = _first(events, "activist_selected")
    dates = [e["date"] for e in events] + ([dev.earliest_candidate_date(act["date"])] if act else [today])
    return dev.regulation_version(max(dates))


def next_step_code(case, events, today: datetime.date) -> str | None:
    done = {e["step"] for e in events}
    if case.closed:
        return None
    convs = [e for e in events if e["step"] == "conversion_meeting"]
    if convs:
        last = convs[-1]
        approved = any(e["step"] == "conversion_approval" and e["date"] >= last["date"] for e in events)
        if not approved:
            return "conversion_approval"
        if last["data"].get("outcome") == "extend":
            return "conversion_meeting"
        if last["data"].get("outcome") == "revoke":
            return None
    version = stage3_version(events, today)
    skip_before = "probation_review" if case.transferred_in else None
    for step in dev.STEPS:
        if skip_before and step.code == skip_before:
            skip_before = None
        if skip_before or version not in step.versions or step.code in done:
            continue
        if step.code == "publicity" and case.publicities.exists():
            continue
        return step.code
    return None


def next_step(case, events, today: datetime.date) -> dict | None:
    """{code, name, earliest, deadline, overdue, lines} for the step to record next."""
    code = next_step_code(case, events, today)
    if code is None:
        return None
    lines = [ln for ln in dev.next_steps(events, today) if ln.step == code]
    earliest = [ln.date for ln in lines if ln.kind == "earliest" or ln.code == "probation_end"]
    if code == "conversion_meeting" and probation_end(events):
        earliest.append(probation_end(events))  # after an extension the engine marks the line done
    deadlines = [ln.date for ln in lines if ln.kind == "deadline"]
    last = max((e["date"] for e in events), default=None)
    first_day = max(earliest + ([last] if last else [])) if (earliest or last) else None
    due = min(deadlines) if deadlines else None
    return {
        "code": code,
        "name": dev.STEP_BY_CODE[code].name_zh,
        "earliest": first_day,
        "deadline": due,
        "overdue": bool(due and today > due),
        "lines": lines,
    }


def target_status(events) -> dict:
    """Roster status, 入党时间 and 转正时间 that the case's events imply (DEV-19, DEV-21)."""
    out = {"status": "applicant", "join_date": None, "confirmation_date": None, "result": ""}
    if _first(events, "activist_selected"):
        out["status"] = "activist"
    if _first(events, "candidate_selected"):
        out["status"] = "candidate"
    meeting = _first(events, "branch_meeting")
    if meeting and _first(events, "approval"):
        out.update(status="probationary_member", join_date=meeting["date"])
    convs = [e for e in events if e["step"] == "conversion_meeting"]
    if meeting and convs:
        last = convs[-1]
        approved = any(e["step"] == "conversion_approval" and e["date"] >= last["date"] for e in events)
        outcome = last["data"].get("outcome")
        if approved and outcome == "convert":
            out.update(status="full_member", confirmation_date=conversion_date(events), result="converted")
        elif approved and outcome == "revoke":
            out["result"] = "revoked"
    return out


def extension_months(events) -> int:
    return sum(
        int(e["data"].get("extension_months") or 0)
        for e in events
        if e["step"] == "conversion_meeting" and e["data"].get("outcome") == "extend"
    )


def conversion_date(events) -> datetime.date | None:
    """DEV-21: always the end of the 预备期 (with any extension), whatever the approval date."""
    meeting = _first(events, "branch_meeting")
    return dev.conversion_date(meeting["date"], extension_months(events)) if meeting else None


def probation_end(events) -> datetime.date | None:
    meeting = _first(events, "branch_meeting")
    return dev.probation_end(meeting["date"], extension_months(events)) if meeting else None

"""Documents from records: docxtpl renders the templates in doc_templates/ (built by build.py,
editable in Word). Every value comes from the case's recorded steps; nothing is typed twice."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from django.http import Http404
from docxtpl import DocxTemplate

from dangjian.lib import clock
from dangjian.lib.office import word
from dangjian.lib.office.dates import zh_date
from dangjian.rules.recruitment import PUBLICITY_WORKDAYS

from .models import PublicityResult
from .present import step_name, summary
from .selectors import case_view
from .stepfields import RECOMMENDATION

TEMPLATES = Path(__file__).resolve().parent / "doc_templates"
KINDS = {"filing": "备案表", "publicity": "公示", "resolution": "支部大会决议", "record": "全程记实表"}


def _d(value) -> str:
    """Dates as prose prints them ("2026年7月10日"); a date not recorded is left blank, never a placeholder."""
    return zh_date(value) if value else ""


def _publicity_outcome(pub) -> str:
    """Only what happened: no objection, or objections checked and found not to stand, or blocked."""
    if pub.result == PublicityResult.PASSED:
        return "反映的问题已查清，不影响发展" if (pub.objections or "").strip() else "公示无异议"
    if pub.result == PublicityResult.BLOCKED:
        return "反映的问题影响发展"
    return "公示中"


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _prose(text: str) -> str:
    """ISO dates written by the step summaries, in Chinese."""
    return _ISO.sub(lambda m: zh_date(m.group(0)), text)


# Form hints in step labels ("培养联系人（1—2名正式党员）") are for the person typing, not for the record.
_LABEL_HINT = re.compile(r"（\d(?:—\d)?名正式党员）")


def _first(view, code):
    return next(
        (t["step"] for t in view["timeline"] if t["kind"] == "step" and not t["voided"] and t["step"].code == code),
        None,
    )


def _last(view, code):
    found = [t["step"] for t in view["timeline"] if t["kind"] == "step" and not t["voided"] and t["step"].code == code]
    return found[-1] if found else None


def _names(step, key):
    return "、".join(p["name"] for p in (step.data or {}).get(key, [])) if step else ""


def _base(case, today) -> dict:
    p = case.person
    profile = [
        p.get_gender_display(),
        f"{_d(p.birth_date)}出生" if p.birth_date else "",
        p.get_education_display(),
        p.post,
    ]
    return {
        "name": p.name,
        "gender": p.get_gender_display(),
        "birth_date": _d(p.birth_date),
        "education": p.get_education_display() or "",
        "post": p.post or "",
        "org_name": case.org.name,
        "today": _d(today),
        "stage": case.get_stage_display(),
        "join_date": _d(p.join_date),
        "confirmation_date": _d(p.confirmation_date),
        "profile": "，".join(x for x in profile if x),
    }


def context(case, kind: str, today: datetime.date) -> dict:
    view = case_view(case, today)
    ctx = _base(case, today)
    get = lambda code: _first(view, code)  # noqa: E731
    ctx.update(
        application_date=_d(case.opened_on),
        talk_date=_d(get("application_talk") and get("application_talk").date),
        activist_date=_d(get("activist_selected") and get("activist_selected").date),
    )
    if kind == "filing":
        act, cand = get("activist_selected"), get("candidate_selected")
        ctx["title"] = "发展对象备案表" if cand else "入党积极分子备案表"
        rec = (act.data or {}).get("recommendation") if act else None
        pub = view["publicities"][-1] if view["publicities"] else None
        ctx.update(
            recommendation=dict(RECOMMENDATION).get(rec, ""),
            mentors=_names(get("mentors_assigned"), "mentors"),
            candidate_date=_d(cand and cand.date),
            sponsors=_names(get("sponsors_assigned"), "sponsors"),
            publicity=f"{_d(pub.start)}至{_d(pub.end)}，{_publicity_outcome(pub)}" if pub else "",
            committee_opinion=((cand or act).opinions or {}).get("committee", "") if (cand or act) else "",
        )
    elif kind == "publicity":
        if not view["publicities"]:
            raise Http404("尚未登记公示")
        pub = view["publicities"][-1]
        ctx.update(start=_d(pub.start), end=_d(pub.end), channels="、".join(pub.channels), workdays=PUBLICITY_WORKDAYS)
    elif kind == "resolution":
        meeting = _last(view, "conversion_meeting") or get("branch_meeting")
        if not meeting or meeting.vote_expected is None:
            raise Http404("尚未登记支部党员大会表决情况")
        converting = meeting.code == "conversion_meeting"
        outcome = (meeting.data or {}).get("outcome")
        ctx.update(
            meeting_date=_d(meeting.date),
            expected=meeting.vote_expected,
            present=meeting.vote_present,
            written_yes=meeting.vote_written_yes or 0,
            total_yes=(meeting.vote_yes or 0) + (meeting.vote_written_yes or 0),
            subject="能否按期转为正式党员的问题" if converting else "入党的问题",
            result={
                "convert": f"同意{case.person.name}同志按期转为正式党员，转正时间为{_d(view['probation_end'])}。",
                "extend": f"同意延长{case.person.name}同志预备期{(meeting.data or {}).get('extension_months')}个月。",
                "revoke": f"同意取消{case.person.name}同志的预备党员资格。",
            }.get(outcome, "")
            if converting
            else f"同意接收{case.person.name}同志为中共预备党员。",
            probation_end=None if converting else _d(view["probation_end"]),
        )
    elif kind == "record":
        # The 检查提示 (rule findings) are shown on the case page, never in the record handed to the 党委.
        ctx["steps"] = [
            {
                "date": _d(t["date"]),
                "name": step_name(t["step"].code) if t["kind"] == "step" else "发展对象公示",
                "text": _prose(_LABEL_HINT.sub("", "；".join(summary(t["step"]))))
                if t["kind"] == "step"
                else f"{_d(t['publicity'].start)}至{_d(t['publicity'].end)}，{'、'.join(t['publicity'].channels)}，"
                f"{_publicity_outcome(t['publicity'])}",
            }
            for t in view["timeline"]
            if not t["voided"] and not (t["kind"] == "step" and t["step"].code == "void")
        ]
    else:
        raise Http404("没有这种文书")
    return ctx


def title(case, kind: str) -> str:
    return f"{case.person.name}{KINDS[kind]}"


def render_docx(case, kind: str, today: datetime.date | None = None) -> bytes:
    today = today or clock.today()
    ctx = context(case, kind, today)
    tpl = DocxTemplate(TEMPLATES / f"{kind}.docx")
    tpl.render(ctx, autoescape=True)
    doc = tpl.docx
    word.place_signature(doc)  # the 落款 is placed by the names and dates actually filled in
    props = doc.core_properties
    now = clock.now().replace(microsecond=0, tzinfo=None)
    props.title = f"{case.person.name}{ctx['title']}" if kind == "filing" else title(case, kind)
    props.subject = "发展党员工作"
    props.author = props.last_modified_by = case.org.name
    props.created = props.modified = now
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()

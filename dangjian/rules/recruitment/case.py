"""check_case: every DEV rule over a whole development case (stages 1–3 here,
stages 4–5 in ``case_admission``). Missed "应当" deadlines are warnings (GEN-04); conditions
of validity (age, sponsors, one year of cultivation, 公示, quorum, extension length) are errors.
"""

from __future__ import annotations

from datetime import date

from ..findings import Finding, make
from ..settings import DEFAULTS, LocalSettings
from ..workdays import HolidayTable
from . import dates as d
from .case_candidate import check_preparation, check_publicity
from .events import Case
from .sequence import sequence_findings


def check_case(
    events,
    today: date | None = None,
    settings: LocalSettings = DEFAULTS,
    table: HolidayTable | None = None,
    subject: str | None = None,
) -> list[Finding]:
    """All findings for one development case. ``today`` enables the "overdue" checks of steps
    that have not happened yet. See ``steps.EVENT_DATA_KEYS`` for the data each step may carry."""
    from .case_admission import check_admission, check_probation

    case = Case(events)
    out: list[Finding] = []
    out += sequence_findings(case.events, subject)  # DEV order: no step before the steps it follows
    out += _check_application(case, today, settings, subject)
    out += _check_activist(case, today, subject)
    out += _check_listing(case, settings, table, subject)
    out += check_preparation(case, subject)
    out += check_admission(case, today, settings, subject)
    out += check_probation(case, today, subject)
    return out


def _check_application(case: Case, today, settings, subject) -> list[Finding]:
    app = case.first("application")
    if not app:
        return []
    out = []
    birth = app.data.get("birth_date")
    if birth and not d.is_adult_on(birth, app.date, settings):
        out.append(make("DEV-01", "error", "递交入党申请书时未满十八周岁，申请无效", subject=subject, code="UNDER_18"))
    receiving = app.data.get("receiving_org")
    if receiving and not d.application_org_valid(
        receiving,
        has_unit=app.data.get("has_unit", True),
        unit_has_org=app.data.get("unit_has_org", True),
        mobile=bool(app.data.get("mobile")),
    ):
        out.append(
            make(
                "DEV-02",
                "error",
                "入党申请书应向工作、学习所在单位党组织（或规定的其他党组织）提出，接收组织不符合规定",
                subject=subject,
                code="APPLICATION_WRONG_ORG",
            )
        )
    due = d.talk_deadline(app.date, settings)
    talk = case.first("application_talk")
    if (talk and talk.date > due) or (not talk and today and today > due):
        out.append(
            make(
                "DEV-03",
                "warning",
                f"收到入党申请书后应在一个月内派人谈话，期限为{due.isoformat()}，已逾期",
                due_date=due,
                subject=subject,
                code="TALK_OVERDUE",
            )
        )
    return out


def _check_activist(case: Case, today, subject) -> list[Finding]:
    act = case.first("activist_selected")
    if not act:
        return []
    out = []
    if not case.has("activist_filed"):
        out.append(
            make(
                "DEV-04",
                "warning",
                "确定入党积极分子后应报上级党委备案，未见备案记录",
                subject=subject,
                code="ACTIVIST_NOT_FILED",
            )
        )
    mentors = case.first("mentors_assigned")
    if mentors:
        out += d.mentors_findings(mentors.data.get("mentors", []), subject)
    listed = case.first("candidate_selected")
    previous = act.date
    for review in case.all("activist_review"):
        if listed and review.date > listed.date:
            break
        if review.date > d.review_due(previous):
            out.append(
                make(
                    "DEV-06",
                    "warning",
                    f"入党积极分子考察应每半年进行一次，{d.review_due(previous).isoformat()}前应考察，"
                    f"实际考察日期为{review.date.isoformat()}",
                    subject=subject,
                    code="REVIEW_LATE",
                )
            )
        previous = review.date
    end = listed.date if listed else today
    due = d.review_due(previous)
    if end and end > due:
        out.append(
            make(
                "DEV-06",
                "warning",
                f"入党积极分子考察应每半年进行一次，{due.isoformat()}前未见考察记录",
                due_date=due,
                subject=subject,
                code="REVIEW_OVERDUE",
            )
        )
    if listed and listed.date < d.earliest_candidate_date(act.date):
        earliest = d.earliest_candidate_date(act.date)
        out.append(
            make(
                "DEV-07",
                "error",
                f"入党积极分子须经过一年以上培养教育和考察方可列为发展对象，最早可于{earliest.isoformat()}确定",
                due_date=earliest,
                subject=subject,
                code="DEV_OBJECT_TOO_EARLY",
                version=d.regulation_version(listed.date),
            )
        )
    return out


def _check_listing(case: Case, settings, table, subject) -> list[Finding]:
    listed = case.first("candidate_selected")
    if not listed:
        return []
    version = d.regulation_version(listed.date)
    out = []
    if not case.first("activist_selected"):
        out.append(
            make(
                "DEV-07",
                "error",
                "未见确定为入党积极分子的记录，不能确定为发展对象",
                subject=subject,
                code="ACTIVIST_MISSING",
                version=version,
            )
        )
    if version == "2014":
        if not case.has("candidate_filed"):
            out.append(
                make(
                    "DEV-08",
                    "warning",
                    "确定发展对象后应报上级党委备案，未见备案记录",
                    subject=subject,
                    code="CANDIDATE_NOT_FILED",
                    version=version,
                )
            )
        if case.has("publicity") or settings.require_publicity_2014:
            out += check_publicity(case, listed, settings, table, subject, version)
        return out
    consent = case.first("upper_consent")
    publicity = case.first("publicity")
    if not consent or consent.date > listed.date:
        out.append(
            make(
                "DEV-08",
                "error",
                "确定发展对象前须经上级党委同意，未见此前的同意记录",
                subject=subject,
                code="CONSENT_MISSING",
            )
        )
    elif publicity and consent.date > publicity.date:
        out.append(
            make(
                "DEV-08",
                "error",
                "应在上级党委同意后再进行公示，公示开始日期早于上级党委同意日期",
                subject=subject,
                code="CONSENT_AFTER_PUBLICITY",
            )
        )
    out += check_publicity(case, listed, settings, table, subject, version)
    return out


__all__ = ["check_case"]

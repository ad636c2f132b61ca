"""发展党员 dates and single-rule checks (DEV), per 《中国共产党发展党员工作细则》.

Rules that changed pick their version by the event date (``regulation_version``):
the 2014 text before 2026-05-11, the 2026 revision from that day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Sequence

from ..findings import Finding, make
from ..periods import add_months, add_years, anniversary, deadline
from ..settings import DEFAULTS, LocalSettings
from ..workdays import HolidayTable, WorkdayResult, nth_workday

REVISION_2026 = date(2026, 5, 11)
PUBLICITY_WORKDAYS = 5  # DEV-08 (2026 第十三条)
ARCHIVE_DOCUMENTS: dict[str, str] = {  # DEV-23
    "volunteer_form": "入党志愿书",
    "application": "入党申请书",
    "activist_review_form": "入党积极分子培养教育考察登记表",
    "political_review": "政治审查材料",
    "probation_review_form": "预备党员考察表",
    "conversion_application": "转正申请书",
}
# DEV-09: months a disciplinary sanction keeps someone "不宜" as a sponsor (影响期, 纪律处分条例; R).
DISCIPLINE_EFFECT_MONTHS = {"warning": 12, "serious_warning": 18, "removal_from_post": 24}
DISCIPLINE_ZH = {
    "warning": "警告",
    "serious_warning": "严重警告",
    "removal_from_post": "撤销党内职务",
    "probation": "留党察看",
}
APPLICATION_ORGS = ("unit", "locality", "supervising_department", "residence", "mobile")


def regulation_version(event_date: date) -> str:
    """'2014' before 2026-05-11, '2026' from that day (the revision took effect on issue)."""
    return "2026" if event_date >= REVISION_2026 else "2014"


def is_adult_on(birth: date, day: date, settings: LocalSettings = DEFAULTS) -> bool:
    """GEN-05 / DEV-01: 18 years old on ``day`` (from the 18th birthday itself by default)."""
    return day >= anniversary(birth, 18, settings)


def application_org_valid(receiving: str, *, has_unit: bool, unit_has_org: bool, mobile: bool = False) -> bool:
    """DEV-02: is ``receiving`` (one of APPLICATION_ORGS) a proper place to file the application?"""
    if receiving not in APPLICATION_ORGS:
        raise ValueError(f"unknown receiving organisation kind {receiving!r}")
    if mobile and receiving == "mobile":
        return True
    if has_unit and unit_has_org:
        return receiving == "unit"
    if has_unit:
        return receiving in ("locality", "supervising_department", "residence")
    return receiving == "residence"


def talk_deadline(received: date, settings: LocalSettings = DEFAULTS) -> date:
    """DEV-03: the talk is due within one month of receiving the application (GEN-02)."""
    return deadline(received, months=1, settings=settings)


def review_due(last_review: date) -> date:
    """DEV-06: the next half-yearly review of an activist; overdue from the following day."""
    return add_months(last_review, 6)


def earliest_candidate_date(activist_date: date) -> date:
    """DEV-07: "一年以上培养" — listing on activist date + 1 year is allowed (GEN-01)."""
    return add_years(activist_date, 1)


def publicity_end(
    start: date | Sequence[date], channel_count: int = 1, table: HolidayTable | None = None
) -> WorkdayResult:
    """DEV-08 (2026): the last day of a 公示 of 5 working days, counting ``start`` when it is a
    working day (GEN-03): from Mon 2026-06-01 it ends Fri 2026-06-05.

    ``start`` may be one date (every place starts then) or one start date per place;
    ``channel_count`` is the number of places required (2 for 流动人员: where they left and
    where they are). The 公示 ends when it has run 5 working days in every place.
    """
    if channel_count < 1:
        raise ValueError("at least one place of publicity")
    starts = [start] if isinstance(start, date) else list(start)
    if len(starts) == 1:
        starts = starts * channel_count
    if len(starts) < channel_count:
        raise ValueError(f"{channel_count} places of publicity required, {len(starts)} given")
    ends = [nth_workday(s, PUBLICITY_WORKDAYS, table) for s in starts]
    return WorkdayResult(max(e.date for e in ends), any(e.provisional for e in ends))


def earliest_listing_date(publicity_last_day: date, settings: LocalSettings = DEFAULTS) -> date:
    """DEV-08: listing may happen on the last 公示 day (default) or only the day after."""
    return publicity_last_day if settings.list_on_last_publicity_day else publicity_last_day + timedelta(days=1)


def mentors_findings(mentors: Sequence[dict], subject: str | None = None) -> list[Finding]:
    """DEV-05: one or two 培养联系人, each a 正式党员."""
    out = []
    if not 1 <= len(mentors) <= 2:
        out.append(
            make(
                "DEV-05",
                "error",
                f"培养联系人应为一至两名正式党员，当前为{len(mentors)}名",
                subject=subject,
                code="MENTOR_COUNT",
            )
        )
    for m in mentors:
        if not m.get("full_member"):
            out.append(
                make(
                    "DEV-05",
                    "error",
                    f"培养联系人{m.get('name', '')}不是正式党员",
                    subject=subject,
                    code="MENTOR_NOT_FULL_MEMBER",
                )
            )
    return out


def _discipline_active(sponsor: dict, on: date | None) -> bool:
    if "discipline_active" in sponsor:
        return bool(sponsor["discipline_active"])
    kind, since = sponsor.get("discipline"), sponsor.get("discipline_date")
    if kind == "probation":
        return not sponsor.get("rights_restored", False)
    if kind not in DISCIPLINE_EFFECT_MONTHS or since is None or on is None:
        return kind in DISCIPLINE_EFFECT_MONTHS
    return on < add_months(since, DISCIPLINE_EFFECT_MONTHS[kind])


def sponsors_findings(sponsors: Sequence[dict], on: date | None = None, subject: str | None = None) -> list[Finding]:
    """DEV-09: exactly two 正式党员 sponsors; 留党察看 without restored rights → error;
    警告/严重警告/撤销党内职务 still in effect on ``on`` → warning (不宜)."""
    out = []
    if len(sponsors) != 2:
        out.append(
            make(
                "DEV-09",
                "error",
                f"须有两名正式党员作入党介绍人，当前为{len(sponsors)}名",
                subject=subject,
                code="SPONSOR_COUNT",
            )
        )
    for s in sponsors:
        name = s.get("name", "")
        if not s.get("full_member"):
            out.append(
                make(
                    "DEV-09", "error", f"入党介绍人{name}不是正式党员", subject=subject, code="SPONSOR_NOT_FULL_MEMBER"
                )
            )
        kind = s.get("discipline")
        if kind and _discipline_active(s, on):
            label = DISCIPLINE_ZH.get(kind, kind)
            if kind == "probation":
                out.append(
                    make(
                        "DEV-09",
                        "error",
                        f"入党介绍人{name}受{label}处分、尚未恢复党员权利，不能担任入党介绍人",
                        subject=subject,
                        code="SPONSOR_ON_PROBATION",
                    )
                )
            else:
                out.append(
                    make(
                        "DEV-09",
                        "warning",
                        f"入党介绍人{name}受{label}处分尚在影响期内，不宜担任入党介绍人",
                        subject=subject,
                        code="SPONSOR_DISCIPLINED",
                    )
                )
    return out


def training_sufficient(days=0, hours=0) -> bool:
    """DEV-11: at least 3 days or at least 24 学时 — either is enough."""
    return days >= 3 or hours >= 24


def leaving_within_3_months(departure: date, meeting: date) -> bool:
    """DEV-12: the 发展对象 leaves the unit within 3 months of the planned branch meeting."""
    return departure <= add_months(meeting, 3)


def branch_meeting_deadline(pre_review: date, settings: LocalSettings = DEFAULTS) -> date | None:
    """DEV-13 (2026 only): the 党支部党员大会 within one month of 预审合格; None under 2014."""
    if regulation_version(pre_review) == "2014":
        return None
    return deadline(pre_review, months=1, settings=settings)


def approver_valid(org_kind: str) -> bool:
    """DEV-16: only a 党委 (glossary org kind ``committee``) approves 预备党员; 党总支
    (``general_branch``), 党组 (``leading_group``), branches and temporary bodies cannot."""
    return org_kind == "committee"


def approval_deadlines(submitted: date) -> tuple[date, date]:
    """DEV-17: (normal 3-month deadline, hard 6-month limit) from the branch's submission."""
    return add_months(submitted, 3), add_months(submitted, 6)


def oath_deadline(approved: date) -> date:
    """DEV-18: the oath generally within one month of approval."""
    return add_months(approved, 1)


def probation_end(meeting_date: date, extension_months: int = 0) -> date:
    """DEV-19: one year from the 支部党员大会 date (not the approval date), plus any extension."""
    return add_months(add_years(meeting_date, 1), extension_months)


def extension_valid(months: int, previous_extensions: int = 0, event_date: date | None = None) -> bool:
    """DEV-20: one extension only; 6–12 months under the 2026 text, 1–12 under 2014.

    ``event_date`` (the branch meeting deciding the extension) picks the version; None = 2026.
    """
    if previous_extensions > 0:
        return False
    version = regulation_version(event_date) if event_date else "2026"
    low = 6 if version == "2026" else 1
    return low <= months <= 12


def conversion_approval_deadline(resolution: date) -> date:
    """DEV-21: the 党委 approves a conversion within 3 months of the branch resolution."""
    return add_months(resolution, 3)


def conversion_date(meeting_date: date, extension_months: int = 0) -> date:
    """DEV-21/22: the conversion (and 党龄) date is always the end of the 预备期."""
    return probation_end(meeting_date, extension_months)


def transferred_discussion_deadline(probation_last_day: date) -> date:
    """DEV-22: a transferred-in 预备党员's conversion is discussed at most 6 months after
    the 预备期 ends."""
    return add_months(probation_last_day, 6)


def missing_archive_documents(documents: Iterable[str]) -> list[str]:
    """DEV-23: codes of ARCHIVE_DOCUMENTS not yet present."""
    have = set(documents)
    return [code for code in ARCHIVE_DOCUMENTS if code not in have and ARCHIVE_DOCUMENTS[code] not in have]

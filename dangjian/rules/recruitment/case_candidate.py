"""Stage 2 of a development case, split from ``case`` to keep modules small: the 公示 before 发展对象
(DEV-08) and the preparation before the branch meeting (DEV-09, DEV-10, DEV-11)."""

from __future__ import annotations

from datetime import date

from ..findings import Finding, make
from ..workdays import workdays_between
from . import dates as d
from .events import Case


def check_publicity(case: Case, listed, settings, table, subject, version) -> list[Finding]:
    pub = case.first("publicity")
    if not pub:
        return [
            make(
                "DEV-08",
                "error",
                "确定发展对象前须公示不少于五个工作日，未见公示记录",
                subject=subject,
                code="PUBLICITY_MISSING",
                version=version,
            )
        ]
    out = []
    places = list(pub.data.get("places") or [pub.date])
    mobile = case.flag("mobile")
    if mobile and len(places) < 2:
        out.append(
            make(
                "DEV-08",
                "error",
                "流动人员须在流出地和流入地同时公示，仅见一地公示",
                subject=subject,
                code="PUBLICITY_ONE_PLACE",
                version=version,
            )
        )
    starts = [p if isinstance(p, date) else pub.date for p in places]
    computed = d.publicity_end(starts, 1, table)
    last_day = pub.data.get("end") or computed.date
    if pub.data.get("end") and workdays_between(pub.date, last_day, table).count < d.PUBLICITY_WORKDAYS:
        out.append(
            make(
                "DEV-08", "error", "公示期不足五个工作日", subject=subject, code="PUBLICITY_TOO_SHORT", version=version
            )
        )
        last_day = max(last_day, computed.date)
    earliest = d.earliest_listing_date(last_day, settings)
    if listed.date < earliest:
        out.append(
            make(
                "DEV-08",
                "error",
                f"公示期满前不能确定为发展对象，公示期至{last_day.isoformat()}，最早可于{earliest.isoformat()}确定",
                due_date=earliest,
                subject=subject,
                code="PUBLICITY_NOT_COMPLETE",
                version=version,
            )
        )
    if pub.data.get("blocked"):
        out.append(
            make(
                "DEV-08",
                "error",
                "公示中反映的问题影响发展，不能确定为发展对象",
                subject=subject,
                code="PUBLICITY_BLOCKED",
                version=version,
            )
        )
    if computed.provisional:
        out.append(
            make(
                "DEV-08",
                "info",
                "该年度法定节假日安排尚未录入，公示期结束日按周末推算，为暂定",
                subject=subject,
                code="PROVISIONAL_CALENDAR",
                version=version,
            )
        )
    return out


def check_preparation(case: Case, subject) -> list[Finding]:
    """DEV-09, DEV-10, DEV-11: sponsors, political review and training before the branch meeting."""
    out = []
    meeting = case.first("branch_meeting")
    sponsors = case.first("sponsors_assigned")
    if sponsors:
        out += d.sponsors_findings(sponsors.data.get("sponsors", []), sponsors.date, subject)
    elif meeting:
        out.append(
            make(
                "DEV-09",
                "error",
                "未见确定入党介绍人的记录，须有两名正式党员作入党介绍人",
                subject=subject,
                code="SPONSOR_COUNT",
            )
        )
    review = case.first("political_review")
    if review:
        if review.data.get("conclusion") == "unqualified":
            out.append(
                make(
                    "DEV-10", "error", "政治审查不合格的，不能发展入党", subject=subject, code="POLITICAL_REVIEW_FAILED"
                )
            )
        if review.data.get("has_conclusion_material") is False:
            out.append(
                make(
                    "DEV-10",
                    "error",
                    "政治审查须形成结论性材料",
                    subject=subject,
                    code="POLITICAL_REVIEW_NO_CONCLUSION",
                )
            )
        if case.flag("mobile") and not review.data.get("both_opinions"):
            out.append(
                make(
                    "DEV-10",
                    "error",
                    "流动人员须征求其户籍所在地和现居住地基层党组织的意见",
                    subject=subject,
                    code="POLITICAL_REVIEW_OPINIONS",
                )
            )
    elif meeting:
        out.append(
            make("DEV-10", "error", "未经政治审查的，不能发展入党", subject=subject, code="POLITICAL_REVIEW_MISSING")
        )
    training = case.first("training")
    if training and not d.training_sufficient(training.data.get("days", 0), training.data.get("hours", 0)):
        special = training.data.get("special_case_reason")
        out.append(
            make(
                "DEV-11",
                "info" if special else "warning",
                "集中培训不少于三天或不少于二十四学时，当前培训不足" + (f"（特殊情况：{special}）" if special else ""),
                subject=subject,
                code="TRAINING_INSUFFICIENT",
            )
        )
    elif not training and meeting:
        out.append(
            make(
                "DEV-11",
                "warning",
                "发展对象未经集中培训的，除个别特殊情况外不能发展入党，未见培训记录",
                subject=subject,
                code="TRAINING_MISSING",
            )
        )
    return out

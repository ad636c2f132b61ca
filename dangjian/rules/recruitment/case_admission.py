"""check_case, stages 4–5: 预审, the branch meeting, approval, oath, probation and conversion."""

from __future__ import annotations

from ..findings import Finding, make
from ..votes import branch_vote
from . import dates as d
from .events import Case, Event


def _vote_findings(event: Event, rule_id: str, what: str, subject) -> list[Finding]:
    data = event.data
    if data.get("expected") is None or data.get("present") is None or data.get("yes") is None:
        return [
            make(
                "DEV-14",
                "warning",
                f"{what}的决议应写明应到会和实到会有表决权的党员人数及表决结果",
                subject=subject,
                code="VOTE_NOT_RECORDED",
            )
        ]
    result = branch_vote(data["expected"], data["present"], data["yes"], data.get("written_yes", 0))
    if not result.quorum:
        return [
            make(
                "DEV-14",
                "error",
                f"{what}到会有表决权的党员（{data['present']}人）未超过应到会人数"
                f"（{data['expected']}人）的半数，会议无效",
                subject=subject,
                code="NO_QUORUM",
            )
        ]
    if not result.passed:
        yes = data["yes"] + data.get("written_yes", 0)
        return [
            make(
                "DEV-14",
                "error",
                f"{what}赞成人数（{yes}人）未超过应到会有表决权党员（{data['expected']}人）的半数，决议未通过",
                subject=subject,
                code="NOT_PASSED",
            )
        ]
    return []


def check_admission(case: Case, today, settings, subject) -> list[Finding]:
    out: list[Finding] = []
    pre = case.first("pre_review")
    meeting = case.first("branch_meeting")
    committee = case.first("committee_review")
    if pre and pre.data.get("qualified") is False:
        out.append(
            make(
                "DEV-12",
                "error",
                "上级党委预审不合格，不能发放入党志愿书",
                subject=subject,
                code="PRE_REVIEW_FAILED",
                version=d.regulation_version(pre.date),
            )
        )
    if meeting and not pre:
        out.append(
            make(
                "DEV-12",
                "error",
                "未经上级党委预审合格，不能提交支部党员大会讨论",
                subject=subject,
                code="PRE_REVIEW_MISSING",
                version=d.regulation_version(meeting.date),
            )
        )
    departure = case.value("expected_departure", "committee_review", "pre_review", "branch_meeting")
    planned = meeting.date if meeting else (committee.data.get("planned_meeting") if committee else None)
    if departure and planned and d.leaving_within_3_months(departure, planned):
        out.append(
            make(
                "DEV-12",
                "warning",
                f"发展对象预计于{departure.isoformat()}离开工作、学习单位，在三个月内，一般不办理接收预备党员手续",
                subject=subject,
                code="LEAVING_WITHIN_3_MONTHS",
                version=d.regulation_version(planned),
            )
        )
    if pre:
        due = d.branch_meeting_deadline(pre.date, settings)
        if due and ((meeting and meeting.date > due) or (not meeting and today and today > due)):
            out.append(
                make(
                    "DEV-13",
                    "warning",
                    f"预审合格后应在一个月内召开党支部党员大会，期限为{due.isoformat()}，已逾期",
                    due_date=due,
                    subject=subject,
                    code="BRANCH_MEETING_OVERDUE",
                )
            )
    if meeting:
        out += _vote_findings(meeting, "DEV-14", "接收预备党员的支部党员大会", subject)
        out += _check_approval(case, meeting, today, subject)
    return out


def _check_approval(case: Case, meeting: Event, today, subject) -> list[Finding]:
    out = []
    approval = case.first("approval")
    submitted = meeting.data.get("submitted") or meeting.date
    normal, hard = d.approval_deadlines(submitted)
    when = approval.date if approval else today
    if when and when > hard:
        out.append(
            make(
                "DEV-17",
                "error",
                f"上级党委审批期限最长不得超过六个月（{hard.isoformat()}），已超期",
                due_date=hard,
                subject=subject,
                code="APPROVAL_OVER_6M",
            )
        )
    elif when and when > normal:
        out.append(
            make(
                "DEV-17",
                "warning",
                f"上级党委应在三个月内（{normal.isoformat()}前）审批，特殊情况延长的须说明",
                due_date=normal,
                subject=subject,
                code="APPROVAL_OVER_3M",
            )
        )
    if not approval:
        return out
    talk = case.first("approval_talk")
    if not talk or talk.date > approval.date:
        out.append(
            make(
                "DEV-15",
                "error",
                "上级党委审批前应派党委委员或组织员同发展对象谈话，未见审批前谈话记录",
                subject=subject,
                code="APPROVAL_TALK_MISSING",
            )
        )
    kind = approval.data.get("approver_kind")
    if kind and not d.approver_valid(kind):
        out.append(
            make(
                "DEV-16",
                "error",
                "预备党员须由党委审批，党总支、党组和临时党组织等不能审批",
                subject=subject,
                code="APPROVER_INVALID",
            )
        )
    if not case.has("approval_filed"):
        out.append(
            make(
                "DEV-17",
                "info",
                "审批后应报再上一级党委组织部门备案，尚未见备案记录",
                subject=subject,
                code="APPROVAL_NOT_FILED",
            )
        )
    oath = case.first("oath")
    due = d.oath_deadline(approval.date)
    if oath and oath.date > due and not oath.data.get("collective"):
        out.append(
            make(
                "DEV-18",
                "warning",
                f"入党宣誓一般在批准后一个月内（{due.isoformat()}前）进行",
                due_date=due,
                subject=subject,
                code="OATH_LATE",
            )
        )
    elif not oath and today and today > due:
        out.append(
            make(
                "DEV-18",
                "warning",
                f"入党宣誓一般在批准后一个月内（{due.isoformat()}前）进行，尚未见宣誓记录",
                due_date=due,
                subject=subject,
                code="OATH_LATE",
            )
        )
    return out


def check_probation(case: Case, today, subject) -> list[Finding]:
    meeting = case.first("branch_meeting")
    if not meeting:
        return []
    out: list[Finding] = []
    extension = 0
    extensions_done = 0
    end = d.probation_end(meeting.date)
    application = case.first("conversion_application")
    if application and application.date < end:
        out.append(
            make(
                "DEV-21",
                "warning",
                f"转正申请早于预备期满之日（{end.isoformat()}），请按本地做法核对",
                subject=subject,
                code="EARLY_CONVERSION_APPLICATION",
            )
        )
    conversions = case.all("conversion_meeting")
    for conv in conversions:
        out += _vote_findings(conv, "DEV-14", "讨论转正的支部党员大会", subject)
        if conv.data.get("transferred_in") and conv.date > d.transferred_discussion_deadline(end):
            limit = d.transferred_discussion_deadline(end)
            out.append(
                make(
                    "DEV-22",
                    "warning",
                    f"转入的预备党员最多可推迟六个月讨论转正，期限为{limit.isoformat()}",
                    due_date=limit,
                    subject=subject,
                    code="CONVERSION_POSTPONED_TOO_LONG",
                )
            )
        if conv.data.get("outcome") == "extend":
            months = int(conv.data.get("extension_months") or 0)
            previous = extensions_done
            if not d.extension_valid(months, previous, conv.date):
                version = d.regulation_version(conv.date)
                limit = "不少于半年、最长不超过一年" if version == "2026" else "最长不超过一年"
                text = f"延长预备期只能一次，且{limit}" if previous else f"延长预备期{limit}，当前为{months}个月"
                out.append(make("DEV-20", "error", text, subject=subject, code="EXTENSION_INVALID", version=version))
            extension += months
            extensions_done += 1
            end = d.probation_end(meeting.date, extension)
    if not conversions and today and today > end:
        out.append(
            make(
                "DEV-20",
                "warning",
                f"预备期已于{end.isoformat()}届满，党支部应及时讨论其能否转为正式党员",
                due_date=end,
                subject=subject,
                code="CONVERSION_DUE",
            )
        )
    approval = case.first("conversion_approval")
    if approval and conversions:
        due = d.conversion_approval_deadline(conversions[-1].date)
        if approval.date > due:
            out.append(
                make(
                    "DEV-21",
                    "warning",
                    f"上级党委应在三个月内（{due.isoformat()}前）审批转正",
                    due_date=due,
                    subject=subject,
                    code="CONVERSION_APPROVAL_OVER_3M",
                )
            )
        recorded = approval.data.get("conversion_date")
        if recorded and recorded != end:
            out.append(
                make(
                    "DEV-21",
                    "error",
                    f"转正时间应为预备期满之日（{end.isoformat()}），不是{recorded.isoformat()}",
                    subject=subject,
                    code="CONVERSION_DATE_WRONG",
                )
            )
    archive = case.first("archive")
    if archive:
        missing = d.missing_archive_documents(archive.data.get("documents", []))
        if missing:
            names = "、".join(d.ARCHIVE_DOCUMENTS[c] for c in missing)
            out.append(
                make("DEV-23", "error", f"归档材料不全，缺少：{names}", subject=subject, code="ARCHIVE_INCOMPLETE")
            )
    return out

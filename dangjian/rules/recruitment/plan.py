"""Upcoming deadlines and earliest dates of a development case (the 发展党员时间节点计算器
and the case page). Every line names its rule; lines counted in working days carry the
``provisional`` mark when a year's holidays are unknown.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..dues import first_dues_month
from ..settings import DEFAULTS, LocalSettings
from ..workdays import HolidayTable
from . import dates as d
from .events import Case


class Deadline(NamedTuple):
    code: str  # what this line is, e.g. "talk_deadline"
    label_zh: str
    date: date
    kind: str  # "deadline" (on or before), "earliest" (on or after), "date" (a fact)
    rule_id: str
    step: str  # the step this line concerns
    provisional: bool = False
    done: bool = False
    overdue: bool = False


def _done(case: Case, step: str, after: date) -> bool:
    return any(e.step == step and e.date >= after for e in case.events)


def deadlines(events, settings: LocalSettings = DEFAULTS, table: HolidayTable | None = None) -> list[Deadline]:
    """Every deadline and earliest date that follows from the dates known so far, sorted by date."""
    case = Case(events)
    out: list[Deadline] = []

    def add(code, label, day, kind, rule_id, step, source: date, provisional=False):
        out.append(Deadline(code, label, day, kind, rule_id, step, provisional, _done(case, step, source)))

    app = case.first("application")
    if app:
        add(
            "talk_deadline",
            "派人谈话截止日",
            d.talk_deadline(app.date, settings),
            "deadline",
            "DEV-03",
            "application_talk",
            app.date,
        )
    act = case.first("activist_selected")
    if act:
        add(
            "earliest_candidate",
            "最早可确定为发展对象",
            d.earliest_candidate_date(act.date),
            "earliest",
            "DEV-07",
            "candidate_selected",
            act.date,
        )
        last = max([act.date] + [r.date for r in case.all("activist_review")])
        if not case.has("candidate_selected"):
            add("next_review", "下次培养考察截止日", d.review_due(last), "deadline", "DEV-06", "activist_review", last)
    pub = case.first("publicity")
    if pub:
        end = d.publicity_end(pub.date, 1, table)
        add(
            "publicity_end",
            "公示期满（第5个工作日）",
            end.date,
            "date",
            "DEV-08",
            "publicity",
            pub.date,
            end.provisional,
        )
        add(
            "earliest_listing",
            "公示后最早可确定为发展对象",
            d.earliest_listing_date(end.date, settings),
            "earliest",
            "DEV-08",
            "candidate_selected",
            pub.date,
            end.provisional,
        )
    pre = case.first("pre_review")
    if pre:
        due = d.branch_meeting_deadline(pre.date, settings)
        if due:
            add(
                "branch_meeting_deadline",
                "召开党支部党员大会截止日",
                due,
                "deadline",
                "DEV-13",
                "branch_meeting",
                pre.date,
            )
    meeting = case.first("branch_meeting")
    if meeting:
        _after_meeting(case, meeting, add)
    return sorted(out, key=lambda x: (x.date, x.code))


def _after_meeting(case: Case, meeting, add) -> None:
    submitted = meeting.data.get("submitted") or meeting.date
    normal, hard = d.approval_deadlines(submitted)
    add("approval_deadline", "上级党委审批期限（三个月）", normal, "deadline", "DEV-17", "approval", meeting.date)
    add("approval_hard_limit", "上级党委审批最长期限（六个月）", hard, "deadline", "DEV-17", "approval", meeting.date)
    add(
        "first_dues_month",
        "开始交纳党费的月份",
        first_dues_month(meeting.date),
        "date",
        "FEE-07",
        "branch_meeting",
        meeting.date,
    )
    approval = case.first("approval")
    if approval:
        add(
            "oath_deadline",
            "入党宣誓（一般）截止日",
            d.oath_deadline(approval.date),
            "deadline",
            "DEV-18",
            "oath",
            approval.date,
        )
    extension = sum(
        int(e.data.get("extension_months") or 0)
        for e in case.all("conversion_meeting")
        if e.data.get("outcome") == "extend"
    )
    end = d.probation_end(meeting.date, extension)
    last_conv = case.last("conversion_meeting")
    decided = last_conv is not None and last_conv.data.get("outcome") != "extend"
    label = "预备期满（延长后）" if extension else "预备期满、转正时间"
    add(
        "probation_end", label, end, "date", "DEV-19" if not extension else "DEV-20", "conversion_meeting", meeting.date
    )
    if any(e.data.get("transferred_in") for e in case.events) and not decided:
        add(
            "transferred_discussion",
            "转入预备党员讨论转正最迟日期",
            d.transferred_discussion_deadline(end),
            "deadline",
            "DEV-22",
            "conversion_meeting",
            end,
        )
    if decided:
        add(
            "conversion_approval_deadline",
            "上级党委审批转正期限",
            d.conversion_approval_deadline(last_conv.date),
            "deadline",
            "DEV-21",
            "conversion_approval",
            last_conv.date,
        )


def next_steps(
    events, today: date, settings: LocalSettings = DEFAULTS, table: HolidayTable | None = None
) -> list[Deadline]:
    """Lines whose step has not happened yet, with ``overdue`` set for deadlines past ``today``."""
    out = []
    for line in deadlines(events, settings, table):
        if line.done:
            continue
        out.append(line._replace(overdue=line.kind == "deadline" and today > line.date))
    return out

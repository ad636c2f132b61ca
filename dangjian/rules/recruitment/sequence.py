"""The order of a development case's steps: no step dated before a step it depends on, and no
non-repeatable step recorded twice. Pure function over the case's events.

The dependencies follow the 细则's sequence (regulations.md, DEV stage and step list and
DEV-01…DEV-23), for both the 2014 path (报上级党委备案 of the 发展对象) and the 2026 path
(上级党委同意 → 公示 → 确定发展对象). Only edges the text itself orders are listed: steps the
text leaves side by side (谈话 and 确定积极分子 after the application; 备案, 培养联系人 and 考察 after
确定积极分子; 介绍人, 政审 and 培训 of the 发展对象) are not ordered among themselves. A step
depends on the steps named here and, through them, on their own prerequisites, so a missing
intermediate step (e.g. no 上级党委同意 recorded) does not break the chain. Only steps present
in the case are compared: a missing step is the business of the per-rule checks, not of this one.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from ..findings import Finding, make
from .events import normalize
from .steps import STEP_BY_CODE, step_name

# step → the steps it directly follows, with the rule that orders them.
AFTER: dict[str, tuple[tuple[str, str], ...]] = {
    "application_talk": (("application", "DEV-03"),),  # 收到入党申请书后谈话
    "activist_selected": (("application", "DEV-04"),),  # 从入党申请人中确定
    "activist_filed": (("activist_selected", "DEV-04"),),  # 确定后报上级党委备案
    "mentors_assigned": (("activist_selected", "DEV-05"),),  # 为入党积极分子指定培养联系人
    "activist_review": (("activist_selected", "DEV-06"),),  # 每半年考察入党积极分子
    "upper_consent": (("activist_selected", "DEV-08"),),  # 2026: 支委会研究后报上级党委同意
    "publicity": (("upper_consent", "DEV-08"), ("activist_selected", "DEV-08")),  # 2026: 同意后公示
    "candidate_selected": (("activist_selected", "DEV-07"), ("upper_consent", "DEV-08"), ("publicity", "DEV-08")),
    "candidate_filed": (("candidate_selected", "DEV-08"),),  # 2014: 确定发展对象后报上级党委备案
    "sponsors_assigned": (("candidate_selected", "DEV-09"),),  # 发展对象应当有两名入党介绍人
    "political_review": (("candidate_selected", "DEV-10"),),  # 对发展对象进行政治审查
    "training": (("candidate_selected", "DEV-11"),),  # 对发展对象进行集中培训
    "committee_review": (
        ("sponsors_assigned", "DEV-12"),
        ("political_review", "DEV-12"),
        ("training", "DEV-12"),
        ("candidate_selected", "DEV-12"),
    ),
    "pre_review": (("committee_review", "DEV-12"),),  # 支委会审查后报党委预审
    "volunteer_form": (("pre_review", "DEV-12"),),  # 预审合格后发给入党志愿书
    "branch_meeting": (("volunteer_form", "DEV-13"), ("pre_review", "DEV-13")),
    "approval_talk": (("branch_meeting", "DEV-15"),),  # 审批前谈话，在支部大会之后
    "approval": (("approval_talk", "DEV-15"), ("branch_meeting", "DEV-17")),
    "approval_filed": (("approval", "DEV-17"),),
    "group_assignment": (("approval", "DEV-19"),),
    "oath": (("approval", "DEV-18"),),
    "probation_review": (("branch_meeting", "DEV-19"),),  # 预备期自支部大会通过之日起
    "conversion_application": (("approval", "DEV-21"),),
    "conversion_meeting": (("conversion_application", "DEV-21"), ("approval", "DEV-20"), ("branch_meeting", "DEV-20")),
    "conversion_approval": (("conversion_meeting", "DEV-21"),),
    "archive": (("conversion_approval", "DEV-23"),),
}

# Done more than once by design: 考察 every half year (DEV-06, DEV-19), a new 公示 after a blocked
# one (DEV-08); 讨论转正 and its 审批 once more after an extension (DEV-20), checked separately.
REPEATABLE: frozenset[str] = frozenset({"activist_review", "probation_review", "publicity"})


def zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def prerequisites(step: str) -> dict[str, str]:
    """Every step that ``step`` follows, directly or through others → the rule of the direct edge
    (for a transitive one, the rule of the first edge on the way)."""
    out: dict[str, str] = {}
    for before, rule_id in AFTER.get(step, ()):
        out.setdefault(before, rule_id)
        for deeper in prerequisites(before):
            out.setdefault(deeper, rule_id)
    return out


def sequence_findings(events, subject: str | None = None) -> list[Finding]:
    """Errors for steps dated before a step they depend on (``STEP_OUT_OF_ORDER``, one per event,
    naming the latest such step and its date) and for non-repeatable steps recorded more than once
    (``STEP_REPEATED``). A step is compared with the first record of each step it depends on."""
    events = normalize(events)
    first: dict[str, date] = {}
    for e in events:
        first.setdefault(e.step, e.date)
    out: list[Finding] = []
    for e in events:
        late = [(first[p], p, rule) for p, rule in prerequisites(e.step).items() if p in first and first[p] > e.date]
        if late:
            when, before, rule_id = max(late, key=lambda t: (t[0], -STEP_BY_CODE[t[1]].stage))
            out.append(
                make(
                    rule_id,
                    "error",
                    f"“{step_name(e.step)}”的日期不能早于“{step_name(before)}”（{zh_date(when)}）",
                    due_date=when,
                    subject=subject,
                    code="STEP_OUT_OF_ORDER",
                )
            )
    out += _repeats(events, subject)
    return out


def _repeats(events, subject) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, date] = {}
    meetings = approvals = 0
    extend_pending = False  # the last 讨论转正 decided to extend: one more meeting may follow
    for e in events:
        if e.step == "conversion_meeting":
            meetings += 1
            if meetings > 1 and not extend_pending:
                out.append(_repeated(e, seen[e.step], "DEV-20", subject, "（只有延长预备期后才再次讨论转正）"))
            extend_pending = e.data.get("outcome") == "extend"
        elif e.step == "conversion_approval":
            approvals += 1
            if approvals > max(meetings, 1):
                out.append(_repeated(e, seen[e.step], "DEV-21", subject, "（每次讨论转正只审批一次）"))
        elif e.step in seen and e.step not in REPEATABLE:
            out.append(_repeated(e, seen[e.step], STEP_BY_CODE[e.step].rule_ids[0], subject, ""))
        seen.setdefault(e.step, e.date)
    return out


def _repeated(e, first_date: date, rule_id: str, subject, why: str) -> Finding:
    return make(
        rule_id,
        "error",
        f"“{step_name(e.step)}”已于{zh_date(first_date)}登记，不能重复登记{why}；"
        "如需修改，请更正原记录（或作废后重新登记）",
        due_date=None,
        subject=subject,
        code="STEP_REPEATED",
    )


__all__ = ["AFTER", "REPEATABLE", "prerequisites", "sequence_findings", "zh_date"]

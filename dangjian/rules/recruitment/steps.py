"""The steps of a development case: the classic 5 stages / 25 steps of the 2014 中组部
flowchart, mapped to the 2026 articles, plus the two steps added in 2026 (上级党委同意, 公示).

``versions`` says under which text a step exists: step 8 (报上级党委备案 of the 发展对象) is
2014 only; 上级党委同意 and 公示 are 2026 only (a local setting can require 公示 under 2014).
"""

from __future__ import annotations

from typing import NamedTuple


class Step(NamedTuple):
    code: str
    name_zh: str
    stage: int
    number: int  # position in the classic 25-step list; 0 for the 2026 additions
    rule_ids: tuple[str, ...]
    versions: tuple[str, ...] = ("2014", "2026")


STAGES: dict[int, str] = {
    1: "申请入党",
    2: "入党积极分子的确定和培养教育",
    3: "发展对象的确定和考察",
    4: "预备党员的接收",
    5: "预备党员的教育考察和转正",
}

BOTH = ("2014", "2026")
STEPS: tuple[Step, ...] = (
    Step("application", "递交入党申请书", 1, 1, ("DEV-01", "DEV-02")),
    Step("application_talk", "党组织派人谈话", 1, 2, ("DEV-03",)),
    Step("activist_selected", "推荐和确定入党积极分子", 2, 3, ("DEV-04",)),
    Step("activist_filed", "报上级党委备案（入党积极分子）", 2, 4, ("DEV-04",)),
    Step("mentors_assigned", "指定培养联系人", 2, 5, ("DEV-05",)),
    Step("activist_review", "培养教育考察（每半年考察）", 2, 6, ("DEV-06", "DEV-07")),
    Step("upper_consent", "报上级党委同意（发展对象）", 3, 0, ("DEV-08",), ("2026",)),
    Step("publicity", "发展对象公示", 3, 0, ("DEV-08",), ("2026",)),
    Step("candidate_selected", "确定发展对象", 3, 7, ("DEV-07", "DEV-08")),
    Step("candidate_filed", "报上级党委备案（发展对象）", 3, 8, ("DEV-08",), ("2014",)),
    Step("sponsors_assigned", "确定入党介绍人", 3, 9, ("DEV-09",)),
    Step("political_review", "进行政治审查", 3, 10, ("DEV-10",)),
    Step("training", "开展集中培训", 3, 11, ("DEV-11",)),
    Step("committee_review", "支部委员会审查", 4, 12, ("DEV-12",)),
    Step("pre_review", "上级党委预审", 4, 13, ("DEV-12", "DEV-13")),
    Step("volunteer_form", "填写入党志愿书", 4, 14, ("DEV-12",)),
    Step("branch_meeting", "支部党员大会讨论接收预备党员", 4, 15, ("DEV-13", "DEV-14", "DEV-19")),
    Step("approval_talk", "上级党委派人谈话", 4, 16, ("DEV-15",)),
    Step("approval", "上级党委审批", 4, 17, ("DEV-16", "DEV-17")),
    Step("approval_filed", "再上级党委组织部门备案", 4, 18, ("DEV-17",)),
    Step("group_assignment", "编入党支部和党小组", 5, 19, ("DEV-19",)),
    Step("oath", "入党宣誓", 5, 20, ("DEV-18",)),
    Step("probation_review", "继续教育考察", 5, 21, ("DEV-19", "EDU-03")),
    Step("conversion_application", "提出转正申请", 5, 22, ("DEV-21",)),
    Step("conversion_meeting", "支部党员大会讨论转正", 5, 23, ("DEV-14", "DEV-20", "DEV-21", "DEV-22")),
    Step("conversion_approval", "上级党委审批转正", 5, 24, ("DEV-21",)),
    Step("archive", "材料归档", 5, 25, ("DEV-23",)),
)

STEP_BY_CODE: dict[str, Step] = {s.code: s for s in STEPS}
CLASSIC_STEPS: tuple[Step, ...] = tuple(sorted((s for s in STEPS if s.number), key=lambda s: s.number))


def steps_for_version(version: str) -> list[Step]:
    """The steps that exist under the 2014 or 2026 text, in case order."""
    return [s for s in STEPS if version in s.versions]


def step_name(code: str) -> str:
    return STEP_BY_CODE[code].name_zh


# What check_case reads from each event's ``data`` (all keys optional unless noted):
EVENT_DATA_KEYS: dict[str, str] = {
    "application": "birth_date (date) — DEV-01; receiving_org, has_unit, unit_has_org, mobile — DEV-02",
    "activist_selected": "recommendation ('member' | 'mass_org') — DEV-04",
    "mentors_assigned": "mentors: [{name, full_member}] — DEV-05",
    "publicity": "end (date, optional), places (list of start dates or names), mobile (bool), blocked (bool) — DEV-08",
    "candidate_selected": "mobile (bool) — DEV-08",
    "sponsors_assigned": "sponsors: [{name, full_member, discipline, discipline_date, rights_restored}] — DEV-09",
    "political_review": "conclusion ('qualified' | 'unqualified'), has_conclusion_material (bool), "
    "both_opinions (bool, 流动人员: 户籍地 and 居住地 opinions) — DEV-10",
    "training": "days, hours, special_case_reason — DEV-11",
    "committee_review": "expected_departure (date), planned_meeting (date) — DEV-12",
    "pre_review": "qualified (bool, default True) — DEV-12",
    "branch_meeting": "expected, present, yes, written_yes, submitted (date) — DEV-14/DEV-17",
    "approval": "approver_kind (org kind, e.g. 'committee') — DEV-16",
    "oath": "collective (bool), reason — DEV-18",
    "conversion_meeting": "expected, present, yes, written_yes, outcome ('convert' | 'extend' | 'revoke'), "
    "extension_months, transferred_in (bool) — DEV-14/20/22",
    "conversion_approval": "conversion_date (date) — DEV-21",
    "archive": "documents: codes or names of ARCHIVE_DOCUMENTS — DEV-23",
}

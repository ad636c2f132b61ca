"""Which fields each step records, and in which bucket (opinions / documents / vote / data).

The page form and the API share this catalogue; the service stores opinions and documents in
their JSON columns, votes in the vote columns and everything else in ``data``.
"""

from dangjian.rules.recruitment import ARCHIVE_DOCUMENTS

OPINION_LABELS = {
    "group": "党小组意见",
    "mentor": "培养联系人意见",
    "masses": "党员和群众意见",
    "committee": "支委会意见",
}
VOTE_KEYS = {
    "expected": "vote_expected",
    "present": "vote_present",
    "yes": "vote_yes",
    "written_yes": "vote_written_yes",
}

# (key, label, kind, bucket[, extra]) — kind: text, textarea, int, date, bool, choice, persons, multi
_VOTES = [
    ("expected", "应到会有表决权的正式党员（人）", "int", "vote"),
    ("present", "实到会有表决权的正式党员（人）", "int", "vote"),
    ("yes", "到会赞成票（人）", "int", "vote"),
    ("written_yes", "未到会党员书面赞成意见（份）", "int", "vote"),
]
RECOMMENDATION = [("member", "党员推荐"), ("mass_org", "群团组织推优")]
CONCLUSION = [("qualified", "合格"), ("unqualified", "不合格")]
APPROVER = [("committee", "党委（工委）"), ("general_branch", "党总支"), ("leading_group", "党组")]
OUTCOME = [("convert", "按期转为正式党员"), ("extend", "延长预备期"), ("revoke", "取消预备党员资格")]

FIELDS: dict[str, list[tuple]] = {
    "application": [("application", "已收到入党申请书", "bool", "documents")],
    "application_talk": [("talker", "谈话人", "text", "data"), ("summary", "谈话情况", "textarea", "data")],
    "activist_selected": [
        ("recommendation", "推荐方式", "choice", "data", RECOMMENDATION),
        ("committee", OPINION_LABELS["committee"], "textarea", "opinions"),
    ],
    "activist_filed": [("filed_with", "备案的上级党委", "text", "data")],
    "mentors_assigned": [("mentors", "培养联系人（1—2名正式党员）", "persons", "data")],
    "activist_review": [
        ("group", OPINION_LABELS["group"], "textarea", "opinions"),
        ("mentor", OPINION_LABELS["mentor"], "textarea", "opinions"),
        ("thought_reports", "思想汇报（份）", "int", "documents"),
    ],
    "upper_consent": [
        ("consent_by", "同意的上级党委", "text", "data"),
        ("consent_no", "批复文号", "text", "documents"),
    ],
    "candidate_selected": [(k, v, "textarea", "opinions") for k, v in OPINION_LABELS.items()],
    "candidate_filed": [("filed_with", "备案的上级党委", "text", "data")],
    "sponsors_assigned": [("sponsors", "入党介绍人（2名正式党员）", "persons", "data")],
    "political_review": [
        ("conclusion", "政审结论", "choice", "data", CONCLUSION),
        ("has_conclusion_material", "已形成结论性材料", "bool", "data"),
        ("both_opinions", "流动人员：已征求户籍地和居住地党组织意见", "bool", "data"),
        ("political_review_conclusion", "政审材料名称", "text", "documents"),
    ],
    "training": [
        ("days", "培训天数", "int", "data"),
        ("hours", "培训学时", "int", "data"),
        ("training_certificate", "培训证书（结业证）编号", "text", "documents"),
        ("special_case_reason", "培训不足的特殊情况说明", "text", "data"),
    ],
    "committee_review": [
        ("committee", OPINION_LABELS["committee"], "textarea", "opinions"),
        ("expected_departure", "预计离开本单位日期（如有）", "date", "data"),
        ("planned_meeting", "拟召开支部党员大会日期", "date", "data"),
    ],
    "pre_review": [("qualified", "预审合格", "bool", "data"), ("pre_review_no", "预审意见文号", "text", "documents")],
    "volunteer_form": [("volunteer_form_no", "入党志愿书编号", "text", "documents")],
    "branch_meeting": _VOTES
    + [
        ("submitted", "决议上报上级党委日期", "date", "data"),
        ("resolution", "支部大会决议要点", "textarea", "documents"),
    ],
    "approval_talk": [("talker", "谈话的党委委员或组织员", "text", "data")],
    "approval": [
        ("approver_kind", "审批组织类别", "choice", "data", APPROVER),
        ("approval_no", "批复文号", "text", "documents"),
    ],
    "approval_filed": [("filed_with", "备案的组织部门", "text", "data")],
    "group_assignment": [("group", "编入的党小组", "text", "data")],
    "oath": [("collective", "重要纪念日集体宣誓", "bool", "data"), ("reason", "说明", "text", "data")],
    "probation_review": [
        ("group", OPINION_LABELS["group"], "textarea", "opinions"),
        ("thought_reports", "思想汇报（份）", "int", "documents"),
    ],
    "conversion_application": [("conversion_application", "已收到书面转正申请", "bool", "documents")],
    "conversion_meeting": _VOTES
    + [("outcome", "表决事项", "choice", "data", OUTCOME), ("extension_months", "延长预备期（月）", "int", "data")],
    "conversion_approval": [("approval_no", "批复文号", "text", "documents")],
    "archive": [("documents", "已归档材料", "multi", "data", list(ARCHIVE_DOCUMENTS.items()))],
}
BOOL_DEFAULT_TRUE = ("has_conclusion_material", "qualified", "application", "conversion_application")


def fields_for(code: str) -> list[tuple]:
    return FIELDS.get(code, [])


def structure(code: str, flat: dict) -> dict:
    """Flat form values → the service's data dict ({"opinions": …, "documents": …, key: value})."""
    out: dict = {"opinions": {}, "documents": {}}
    for spec in fields_for(code):
        name, bucket = spec[0], spec[3]
        value = flat.get(name)
        if value in (None, "", []) and spec[2] != "bool":
            continue
        if bucket in ("opinions", "documents"):
            out[bucket][name] = value
        else:
            out[name] = value
    return out

"""Audit event kinds as people read them, and dates in Chinese: the ground both the person history
(members.history_view) and the general audit reader (core.readable) stand on."""

import datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")

# Every audit kind written by the services (grep 'kind="' dangjian), in Chinese.
EVENT_LABELS = {
    "person.create": "新增人员",
    "person.import": "花名册导入",
    "person.update": "修改信息",
    "person.leave": "离开花名册",
    "person.restore": "恢复在册",
    "person.status": "身份变更",
    "person.mobile": "登记为流动党员",
    "person.mobile_end": "流动结束",
    "person.lost_contact": "登记失联",
    "person.found": "恢复联系",
    "person.org": "组织关系变动",
    "person.id_reveal": "查看完整身份证号",
    "person.export": "导出个人信息",
    "backup.restore": "从备份恢复",
    "backup.create": "备份全部数据",
    "dues.payment": "交纳党费",
    "dues.reversal": "党费冲正",
    "dues.base": "核定党费基数",
    "dues.charges_generate": "生成应交党费",
    "dues.remittance": "上缴党费",
    "dues.reconciliation": "党费对账",
    "roster.import": "花名册导入",
    "org.create": "新建组织",
    "org.update": "修改组织信息",
    "org.move": "调整隶属关系",
    "committee.term": "支部委员会换届",
    "recruitment.case_open": "建立发展党员档案",
    "recruitment.step": "登记发展环节",
    "recruitment.void": "作废更正",
    "recruitment.publicity": "登记公示",
    "recruitment.publicity_close": "公示结束",
    "recruitment.plan": "发展计划",
    "meeting.create": "登记会议",
    "meeting.update": "修改会议",
    "meeting.void": "作废会议",
    "meeting.restore": "恢复会议",
    "meeting.attendance": "登记出席",
    "meeting.attachment": "上传会议附件",
    "meeting.attachment_void": "删除会议附件",
    "meeting_plan.create": "组织生活计划",
    "meeting_plan.void": "作废组织生活计划",
    "relations.transfer_out": "组织关系转出",
    "relations.transfer_in": "组织关系转入",
    "relations.transfer_status": "组织关系转接进展",
    "relations.internal_transfer": "系统内组织关系转出",
    "relations.survey": "组织关系集中排查",
    "election.create": "换届选举",
    "election.vote": "选举计票",
    "election.invalid": "选举无效",
    "election.approve": "选举批复",
    "appraisal.cycle_open": "开展民主评议",
    "appraisal.stage": "民主评议进入下一阶段",
    "appraisal.self_evaluation": "评议自评",
    "appraisal.mutual": "评议互评",
    "appraisal.voted": "评议测评",
    "appraisal.paper_tallies": "纸质测评汇总",
    "appraisal.grade": "评定等次",
    "appraisal.told": "告知评议结果",
    "appraisal.followup": "评议整改",
    "appraisal.followup_close": "评议整改完成",
    "appraisal.followup_escalate": "评议处置转入下一步",
    "learning.record_create": "登记学习",
    "learning.record_void": "作废学习记录",
    "learning.note_submit": "提交学习心得",
    "learning.note_read": "阅读学习心得",
    "learning.quiz_create": "新建测试",
    "learning.quiz_submit": "参加测试",
    "learning.question_create": "新增试题",
    "learning.paper_score": "登记纸质测试成绩",
    "disclosure.propose": "提出党务公开",
    "disclosure.status": "党务公开进展",
    "disclosure.reply": "答复意见",
    "disclosure.attachment": "党务公开附件",
    "archive.document": "归档文书",
    "archive.void": "作废归档文书",
    "plans.plan_create": "制定工作计划",
    "plans.plan_submit": "报送工作计划",
    "plans.plan_review": "审核工作计划",
    "plans.item_create": "新增计划事项",
    "plans.item_update": "更新计划事项",
    "plans.task_send": "下发任务",
    "plans.task_answer": "任务回执",
    "plans.task_review": "审核回执",
    "plans.notice_send": "发送通知",
    "plans.honour_create": "登记荣誉",
    "plans.activity_create": "登记活动",
    "plans.visit_create": "调研指导",
    "plans.problem_resolve": "问题解决",
    "plans.nomination_create": "推荐两优一先",
    "plans.nomination_decide": "推荐审定",
    "assessment.rubric_create": "制定考核细则",
    "assessment.rubric_update": "修改考核细则",
    "assessment.rubric_publish": "发布考核细则",
    "assessment.rubric_copy": "复制考核细则",
    "assessment.rubric_open": "开展考核",
    "assessment.return": "考核退回",
    "assessment.rectify": "考核失分列入整改",
    "rectification.raise": "列入整改",
    "rectification.update": "更新整改情况",
    "rectification.report_done": "报告整改完成",
    "rectification.accept": "整改验收销号",
    "rectification.return": "整改退回",
    "rectification.cancel": "撤销整改",
    "reports.draft_generated": "生成总结草稿",
    "reports.draft_edited": "修改总结草稿",
    "rule_settings.update": "修改本地规则",
    "holiday.create": "新增节假日",
    "holiday.update": "修改节假日",
    "holiday.remove": "删除节假日",
    "holiday_year.mark": "节假日安排确认",
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.lockout": "账号锁定",
    "scale.generate": "生成测试数据",
}


def event_label(kind: str) -> str:
    if kind in EVENT_LABELS:
        return EVENT_LABELS[kind]
    if kind.startswith("assessment."):
        return "考核进展"
    return "其他变更"  # never the raw code


def date_zh(value) -> str:
    """'2026年11月22日' from a date or an ISO date string; anything else unchanged."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = value.astimezone(CHINA).date() if value.tzinfo else value.date()
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)

"""The change history of a person (党员情况变更信息库) as people read it.

The audit log stores what the code knows: field names, org ids, choice codes, ISO dates, UTC instants,
event codes and the acting login. Here each becomes what a secretary or a member understands: Chinese
field labels (the model's verbose_name), org and 党小组 names, choice labels, 是/否, "2026年11月22日",
China time, the operator's real name and role, grouped per day. The person page, /me/ and the archive's
frozen 变更信息库 all read the history through this module, so they never disagree.
"""
from __future__ import annotations

import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from dangjian.rules.periods import month_label

CHINA = ZoneInfo("Asia/Shanghai")

# Every audit kind written by the services (grep 'kind="' dangjian), in Chinese.
EVENT_LABELS = {
    "person.create": "新增人员", "person.import": "花名册导入", "person.update": "修改信息",
    "person.leave": "离开花名册", "person.restore": "恢复在册", "person.status": "身份变更",
    "person.mobile": "登记为流动党员", "person.mobile_end": "流动结束", "person.lost_contact": "登记失联",
    "person.found": "恢复联系", "person.org": "组织关系变动",
    "person.id_reveal": "查看完整身份证号", "person.export": "导出个人信息", "backup.restore": "从备份恢复", "backup.create": "备份全部数据",
    "dues.payment": "交纳党费", "dues.reversal": "党费冲正", "dues.base": "核定党费基数",
    "dues.charges_generate": "生成应交党费", "dues.remittance": "上缴党费", "dues.reconciliation": "党费对账",
    "roster.import": "花名册导入",
    "org.create": "新建组织", "org.update": "修改组织信息", "org.move": "调整隶属关系",
    "committee.term": "支部委员会换届",
    "recruitment.case_open": "建立发展党员档案", "recruitment.step": "登记发展环节", "recruitment.void": "作废更正",
    "recruitment.publicity": "登记公示", "recruitment.publicity_close": "公示结束", "recruitment.plan": "发展计划",
    "meeting.create": "登记会议", "meeting.update": "修改会议", "meeting.void": "作废会议", "meeting.restore": "恢复会议",
    "meeting.attendance": "登记出席", "meeting.attachment": "上传会议附件", "meeting.attachment_void": "删除会议附件",
    "meeting_plan.create": "组织生活计划", "meeting_plan.void": "作废组织生活计划",
    "relations.transfer_out": "组织关系转出", "relations.transfer_in": "组织关系转入",
    "relations.transfer_status": "组织关系转接进展", "relations.internal_transfer": "系统内组织关系转出", "relations.survey": "组织关系集中排查",
    "election.create": "换届选举", "election.vote": "选举计票", "election.invalid": "选举无效", "election.approve": "选举批复",
    "appraisal.cycle_open": "开展民主评议", "appraisal.stage": "民主评议进入下一阶段",
    "appraisal.self_evaluation": "评议自评", "appraisal.mutual": "评议互评", "appraisal.voted": "评议测评",
    "appraisal.paper_tallies": "纸质测评汇总", "appraisal.grade": "评定等次", "appraisal.told": "告知评议结果",
    "appraisal.followup": "评议整改", "appraisal.followup_close": "评议整改完成",
    "learning.record_create": "登记学习", "learning.record_void": "作废学习记录", "learning.note_submit": "提交学习心得",
    "learning.note_read": "阅读学习心得", "learning.quiz_create": "新建测试", "learning.quiz_submit": "参加测试",
    "learning.question_create": "新增试题", "learning.paper_score": "登记纸质测试成绩",
    "disclosure.propose": "提出党务公开", "disclosure.status": "党务公开进展", "disclosure.reply": "答复意见",
    "disclosure.attachment": "党务公开附件",
    "archive.document": "归档文书", "archive.void": "作废归档文书",
    "plans.plan_create": "制定工作计划", "plans.plan_submit": "报送工作计划", "plans.plan_review": "审核工作计划",
    "plans.item_create": "新增计划事项", "plans.item_update": "更新计划事项", "plans.task_send": "下发任务",
    "plans.task_answer": "任务回执", "plans.task_review": "审核回执", "plans.notice_send": "发送通知",
    "plans.honour_create": "登记荣誉", "plans.activity_create": "登记活动", "plans.visit_create": "调研指导",
    "plans.problem_resolve": "问题解决", "plans.nomination_create": "推荐两优一先", "plans.nomination_decide": "推荐审定",
    "assessment.rubric_create": "制定考核细则", "assessment.rubric_update": "修改考核细则",
    "assessment.rubric_publish": "发布考核细则", "assessment.rubric_copy": "复制考核细则",
    "assessment.rubric_open": "开展考核", "assessment.return": "考核退回", "assessment.rectify": "考核失分列入整改",
    "rectification.raise": "列入整改", "rectification.update": "更新整改情况", "rectification.report_done": "报告整改完成",
    "rectification.accept": "整改验收销号", "rectification.return": "整改退回", "rectification.cancel": "撤销整改",
    "reports.draft_generated": "生成总结草稿", "reports.draft_edited": "修改总结草稿",
    "rule_settings.update": "修改本地规则", "holiday.create": "新增节假日", "holiday.update": "修改节假日",
    "holiday.remove": "删除节假日", "holiday_year.mark": "节假日安排确认",
    "auth.login": "登录", "auth.logout": "退出登录", "auth.login_failed": "登录失败", "auth.lockout": "账号锁定",
    "scale.generate": "生成测试数据",
}
ROLE_LABELS = {"bureau_officer": "上级党组织工作人员", "secretary": "支部书记", "officer": "支部委员", "member": "党员"}
ROLE_RANK = {"bureau_officer": 0, "secretary": 1, "officer": 2, "member": 3}
# Bookkeeping columns no reader needs (sort keys, tenancy, the login link).
INTERNAL_FIELDS = {"id", "bureau", "user", "stroke_key", "pinyin", "recorded_on"}
ORG_FIELDS = {"org", "group"}
EMPTY = "—"


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


def local(at: datetime.datetime) -> datetime.datetime:
    """An audit instant (stored in UTC) in China time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    return at.astimezone(CHINA)


def mask_id(number: str) -> str:
    number = number or ""
    return f"{number[:6]}********{number[-4:]}" if len(number) == 18 else "*" * len(number)


def _person_fields() -> dict:
    from .models import Person

    return {f.name: f for f in Person._meta.get_fields() if getattr(f, "concrete", False)}


def _org_names(events) -> dict:
    from dangjian.orgs.models import Org

    ids = set()
    for e in events:
        for name, pair in ((e.data or {}).get("changes") or {}).items():
            if name in ORG_FIELDS and isinstance(pair, list):
                ids.update(v for v in pair if isinstance(v, int))
    return dict(Org.objects.filter(id__in=ids).values_list("id", "name")) if ids else {}


def _actors(events) -> dict:
    """user id → (name, [(role, org path)]): one query for the people, one for the roles."""
    from dangjian.accounts.models import RoleAssignment

    from .models import Person

    users = {e.actor_id: e.actor for e in events if e.actor_id}
    if not users:
        return {}
    people = dict(Person.objects.filter(user_id__in=users).values_list("user_id", "name"))
    roles: dict = {}
    for uid, role, path in (RoleAssignment.objects.filter(user_id__in=users)
                            .values_list("user_id", "role", "org__path")):
        roles.setdefault(uid, []).append((role, path))
    out = {}
    for uid, user in users.items():
        name = (f"{user.last_name}{user.first_name}".strip() if user is not None else "") or people.get(uid, "")
        out[uid] = (name or getattr(user, "username", "") or "—", roles.get(uid, []),
                    bool(getattr(user, "is_superuser", False)))
    return out


def _actor(e, actors) -> tuple[str, str]:
    if not e.actor_id or e.actor_id not in actors:
        return "系统", ""
    name, roles, is_admin = actors[e.actor_id]
    path = e.org.path if getattr(e, "org", None) is not None else ""
    # The role held where the change was made (the most specific org above it), else the highest one.
    above = [r for r in roles if path.startswith(r[1])]
    pick = max(above, key=lambda r: len(r[1])) if above else min(roles, key=lambda r: ROLE_RANK.get(r[0], 9),
                                                                  default=None)
    role = ROLE_LABELS.get(pick[0], "") if pick is not None else ("系统管理员" if is_admin else "")
    return name, "" if role == name else role  # not "系统管理员（系统管理员）"


class _Formatter:
    def __init__(self, events, *, show_id: bool):
        self.fields = _person_fields()
        self.orgs = _org_names(events)
        self.show_id = show_id

    def label(self, name: str) -> str:
        f = self.fields.get(name)
        return str(f.verbose_name) if f is not None and f.verbose_name != name.replace("_", " ") else name

    def value(self, name: str, v) -> str:
        if v is None or v == "":
            return ""
        if name in ORG_FIELDS:
            return self.orgs.get(v, "（已撤销的组织）") if isinstance(v, int) else str(v)
        if name == "id_number":
            return mask_id(str(v))  # always: the log stores masked numbers; older rows are masked here
        if isinstance(v, bool):
            return "是" if v else "否"
        f = self.fields.get(name)
        choices = dict(getattr(f, "choices", None) or ())
        if v in choices:
            return str(choices[v])
        if f is not None and f.get_internal_type() == "DateField":
            return date_zh(v)
        return str(v)

    def changes(self, data: dict) -> list[tuple[str, str, str]]:
        out = []
        for name, pair in ((data or {}).get("changes") or {}).items():
            if name in INTERNAL_FIELDS or not (isinstance(pair, list) and len(pair) == 2):
                continue
            out.append((self.label(name), self.value(name, pair[0]), self.value(name, pair[1])))
        return out


def _choice(model_path: str, field: str, value) -> str:
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        f = apps.get_model(model_path)._meta.get_field(field)
    except (LookupError, FieldDoesNotExist):  # the dues app absent or changed: show the stored value
        return str(value or "")
    return str(dict(f.choices or ()).get(value, value or ""))


def _summary(kind: str, data: dict) -> str:
    """One line for events that are not field changes (党费)."""
    data = data or {}
    if kind == "dues.payment":
        months = "、".join(month_label(datetime.date.fromisoformat(m)) for m in data.get("months", []))
        parts = [f"{data.get('amount', '')}元" + (f"（{months}）" if months else "")]
        if data.get("paid_on"):
            parts.append(f"交纳日期 {date_zh(data['paid_on'])}")
        if data.get("method"):
            parts.append(f"方式 {_choice('dues.DuesPayment', 'method', data['method'])}")
        if data.get("receipt_no"):
            parts.append(f"收据号 {data['receipt_no']}")
        return "，".join(parts)
    if kind == "dues.reversal":
        return f"冲正 {data.get('amount', '')}元，原因：{data.get('reason', '')}"
    if kind == "dues.base":
        parts = []
        if data.get("effective_month"):
            parts.append(f"自{month_label(datetime.date.fromisoformat(data['effective_month']))}起")
        parts.append(f"计算基数 {data.get('base', '')}元，每月交纳 {data.get('amount', '')}元")
        if data.get("category"):
            parts.append(f"交纳类别 {_choice('dues.DuesBase', 'category', data['category'])}")
        if data.get("reduction") and data["reduction"] != "none":
            parts.append(_choice("dues.DuesBase", "reduction", data["reduction"]))
        return "，".join(parts)
    return ""


def event_rows(events, *, show_id: bool) -> list[dict]:
    """Each audit event of a person as a readable row (newest first when ``events`` are)."""
    events = list(events)
    fmt = _Formatter(events, show_id=show_id)
    actors = _actors(events)
    rows = []
    for e in events:
        at = local(e.at)
        name, role = _actor(e, actors)
        rows.append({"at": at, "day": at.date(), "day_zh": date_zh(at.date()), "time": at.strftime("%H:%M"),
                     "kind": event_label(e.kind), "actor": name, "role": role, "subject_id": e.subject_id,
                     "changes": fmt.changes(e.data), "summary": _summary(e.kind, e.data)})
    return rows


def by_day(rows: list[dict]) -> list[dict]:
    return [{"day": day, "day_zh": date_zh(day), "events": list(items)}
            for day, items in groupby(rows, key=lambda r: r["day"])]


def person_history(person, viewer, *, for_member: bool = False, limit: int = 200) -> list[dict]:
    """The person page's and /me/'s 变更记录, grouped per day (China time), newest first.

    ``for_member``: the member's own phone: their record's changes and their 党费, nothing internal.
    ID numbers are masked unless the viewer may see them (RoleAssignment.can_see_id_numbers)."""
    from django.db.models import Q

    from dangjian.accounts.scope import can_see_id_numbers
    from dangjian.core.audit import history

    events = history(person).select_related("actor", "org")
    if for_member:
        events = events.filter(Q(kind__startswith="person.") | Q(kind__startswith="dues."))
    rows = event_rows(events[:limit], show_id=can_see_id_numbers(viewer))
    if for_member:
        rows = [r for r in rows if r["changes"] or r["summary"]]
    return by_day(rows)


def change_text(row: dict) -> str:
    """'所在支部：飞龙中学党支部 → 飞龙中学第二支部；…' (or the event's summary) for a spreadsheet cell."""
    parts = [f"{label}：{old or EMPTY} → {new or EMPTY}" for label, old, new in row["changes"]]
    if row["summary"]:
        parts.insert(0, row["summary"])
    return "；".join(parts)

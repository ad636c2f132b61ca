"""Stored audit data as people read it, for any model: field names → their verbose names, choice codes → labels,
ISO dates → 2026年11月22日, booleans → 是/否, None → —.

members.history_view does this precisely for a person's record; this is the general fallback for the org and
meeting pages' history and the audit log's 内容 column, built from every model's own field metadata, so a new
field or choice reads in Chinese without a list kept by hand."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from .events import EVENT_LABELS, date_zh, event_label

__all__ = ["changes", "data_text", "event_label", "field_label", "value_text"]

# Keys of audit data that are not model fields.
EXTRA_KEYS = {
    "changes": "变更",
    "name": "名称",
    "reason": "原因",
    "note": "备注",
    "title": "标题",
    "year": "年度",
    "month": "月份",
    "months": "月份",
    "amount": "金额",
    "count": "人数",
    "created": "新建",
    "existing": "原有",
    "missing_base": "未录入基数",
    "items": "项目",
    "item": "项目",
    "points": "分值",
    "total": "总分",
    "star": "星级",
    "stage": "阶段",
    "grade": "等次",
    "grades": "等次",
    "grades_scheme": "等次方案",
    "level": "级别",
    "kind": "类别",
    "source": "来源",
    "owner": "责任人",
    "due_date": "期限",
    "closed_on": "办结日期",
    "reported_on": "报告日期",
    "done": "完成",
    "files": "附件",
    "finding": "发现的问题",
    "gap": "缺期",
    "people": "人员",
    "person": "人员",
    "school": "学校",
    "bureau": "上级党组织",
    "rule_id": "规则编号",
    "problems": "问题",
    "review": "审核意见",
    "visit": "调研指导",
    "volunteer": "志愿服务",
    "self": "自评",
    "score": "得分",
    "scores": "得分",
    "status": "状态",
    "org": "组织",
    "to_org": "转往组织",
    "from_org": "转自组织",
    "date": "日期",
    "on": "日期",
    "starts_at": "开始时间",
    "ends_at": "结束时间",
    "topic": "主题",
    "host": "主持人",
    "study_hours": "学时",
    "for_year": "所属年度",
    "receipt_no": "收据号",
    "paid_on": "交纳日期",
    "method": "方式",
    "base": "基数",
    "category": "类别",
    "effective_month": "起始月份",
    "remitted_on": "上缴日期",
    "period_start": "期间起",
    "period_end": "期间止",
    "matches": "账款相符",
    "difference": "差额",
    "expected": "应到",
    "present": "实到",
    "yes": "赞成",
    "no": "反对",
    "abstain": "弃权",
    "valid": "有效",
    "result": "结果",
    "step": "环节",
    "step_id": "环节",
    "code": "组织代码",
    "parent": "上级组织",
    "user": "账号",
    "username": "登录名",
    "role": "角色",
    "roles": "角色",
    "ip": "地址",
    "values": "设置值",
}
# Values that are codes of no model field (finding codes and the like) read as their nearest plain words.
EXTRA_VALUES = {
    "manual": "手工录入",
    "meeting_gap": "组织生活缺期",
    "COMMITTEE_REQUIRED": "须设支部委员会",
    "lost": "失联",
    "null": "—",
}
# Internal references (dedup keys such as "finding:COMMITTEE_REQUIRED:FLZX", row ids): nothing a reader needs.
SKIP_KEYS = {"source_ref", "id", "pk", "hash", "token", "stroke_key", "pinyin"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}(-01)?$")


@lru_cache(maxsize=1)
def _maps() -> tuple[dict, dict]:
    """(field name → verbose name, choice code → label) over every installed model."""
    from django.apps import apps

    labels, choices = {}, {}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if not getattr(f, "concrete", False):
                continue
            verbose = str(getattr(f, "verbose_name", "") or "")
            if verbose and verbose != f.name.replace("_", " ") and re.search(r"[\u4e00-\u9fff]", verbose):
                labels.setdefault(f.name, verbose)
                if getattr(f, "attname", f.name) != f.name:
                    labels.setdefault(f.attname, verbose)
            for code, label in getattr(f, "flatchoices", None) or ():
                if isinstance(code, str) and code and re.search(r"[\u4e00-\u9fff]", str(label)):
                    choices.setdefault(code, str(label))
    return labels, choices


def field_label(name: str) -> str:
    labels, _ = _maps()
    return labels.get(name) or EXTRA_KEYS.get(name) or "其他"


def value_text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(value_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return data_text(value)
    if isinstance(value, str):
        _, choices = _maps()
        if value in choices:
            return choices[value]
        if value in EXTRA_VALUES:
            return EXTRA_VALUES[value]
        if ISO_DATE.match(value):
            return date_zh(value)
        if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
            try:
                at = datetime.datetime.fromisoformat(value)
                return date_zh(at) + (
                    at.astimezone(datetime.timezone(datetime.timedelta(hours=8))).strftime(" %H:%M")
                    if at.tzinfo
                    else at.strftime(" %H:%M")
                )
            except ValueError:
                return value
        if value in EVENT_LABELS:
            return EVENT_LABELS[value]
    return str(value)


def changes(data) -> list[tuple[str, str, str]]:
    """[(label, old, new)] of an audit event's ``changes`` (ids of related rows stay numbers)."""
    out = []
    for name, pair in ((data or {}).get("changes") or {}).items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            out.append((field_label(name), value_text(pair[0]), value_text(pair[1])))
    return out


def data_text(data) -> str:
    """'标题：…；期限：2026年12月31日' for an event's data without field changes."""
    if not isinstance(data, dict):
        return value_text(data)
    parts = [f"{label}：{old} → {new}" for label, old, new in changes(data)]
    for key, value in data.items():
        if key == "changes" or key in SKIP_KEYS or key.endswith("_id") or value in (None, "", [], {}):
            continue
        parts.append(f"{field_label(key)}：{value_text(value)}")
    return "；".join(parts)

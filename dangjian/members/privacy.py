"""Personal information (个人信息保护法): revealing a full 身份证号, and the per-person data export (access request).

Both are audited: "person.id_reveal" when a manager with the ID permission asks to see a full number on the
person page, "person.export" when someone exports everything the system holds on a person. The export is
built from the model metadata (Person and every table that points at a person), so records that later apps
add are included without changing this file.
"""

import datetime
import io

import xlsxwriter
from django.db import models, transaction

from dangjian.core import audit
from dangjian.lib import clock

from .models import Person

# Tables that point at a person, in Chinese (a table not listed is still exported, under its model name).
SECTION_ZH = {
    "members.rollspan": "花名册历史（在册时段）",
    "orgs.committeemember": "支委会任职",
    "recruitment.developmentcase": "发展党员档案",
    "meetings.attendance": "组织生活出席",
    "dues.duesbase": "党费基数",
    "dues.duescharge": "党费应交",
    "dues.duespayment": "党费交纳",
    "appraisal.evaluation": "民主评议",
    "learning.studyrecord": "学习学时",
    "learning.studynote": "学习心得",
    "relations.transfer": "组织关系转接",
    "relations.mobilerecord": "流动党员登记",
    "relations.internaltransfer": "支部间调动",
    "plans.planitem": "工作计划事项（负责人）",
    "plans.honour": "荣誉",
    "plans.activityperson": "活动参加",
    "plans.memberreceipt": "通知回执",
    "plans.nomination": "两优一先推荐",
    "rectification.rectification": "整改事项（责任人）",
}
# Labels for fields declared without a Chinese verbose_name.
FIELD_ZH = {
    "id": "记录号",
    "org": "组织",
    "group": "党小组",
    "person": "人员",
    "owner": "负责人",
    "user": "登录账号",
    "created_at": "创建时间",
    "updated_at": "修改时间",
    "start": "开始日期",
    "end": "结束日期",
    "category": "类别",
    "note": "说明",
    "status": "状态",
    "kind": "类别",
    "year": "年度",
    "month": "月份",
    "amount": "金额",
    "meeting": "会议",
    "term": "届次",
    "role": "职务",
    "title": "标题",
    "date": "日期",
    "hours": "学时",
    "version": "版本号",
}
# Internal columns that say nothing about the person.
SKIP = {"id_number_hash", "stroke_key", "pinyin", "bureau", "version"}
NOTE = (
    "本文件列出党建工作管理系统中保存的与本人有关的全部信息（依据《个人信息保护法》第四十五条的查阅、复制请求导出）。"
    "公民身份号码在导出人无权查看时为脱敏号码。审计日志中的身份证号一律为脱敏号码。"
)


def reveal_id_number(*, actor, person: Person) -> str:
    """The full number for someone allowed to see it (checked by the caller), recorded in the audit log."""
    with transaction.atomic():
        audit.record(actor=actor, org=person.org, kind="person.id_reveal", subject=person, data={})
    return person.id_number


def _label(field) -> str:
    name = str(field.verbose_name)
    if name and not name.isascii():
        return name
    return FIELD_ZH.get(field.name, name)


def _value(obj, field):
    if field.is_relation:
        target = getattr(obj, field.name, None)
        return "" if target is None else str(target)
    value = getattr(obj, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return clock_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if value is None:
        return ""
    return value if isinstance(value, (int, float, str)) else str(value)


def _related_sections(person: Person, skip_model=None) -> list[dict]:
    out = []
    for rel in Person._meta.related_objects:
        if rel.many_to_many or rel.related_model is skip_model:
            continue
        model = rel.related_model
        fields = [f for f in model._meta.concrete_fields if f.name not in SKIP and f.name != rel.field.name]
        rows = model._base_manager.filter(**{rel.field.name: person}).order_by("pk")
        rows = rows.select_related(*[f.name for f in fields if f.is_relation])
        title = SECTION_ZH.get(model._meta.label_lower, str(model._meta.verbose_name))
        if rel.field.name != "person":
            title += f"（{_label(rel.field)}）" if "（" not in title else ""
        out.append(
            {
                "title": title,
                "columns": [_label(f) for f in fields],
                "rows": [[_value(obj, f) for f in fields] for obj in rows],
            }
        )
    return out


def _account_section(person: Person) -> dict:
    user = person.user
    rows = []
    if user is not None:
        from dangjian.accounts.models import RoleAssignment

        roles = "；".join(
            f"{ra.org.name} {ra.get_role_display()}"
            for ra in RoleAssignment.objects.filter(user=user).select_related("org")
        )
        rows.append(
            [
                user.username,
                "是" if user.is_active else "否",
                roles,
                _value(user, user._meta.get_field("last_login")),
                _value(user, user._meta.get_field("date_joined")),
            ]
        )
    return {"title": "登录账号", "columns": ["用户名", "有效", "角色", "最近登录", "开通时间"], "rows": rows}


def _history_section(person: Person) -> dict:
    from .history_view import change_text, event_rows

    events = list(audit.history(person).select_related("actor", "org"))
    rows = []
    for e, r in zip(events, event_rows(events, show_id=False)):
        rows.append(
            [clock_text(e.at), r["kind"], r["actor"] + (f"（{r['role']}）" if r["role"] else ""), change_text(r)]
        )
    return {"title": "变更与操作记录（审计日志）", "columns": ["时间", "操作", "操作人", "内容"], "rows": rows}


def clock_text(at) -> str:
    from .history_view import local

    return local(at).strftime("%Y-%m-%d %H:%M")


def person_data(person: Person, *, show_id: bool) -> dict:
    """Everything held on the person: {"person": [[label, value]...], "sections": [{title, columns, rows}]}."""
    fields = [f for f in Person._meta.concrete_fields if f.name not in SKIP]
    basic = []
    for f in fields:
        value = _value(person, f)
        if f.name == "id_number" and not show_id:
            value = person.masked_id_number
        basic.append([_label(f), value])
    sections = [{"title": "基本信息", "columns": ["项目", "内容"], "rows": basic}, _account_section(person)]
    sections += _related_sections(person)
    sections.append(_history_section(person))
    return {
        "title": f"{person.name}的个人信息",
        "note": NOTE,
        "exported_at": clock.local_now().isoformat(timespec="seconds"),
        "sections": sections,
    }


def export(*, actor, person: Person, show_id: bool, fmt: str) -> bytes:
    """The export as .json or .xlsx bytes; audited ("person.export")."""
    data = person_data(person, show_id=show_id)
    with transaction.atomic():
        audit.record(actor=actor, org=person.org, kind="person.export", subject=person, data={"format": fmt})
    return as_json(data) if fmt == "json" else as_xlsx(data)


def as_dict(data: dict) -> dict:
    """Sections as lists of {label: value} (the JSON shape)."""
    return {
        "标题": data["title"],
        "说明": data["note"],
        "导出时间": data["exported_at"],
        "基本信息": {k: v for k, v in data["sections"][0]["rows"]},
        "记录": {s["title"]: [dict(zip(s["columns"], row)) for row in s["rows"]] for s in data["sections"][1:]},
    }


def as_json(data: dict) -> bytes:
    import json

    return json.dumps(as_dict(data), ensure_ascii=False, indent=1).encode("utf-8")


def as_xlsx(data: dict) -> bytes:
    from dangjian.lib.office.sheets import xw_table

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    used = set()
    for section in data["sections"]:
        name = _sheet_name(section["title"], used)
        sheet = book.add_worksheet(name)
        widths = [
            max(8.0, min(40.0, 2.2 * max([len(str(c)) for c in [h, *[r[i] for r in section["rows"]]]] or [4])))
            for i, h in enumerate(section["columns"])
        ]
        subtitle = data["note"] if section is data["sections"][0] else ("（无记录）" if not section["rows"] else "")
        xw_table(
            book,
            sheet,
            f"{data['title']} · {section['title']}",
            section["columns"],
            section["rows"],
            widths,
            subtitle=subtitle,
        )
    book.close()
    return buf.getvalue()


def _sheet_name(title: str, used: set) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, "")
    name = title[:28] or "记录"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:26]}{n}", n + 1
    used.add(name)
    return name

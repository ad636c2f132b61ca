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

from dangjian.core.events import EVENT_LABELS, date_zh, event_label  # noqa: F401 (read from here too)
from dangjian.rules.periods import month_label

CHINA = ZoneInfo("Asia/Shanghai")

ROLE_LABELS = {"bureau_officer": "上级党组织工作人员", "secretary": "支部书记", "officer": "支部委员", "member": "党员"}
ROLE_RANK = {"bureau_officer": 0, "secretary": 1, "officer": 2, "member": 3}
# Bookkeeping columns no reader needs (sort keys, tenancy, the login link).
INTERNAL_FIELDS = {"id", "bureau", "user", "stroke_key", "pinyin", "recorded_on"}
ORG_FIELDS = {"org", "group"}
EMPTY = "—"


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
    from .selectors import org_names

    ids = set()
    for e in events:
        for name, pair in ((e.data or {}).get("changes") or {}).items():
            if name in ORG_FIELDS and isinstance(pair, list):
                ids.update(v for v in pair if isinstance(v, int))
    return org_names(ids)


def _actors(events) -> dict:
    """user id → (name, [(role, org path)]): one query for the people, one for the roles."""
    from .selectors import actor_people_and_roles

    users = {e.actor_id: e.actor for e in events if e.actor_id}
    if not users:
        return {}
    people, roles = actor_people_and_roles(users)
    out = {}
    for uid, user in users.items():
        name = (f"{user.last_name}{user.first_name}".strip() if user is not None else "") or people.get(uid, "")
        out[uid] = (
            name or getattr(user, "username", "") or "—",
            roles.get(uid, []),
            bool(getattr(user, "is_superuser", False)),
        )
    return out


def _actor(e, actors) -> tuple[str, str]:
    if not e.actor_id or e.actor_id not in actors:
        return "系统", ""
    name, roles, is_admin = actors[e.actor_id]
    path = e.org.path if getattr(e, "org", None) is not None else ""
    # The role held where the change was made (the most specific org above it), else the highest one.
    above = [r for r in roles if path.startswith(r[1])]
    pick = (
        max(above, key=lambda r: len(r[1])) if above else min(roles, key=lambda r: ROLE_RANK.get(r[0], 9), default=None)
    )
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
        rows.append(
            {
                "at": at,
                "day": at.date(),
                "day_zh": date_zh(at.date()),
                "time": at.strftime("%H:%M"),
                "kind": event_label(e.kind),
                "actor": name,
                "role": role,
                "subject_id": e.subject_id,
                "changes": fmt.changes(e.data),
                "summary": _summary(e.kind, e.data),
            }
        )
    return rows


def by_day(rows: list[dict]) -> list[dict]:
    return [
        {"day": day, "day_zh": date_zh(day), "events": list(items)}
        for day, items in groupby(rows, key=lambda r: r["day"])
    ]


def person_history(person, viewer, *, for_member: bool = False, limit: int = 200) -> list[dict]:
    """The person page's and /me/'s 变更记录, grouped per day (China time), newest first.

    ``for_member``: the member's own phone: their record's changes and their 党费, nothing internal.
    ID numbers are masked unless the viewer may see them (RoleAssignment.can_see_id_numbers)."""
    from dangjian.accounts.scope import can_see_id_numbers

    from .selectors import person_events

    rows = event_rows(person_events(person, limit, own=for_member), show_id=can_see_id_numbers(viewer))
    if for_member:
        rows = [r for r in rows if r["changes"] or r["summary"]]
    return by_day(rows)


def change_text(row: dict) -> str:
    """'所在支部：飞龙中学党支部 → 飞龙中学第二支部；…' (or the event's summary) for a spreadsheet cell."""
    parts = [f"{label}：{old or EMPTY} → {new or EMPTY}" for label, old, new in row["changes"]]
    if row["summary"]:
        parts.insert(0, row["summary"])
    return "；".join(parts)

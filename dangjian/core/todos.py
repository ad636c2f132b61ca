"""The to-do centre: everything due or overdue for a user, gathered from every module.

Each module exposes `todos_for(user, today) -> list[dict]` with keys due_date, title_zh, rule_id, url,
org_id, level. Nothing is stored for the on-screen list; `send-reminders` stores what it delivers.
"""
import datetime
from importlib import import_module

SOURCES = [
    "dangjian.orgs.todos",
    "dangjian.recruitment.todos",
    "dangjian.meetings.todos",
    "dangjian.dues.todos",
    "dangjian.appraisal.todos",
    "dangjian.learning.todos",
    "dangjian.disclosure.todos",
    "dangjian.relations.todos",
    "dangjian.elections.todos",
    "dangjian.plans.todos",
]
LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}
FAR = datetime.date(9999, 12, 31)


def _source_modules():
    for name in SOURCES:
        try:
            yield import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def todos_for(user, today: datetime.date | None = None) -> list[dict]:
    today = today or datetime.date.today()
    items: list[dict] = []
    for mod in _source_modules():
        items.extend(mod.todos_for(user, today))
    for item in items:
        due = item.get("due_date")
        item["overdue"] = bool(due and due < today)
        item.setdefault("key", f"{item.get('rule_id', '')}|{item.get('url', '')}|{due}|{item['title_zh']}")
    items.sort(key=lambda i: (i.get("due_date") or FAR, LEVEL_ORDER.get(i.get("level"), 3), i["title_zh"]))
    return items

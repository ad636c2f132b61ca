"""The to-do centre: everything due or overdue for a user, gathered from every module.

Each app names its module on its AppConfig (`todo_module`, `todo_label`); the module exposes
`todos_for(user, today) -> list[dict]` with keys due_date, title_zh, rule_id, url, org_id, level.
Nothing is stored for the on-screen list; `send-reminders` stores what it delivers.
"""

import datetime
import logging
from importlib import import_module

from django.apps import apps

from dangjian.lib import clock

logger = logging.getLogger("dangjian.todos")

LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}
FAR = datetime.date(9999, 12, 31)


def sources() -> list[tuple[str, str]]:
    """(module, name in Chinese) of every installed app that declares `todo_module` on its AppConfig, in
    INSTALLED_APPS order: the registry of to-do sources is visible in each app's apps.py."""
    return [
        (cfg.todo_module, getattr(cfg, "todo_label", cfg.verbose_name))
        for cfg in apps.get_app_configs()
        if getattr(cfg, "todo_module", None)
    ]


def _source_modules():
    for name, label in sources():
        yield import_module(name), label


ROLL_UP_AT = 10  # this many same to-dos of orgs below the user's own become one line
SHOWN_CHILDREN = 50


def _own_org_ids(user) -> set:
    from dangjian.accounts.models import RoleAssignment

    if not getattr(user, "is_authenticated", False):
        return set()
    return set(RoleAssignment.objects.filter(user=user).values_list("org_id", flat=True))


def roll_up(items: list[dict], own: set) -> list[dict]:
    """A city officer would otherwise get 20,000 lines of "某支部：第三季度支部党员大会未召开". Items of orgs
    below the user's own (never of the org they were assigned to) that share rule, level, due date and the
    text after "某组织：" are folded into one line listing the orgs; fewer than ROLL_UP_AT stay as they are."""
    groups: dict = {}
    for item in items:
        head, sep, rest = item["title_zh"].partition("：")
        if not sep or item.get("org_id") in own:
            continue
        groups.setdefault((item.get("rule_id"), item.get("level"), item.get("due_date"), rest), []).append(item)
    folded = {id(i) for members in groups.values() if len(members) >= ROLL_UP_AT for i in members}
    if not folded:
        return items
    out = [i for i in items if id(i) not in folded]
    for (rule_id, level, due, rest), members in groups.items():
        if len(members) < ROLL_UP_AT:
            continue
        n_orgs = len({m.get("org_id") for m in members})
        out.append(
            {
                "due_date": due,
                "rule_id": rule_id,
                "level": level,
                "url": members[0].get("url", ""),
                "org_id": None,
                "title_zh": f"{rest}（共{len(members)}项，涉及{n_orgs}个组织）",
                # without the counts, so send-reminders does not send the group again when one more org joins it
                "key": f"{rule_id}|group|{due}|{rest}",
                "children": [
                    {
                        "title_zh": m["title_zh"].partition("：")[0],
                        "url": m.get("url", ""),
                        "org_id": m.get("org_id"),
                    }
                    for m in members[:SHOWN_CHILDREN]
                ],
                "more": max(0, len(members) - SHOWN_CHILDREN),
            }
        )
    return out


def _name_orgs(items: list[dict]) -> None:
    """Every line says which org it is about: "王晓二：预备期满" alone does not tell a bureau officer which
    branch. One query for the names; `org_label` is empty when the title already names the org."""
    from dangjian.orgs.models import Org

    children = [c for i in items for c in i.get("children", ())]
    ids = {i.get("org_id") for i in (*items, *children) if i.get("org_id")}
    names = dict(Org.objects.filter(id__in=ids).values_list("id", "name")) if ids else {}
    for item in items:
        name = names.get(item.get("org_id"), "")
        item["org_name"] = name
        item["org_label"] = "" if not name or name in item["title_zh"] else name
    for child in children:
        child["org_name"] = names.get(child.pop("org_id", None), "")


class TodoList(list):
    """The to-dos, plus `failed`: the modules (in Chinese) whose to-dos could not be computed this time."""

    failed: list[str]

    @property
    def failed_notice(self) -> str:
        return f"部分待办暂时无法计算（{'、'.join(self.failed)}），已通知管理员" if self.failed else ""


def todos_for(user, today: datetime.date | None = None) -> TodoList:
    today = today or clock.today()
    items: list[dict] = []
    failed: list[str] = []
    for mod, label in _source_modules():
        # One bad row in one module (say a cycle of year 0) must not take the page away from everyone:
        # that module's lines are left out, the page says so, and the traceback goes to the error log.
        try:
            items.extend(mod.todos_for(user, today))
        except Exception:
            logger.exception("待办计算出错：%s（用户 %s）", mod.__name__, getattr(user, "username", user))
            failed.append(label)
    # Fold first, then name: a city's 30,000 lines become a few hundred, and only those need org names.
    items = roll_up(items, _own_org_ids(user))
    _name_orgs(items)
    for item in items:
        due = item.get("due_date")
        item["overdue"] = bool(due and due < today)
        item.setdefault("key", f"{item.get('rule_id', '')}|{item.get('url', '')}|{due}|{item['title_zh']}")
    items.sort(key=lambda i: (i.get("due_date") or FAR, LEVEL_ORDER.get(i.get("level"), 3), i["title_zh"]))
    out = TodoList(items)
    out.failed = failed
    return out

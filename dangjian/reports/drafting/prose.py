"""Small pieces of prose shared by the summary and the duty report: paragraphs, dates in Chinese, dated
lists grouped by runs of days, wording by the org's level, and the last pass that drops repeated sentences."""

import datetime
import re

from dangjian.lib.office.dates import zh_date, zh_month_day  # noqa: F401  (re-exported for the builders)
from dangjian.orgs.models import OrgKind

from ..records import Fact

SUB = [
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）",
    "（八）",
    "（九）",
    "（十）",
    "（十一）",
    "（十二）",
    "（十三）",
    "（十四）",
    "（十五）",
]
ORDINAL = "一二三四五六七八九十"


def P(style: str, *parts, extra: list | None = None) -> dict:
    """A paragraph from text pieces and Facts (and ``extra`` Facts whose numbers are inside a text piece)."""
    facts = [p for p in parts if isinstance(p, Fact)] + list(extra or [])
    return {
        "style": style,
        "text": "".join(str(p) for p in parts if p is not None),
        "facts": [f.as_dict() for f in facts],
    }


def md(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日"


def who(org) -> str:
    """The school (所在单位) the org serves, else its own name."""
    return org.unit or org.name


def served(org) -> str:
    """What the org's work serves: its school, else (above the branches) the schools it leads."""
    if org.unit:
        return org.unit
    return org.name if org.kind in (OrgKind.BRANCH, OrgKind.JOINT_BRANCH) else "所属各学校"


class Level:
    """How an org of a kind names itself, its leading team and its branches."""

    def __init__(self, org):
        kind = org.kind
        self.is_branch = kind in (OrgKind.BRANCH, OrgKind.JOINT_BRANCH)
        self.self_name = {"general_branch": "党总支", "committee": "党委", "leading_group": "党组"}.get(kind, "党支部")
        self.team = {"general_branch": "总支委员会", "committee": "党委班子", "leading_group": "党组班子"}.get(
            kind, "支部班子"
        )
        self.role = "战斗堡垒作用" if self.is_branch else "政治核心作用"


def signature_day(year: int, today: datetime.date) -> datetime.date:
    """The 落款 date: the year's 12-31 once it has passed, else the day the draft is made."""
    return min(datetime.date(year, 12, 31), today)


def signature(org, year: int, today: datetime.date) -> dict:
    return {"style": "signature", "text": f"{org.name}\n{zh_date(signature_day(year, today))}", "facts": []}


def quote(title: str) -> str:
    """“title”, its own double quotes turned single (“‘立德树人’师德师风演讲”), as Chinese nests them."""
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def runs(items: list[dict], key) -> list[list[dict]]:
    """Items (with a "date") grouped into runs: the same key on consecutive days (or the same day)."""
    out: list[list[dict]] = []
    for it in sorted(items, key=lambda x: x["date"]):
        last = out[-1][-1] if out else None
        if last is not None and key(last) == key(it) and (it["date"] - last["date"]).days <= 1:
            out[-1].append(it)
        else:
            out.append([it])
    return out


def span_text(first: datetime.date, last: datetime.date) -> str:
    """1月16日 / 1月16日至19日 / 1月30日至2月2日."""
    if first == last:
        return md(first)
    if first.month == last.month:
        return f"{md(first)}至{last.day}日"
    return f"{md(first)}至{md(last)}"


def dated_list(items: list[dict], verb, limit: int = 10) -> tuple[str, int]:
    """ "1月16日至19日，开展主题党日4次；3月24日，开展主题党日“参观海军护卫舰”" from items with date, kind and
    topic; ``verb(item)`` names the activity ("开展主题党日"). Returns the text and how many runs were left out."""
    groups = runs(items, key=lambda x: verb(x))
    parts = []
    for g in groups[:limit]:
        topics = list(dict.fromkeys(x["topic"] for x in g if x.get("topic")))
        when = span_text(g[0]["date"], g[-1]["date"])
        if len(g) == 1:
            parts.append(f"{when}，{verb(g[0])}" + (quote(topics[0]) if topics else ""))
        else:
            about = quote(topics[0]) if len(topics) == 1 else ""
            parts.append(f"{when}，{verb(g[0])}{about}{len(g)}次")
    return "；".join(parts), max(0, len(groups) - limit)


def cn_list(items: list[str]) -> str:
    return "、".join(items)


def nth(i: int) -> str:
    return ORDINAL[i] if i < len(ORDINAL) else str(i + 1)


SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


def drop_repeats(paragraphs: list[dict]) -> list[dict]:
    """No sentence twice in a document: a body sentence already said is dropped (an emptied paragraph too)."""
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        if p["style"] != "body":
            out.append(p)
            continue
        kept = []
        for s in SENTENCE.findall(p["text"]):
            core = s.strip().rstrip("。！？；")
            if core and core in seen:
                continue
            seen.add(core)
            kept.append(s)
        text = "".join(kept).strip()
        if text:
            out.append({**p, "text": text})
    return out


def verb(x: dict) -> str:
    """What was done, as a report says it: 讲授党课, 召开支部委员会, 开展主题党日 …"""
    kind = x.get("kind")
    if kind == "party_lecture":
        return "讲授党课"
    if x.get("kind_short"):
        short = x["kind_short"]
        return f"召开{short}" if short.endswith("会") else f"开展{short}"
    return f"开展{x.get('label', '活动')}"

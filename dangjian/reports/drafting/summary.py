"""年度党建工作总结: opening, 一、主要工作, 二、存在的问题及原因, 三、下一步工作打算, closing and 落款 — each
part varying with the org's kind and the year's facts (seeds 000–002, 004)."""

import datetime

from ..problems import act, problems
from . import Draft
from .prose import SUB, Level, P, cn_list, drop_repeats, nth, served, signature, who, zh_date
from .sections import work_blocks

FOCUS = {
    "meetings": "“三会一课”",
    "study": "党员学习教育",
    "development": "发展党员",
    "dues": "党费收缴",
    "disclosure": "党务公开",
    "integrity": "党风廉政建设",
    "ideology": "意识形态工作",
    "mass": "党建带群建",
    "ethics": "师德师风建设",
    "service": "志愿服务和创先争优",
}


def as_of(year: int, today: datetime.date) -> tuple[str, bool]:
    """("截至2026年11月22日", True) for the running year, ("截至2025年12月31日", False) for an ended one."""
    if today < datetime.date(year, 12, 31):
        return f"截至{zh_date(today)}", True
    return f"截至{zh_date(datetime.date(year, 12, 31))}", False


def opening(org, year: int, data: dict, blocks: list[tuple], today: datetime.date, level: Level) -> list[dict]:
    when, running = as_of(year, today)
    first = []
    if org.established_on:
        first.append(f"{org.name}于{org.established_on.year}年{org.established_on.month}月成立。")
    branches = data["branches"]
    if not level.is_branch and branches:
        first.append(f"{org.name}下设党支部{branches}个。")
    focus = [FOCUS[k] for k, *_ in blocks if k in FOCUS]
    lead = (
        f"{year}年，{org.name}在上级党组织的领导下，以习近平新时代中国特色社会主义思想为指导，"
        + (f"重点抓好{cn_list(focus[:4])}等工作，" if focus else "")
        + f"充分发挥{level.self_name}的{level.role}和党员先锋模范作用。"
    )
    tail = f"现将{year}年以来的工作总结如下：" if running else "现将一年来的工作总结如下："
    return [P("body", "".join(first) + lead + tail)]


def build(org, year: int, data: dict, today: datetime.date) -> Draft:
    level = Level(org)
    from dangjian.orgs.selectors import branches_of

    data["branches"] = 0 if level.is_branch else len(branches_of(org))
    when, running = as_of(year, today)
    blocks = work_blocks(org, year, data, when)
    probs, hints = problems(org, year, data, today)
    out = [P("title", f"{who(org)}{year}年度党建工作总结")]
    if who(org) != org.name:
        out.append(P("subtitle", org.name))
    out += opening(org, year, data, blocks, today, level)
    out.append(P("h1", "一、主要工作"))
    if not blocks:
        hints.insert(0, {"text": f"没有{year}年的工作记录，“主要工作”只能由书记自行补写", "url": ""})
    for i, (_key, head, paras) in enumerate(blocks):
        out.append(P("h2", SUB[i] + head))
        out += paras
    out.append(P("h1", "二、存在的问题及原因"))
    if probs:
        for i, p in enumerate(probs):
            out.append(P("h2", SUB[i] + p["title"]))
            out.append({"style": "body", "text": p["text"], "facts": p["facts"]})
        causes = list(dict.fromkeys(p["cause"] for p in probs))
        out.append(P("body", "究其原因，主要是：" + "；".join(f"{nth(i)}是{c}" for i, c in enumerate(causes)) + "。"))
    else:
        out.append(
            P(
                "body",
                f"对照{year}年组织生活、发展党员、党费收缴和学习教育等制度要求检查，未发现缺期漏项，"
                f"但党建工作与{served(org)}中心工作融合还不够深，党建工作特色还不够鲜明。",
            )
        )
    out.append(P("h1", "三、下一步工作打算"))
    i = 0
    for p in probs:
        out.append(P("h2", SUB[i] + p["plan_title"]))
        out.append(P("body", p["plan"]))
        i += 1
    cal = data["next_calendar"]
    if cal:
        out.append(P("h2", f"{SUB[i]}按计划落实{year + 1}年组织生活"))
        parts = [f"按照组织生活制度要求，{year + 1}年{'' if level.is_branch else '各党支部'}"]
        for j, (kind, label, period_zh, need, fact) in enumerate(cal):
            parts += ["；" if j else "", f"{period_zh}{act(kind, label)}不少于{need}次（全年", fact, "次）"]
        parts.append("，年初制定计划，逐月落实。")
        out.append(P("body", *parts))
        i += 1
    out.append(P("h2", f"{SUB[i]}加强学习教育和党员管理"))
    out.append(
        P("body", "继续抓好党员理论学习，用好“三会一课”、主题党日等载体，严格党员教育管理，充分发挥党员先锋模范作用。")
    )
    team = "支部一班人" if level.is_branch else level.team
    out.append(
        P(
            "body",
            f"{year + 1}年，{org.name}将在上级党组织的领导下，团结带领{team}和全体党员，"
            f"以高质量党建引领{served(org)}高质量发展。",
        )
    )
    out.append(signature(org, year, today))
    return Draft(drop_repeats(out), hints)

"""书记抓基层党建工作述职报告 (seed 003): 述职人 and post, first person; 一、主要工作 (履行第一责任人职责 /
一岗双责, 组织建设, 意识形态工作, 党风廉政建设 — each from the year's facts), 二、存在的主要问题及原因 with
self-criticism, 三、下步工作思路和主要措施, the closing commitment and 落款. Wording by level: 带领支部班子
for a branch, 总支委员会 / 党委班子 above."""

import datetime

from dangjian.orgs.selectors import committee_size_on, secretary_on

from ..problems import act, problems
from . import Draft
from .prose import SUB, Level, P, cn_list, drop_repeats, md, nth, served, signature, signature_day
from .sections import (
    development_block,
    disclosure_block,
    dues_block,
    meetings_block,
    members_block,
    study_block,
)
from .summary import as_of
from .themes import assessment_block, service_block, theme_blocks


def _hosted(data: dict, person) -> dict:
    """Meetings the 述职人 chaired or lectured, by kind (from the meeting records)."""
    out: dict = {}
    if person is None or not data["meetings"]:
        return out
    for m in data["meetings"]["meetings"]:
        if m.get("lecturer") == person.name and m["kind"] == "party_lecture" and m["org_id"] == data["org_id"]:
            out.setdefault("lectures", []).append(m)
    return out


def first_duty(org, year: int, data: dict, level: Level, person) -> list[dict]:
    """（一）履行第一责任人职责: what the records show the secretary and the team did."""
    paras = []
    mt = data["meetings"]
    counts: dict = {}  # the org's own meetings (a 党委's secretary convenes the 党委's, not the branches')
    for m in (mt or {}).get("meetings", []):
        if m["org_id"] == org.id:
            counts[m["kind"]] = counts.get(m["kind"], 0) + 1
    text = []
    meet = [
        f"{n}次{label}"
        for key, label in (("committee_meeting", "支委会"), ("general_meeting", "党员大会"))
        if (n := counts.get(key))
    ]
    if meet:
        text.append(
            f"我坚持把党建工作作为第一责任，全年召开{cn_list(meet)}，研究部署党建工作和{served(org)}重点工作，"
            f"落实“一岗双责”，做到党建工作与业务工作同谋划、同部署、同检查。"
        )
    lectures = _hosted(data, person).get("lectures", [])
    if lectures:
        named = [x for x in lectures if x["id"] not in data.get("themed_ids", set())]  # else named in their theme
        items = "；".join(f"{md(x['date'])}讲授“{x['topic']}”" for x in named[:6])
        text.append(f"带头讲党课{len(lectures)}次" + (f"：{items}。" if items else "。"))
        data["told_ids"] = {x["id"] for x in lectures}
    if data.get("committee_size"):
        text.append(
            f"{level.team.replace('班子', '')}现有委员{data['committee_size']}名，分工明确，"
            f"我带领{level.team}团结协作，共同抓好各项工作。"
        )
    if text:
        paras.append(P("body", "".join(text)))
    return paras


def theme_paras(themes: list[tuple], key: str) -> list[dict]:
    for k, _head, paras in themes:
        if k == key:
            return list(paras)
    return []


def build(org, year: int, data: dict, today: datetime.date) -> Draft:
    level = Level(org)
    on = signature_day(year, today)
    person, post = secretary_on(org, on)
    data["committee_size"] = committee_size_on(org, on)
    data["org_id"] = org.id
    probs, hints = problems(org, year, data, today)
    running = today < datetime.date(year, 12, 31)
    parent = org.parent.name if org.parent_id else "上级党组织"

    out = [P("title", f"{org.name}书记{year}年度抓基层党建工作述职报告")]
    if person is not None:
        out.append(P("subtitle", f"述职人：{person.name}（{org.name}{post}）"))
    else:
        out.append(P("subtitle", f"述职人：{org.name}书记"))
        hints.insert(
            0,
            {
                "text": f"{org.name}没有登记{year}年在任的书记，请在组织页面登记支部委员会，或自行填写述职人姓名",
                "url": "",
            },
        )
    out.append(
        P(
            "body",
            f"{year}年，我认真履行党建工作第一责任人职责，坚持“一岗双责”，在{parent}的领导下，"
            f"带领{level.team}团结协作，扎实推进{served(org)}党的建设各项工作。"
            f"现将{year}年{'以来' if running else ''}抓基层党建工作情况报告如下：",
        )
    )
    out.append(P("h1", "一、主要工作"))
    sections = []
    themes = theme_blocks(org, year, data)  # first: the meetings they name are not listed again elsewhere
    duty = first_duty(org, year, data, level, person)
    if duty:
        sections.append(("履行第一责任人职责，压实党建工作责任", duty))
    org_paras = []
    for block in (
        members_block(org, year, data, as_of(year, today)[0]),
        meetings_block(org, year, data),
        development_block(org, year, data),
        dues_block(org, year, data),
    ):
        if block:
            org_paras += block[2]
    if org_paras:
        sections.append(("抓组织建设和组织生活，夯实基层基础", org_paras))
    ideology = theme_paras(themes, "ideology")
    st = study_block(org, year, data)
    if st:
        ideology += [p for p in st[2] if p["text"].startswith("组织党员")]
    if ideology:
        sections.append(("落实意识形态工作责任制，加强理论武装", ideology))
    else:
        hints.append(
            {"text": "没有意识形态工作的记录（主题含“意识形态”的会议、党员学时），述职报告未写此部分", "url": ""}
        )
    integrity = theme_paras(themes, "integrity")
    dc = disclosure_block(org, year, data)
    if dc:
        integrity += dc[2]
    if integrity:
        sections.append(("抓党风廉政建设，落实全面从严治党", integrity))
    else:
        hints.append(
            {
                "text": "没有党风廉政建设的记录（主题含“廉政”“警示教育”等的会议或活动、党务公开），述职报告未写此部分",
                "url": "",
            }
        )
    more = []
    for key in ("mass", "ethics"):
        more += theme_paras(themes, key)
    for block in (service_block(org, year, data), assessment_block(org, year, data)):
        if block:
            more += block[2]
    if st:
        more += [p for p in st[2] if not p["text"].startswith("组织党员")]
    if more:
        sections.append(("发挥党员作用，推动党建与中心工作融合", more))
    if not sections:
        hints.insert(0, {"text": f"没有{year}年的工作记录，“主要工作”只能由述职人自行补写", "url": ""})
    for i, (head, paras) in enumerate(sections):
        out.append(P("h2", SUB[i] + head))
        out += paras

    out.append(P("h1", "二、存在的主要问题及原因"))
    out.append(P("body", f"回顾{year}年的工作，我也认识到自己在抓党建工作中还存在一些不足："))
    for i, p in enumerate(probs):
        out.append(P("h2", SUB[i] + p["title"]))
        out.append({"style": "body", "text": p["text"], "facts": p["facts"]})
    causes = list(dict.fromkeys(p["self_cause"] for p in probs))
    if causes:
        out.append(
            P(
                "body",
                "究其原因，主要在我："
                + "；".join(f"{nth(i)}是{c}" for i, c in enumerate(causes))
                + "。作为第一责任人，我对此负有直接责任。",
            )
        )
    else:
        out.append(
            P(
                "body",
                f"对照制度要求检查，{year}年组织生活等工作没有缺期漏项，但我在理论学习的深度、"
                f"推动党建与{served(org)}中心工作深度融合等方面还有差距。",
            )
        )

    out.append(P("h1", "三、下步工作思路和主要措施"))
    out.append(P("body", "针对存在的问题，我将重点抓好以下几方面工作："))
    i = 0
    for p in probs:
        out.append(P("h2", SUB[i] + p["plan_title"]))
        out.append(P("body", p["plan"]))
        i += 1
    cal = data["next_calendar"]
    if cal:
        out.append(P("h2", f"{SUB[i]}按计划落实{year + 1}年组织生活"))
        parts = [f"{year + 1}年{'' if level.is_branch else '各党支部'}"]
        for j, (kind, label, period_zh, need, fact) in enumerate(cal):
            parts += ["；" if j else "", f"{period_zh}{act(kind, label)}不少于{need}次（全年", fact, "次）"]
        parts.append("，年初制定计划，我亲自督促落实。")
        out.append(P("body", *parts))
        i += 1
    out.append(P("h2", f"{SUB[i]}强化第一责任人意识"))
    out.append(
        P(
            "body",
            "牢固树立“抓好党建是本职、不抓党建是失职、抓不好党建是不称职”的意识，"
            f"带头讲党课、带头参加双重组织生活，带领{level.team}履职尽责。",
        )
    )
    out.append(
        P(
            "body",
            f"今后，我将在{parent}的领导下，进一步提高认识、转变作风，建强组织、带好队伍，"
            f"推动{served(org)}党建工作再上新台阶。",
        )
    )
    out.append(signature(org, year, today))
    return Draft(drop_repeats(out), hints)

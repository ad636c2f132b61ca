"""一、主要工作, the blocks that read across kinds of work: the themes the year's meetings and activities name
(党风廉政, 意识形态, 群团, 师德师风), service and honours, assessment and rectification. Each is left out when
there is nothing to say; every claim is conditional on its fact.
"""

from .prose import P, dated_list, verb

THEMES = [
    # (key, heading, words in a meeting topic or activity title, what the block says the work was)
    (
        "integrity",
        "加强党风廉政建设，营造风清气正的育人环境",
        ("廉政", "廉洁", "警示教育", "纪律教育", "作风"),
        "围绕党风廉政建设",
    ),
    ("ideology", "落实意识形态工作责任制，守好思想阵地", ("意识形态",), "围绕意识形态工作"),
    (
        "mass",
        "加强党建带群建，凝聚工会和共青团力量",
        ("工会", "共青团", "团委", "少先队", "妇委会", "群团"),
        "发挥党组织对群团组织的引领作用",
    ),
    ("ethics", "加强师德师风建设，树立党员教师良好形象", ("师德",), "围绕师德师风建设"),
]


def theme_blocks(org, year: int, data: dict) -> list[tuple]:
    """党风廉政 / 意识形态 / 群团 / 师德师风: only when the year's meetings or activities name the theme. The
    meetings named here are kept in data["themed_ids"] so no other block lists them again."""
    out = []
    data.setdefault("themed_ids", set())
    items = [dict(m, label=m["kind_short"]) for m in (data["meetings"] or {}).get("meetings", [])]
    acts = (data.get("activities") or {}).get("items", [])
    items += [{"date": a["date"], "kind": "activity", "label": "活动", "topic": a["title"]} for a in acts]
    for key, heading, words, lead in THEMES:
        hits = [
            x
            for x in items
            if any(w in x["topic"] for w in words)
            and x.get("id") not in data.get("told_ids", set())
            and x.get("id") not in data["themed_ids"]
        ]
        data["themed_ids"] |= {x["id"] for x in hits if x.get("id")}
        if not hits:
            continue
        text, left = dated_list(hits, verb, limit=6)
        out.append((key, heading, [P("body", f"{lead}，{text}{'等' if left else ''}。")]))
    return out


def service_block(org, year: int, data: dict) -> tuple | None:
    ac, ho = data.get("activities"), data.get("honours")
    paras = []
    if ac and ac["by_kind"]:
        text = [f"{year}年组织开展"]
        for i, (label, fact) in enumerate(ac["by_kind"]):
            text += ["、" if i else "", label, fact, "次"]
        if ac["volunteer_hours"].value:
            text += ["，", ac["volunteers"], "名党员参加志愿服务，累计", ac["volunteer_hours"], "小时"]
        text.append("，党员在服务师生、服务群众中亮身份、作表率。")
        paras.append(P("body", *text))
    if ho and ho["total"].value:
        named = "；".join(f"{h['who']}获评“{h['title']}”（{h['by']}，{h['level']}）" for h in ho["items"])
        more = "等" if ho["total"].value > len(ho["items"]) else ""
        paras.append(
            P(
                "body",
                f"{year}年共获得荣誉",
                ho["total"],
                "项（集体",
                ho["collective"],
                "项、个人",
                ho["individual"],
                f"项）：{named}{more}。",
            )
        )
    return ("service", "发挥党员先锋模范作用，创先争优成效明显", paras) if paras else None


def assessment_block(org, year: int, data: dict) -> tuple | None:
    asm, rect = data.get("assessment"), data.get("rectification")
    paras = []
    if asm and asm.get("own"):
        own = asm["own"]
        star = f"，评为{own['star']}" if own["star"] else ""
        paras.append(
            P("body", f"在{asm['by']}组织的{year}年度党建工作考核中，{org.name}得分", own["total"], f"分{star}。")
        )
    elif asm and not org.is_branch and asm["done"].value:
        text = [f"{year}年度党建工作考核中，", asm["assessed"], "个支部参加考核，已完成", asm["done"], "个"]
        for i, (name, fact) in enumerate(asm["stars"]):
            text += ["，其中" if i == 0 else "、", name, fact, "个"]
        text.append("。")
        paras.append(P("body", *text))
    if rect and rect["raised"].value:
        text = [
            f"对检查、考核和自查中发现的问题建立整改台账，{year}年列入整改事项",
            rect["raised"],
            "项，已整改销号",
            rect["closed"],
            "项",
        ]
        if rect["open"].value:
            text += ["，正在整改", rect["open"], "项"]
        text.append("。")
        paras.append(P("body", *text))
    return ("assessment", "对照考核抓整改，推动工作落实", paras) if paras else None

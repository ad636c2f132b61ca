"""一、主要工作: one block per kind of work, each built from the year's facts and left out when there are none.

A block is (key, heading without its number, [paragraphs]). Every claim is conditional on its fact: "会议记录
完整" only when every meeting has minutes, "账款相符" only after a 账款核对 that matched, 组织生活会 / 民主评议
named only when held.
"""

from .prose import P, cn_list, dated_list, md, quote, verb
from .themes import assessment_block, service_block, theme_blocks

ACTIVITY_KINDS = ("theme_day", "study_session", "training")


def members_block(org, year: int, data: dict, when: str) -> tuple | None:
    m = data["members"]
    if not m["total"].value:
        return None
    text = [
        f"{when}，{org.name}共有党员",
        m["total"],
        "名，其中正式党员",
        m["full"],
        "名、预备党员",
        m["probationary"],
        "名。",
    ]
    # the seeds' own way (seed 002): "从学历上看，有研究生3人，本科27人，大专及以下4人；从职称上看，有副高5人，…"
    edu = "，".join(f"{f.label.replace('在职党员中', '')}{f}人" for f in m["education"])
    titles = "，".join(f"{f.label.replace('在职党员中', '')}{f}人" for f in m["titles"])
    structure = "；".join(
        x for x in (f"从学历上看，有{edu}" if edu else "", f"从职称上看，有{titles}" if titles else "") if x
    )
    extra = m["education"] + m["titles"]
    if m["employed"].value == m["total"].value:
        text.append("全体党员均为在职党员" + (f"，{structure}。" if structure else "。"))
    elif m["employed"].value:
        text += [
            "在职党员",
            m["employed"],
            "名" + (f"，{structure}" if structure else ""),
            "；另有离退休等其他党员",
            m["others"],
            "名。",
        ]
    else:
        text += ["均为离退休等其他党员。"]
    flags = []
    for key, label in (("mobile", "流动党员"), ("lost", "失联党员")):
        flags.append(f"无{label}" if not m[key].value else f"有{label}{m[key]}名")
    rel = data.get("relations")
    if rel is not None and rel["pocket_judged"] and not rel["pocket"].value:
        flags.append("无“口袋”党员")  # a count above zero is a guess: it goes to the 检查提示 instead
    if rel is not None:
        text.append("开展党员组织关系集中排查，" + "、".join(flags) + "。")
        extra += [m[k] for k in ("mobile", "lost") if m[k].value]
    return ("members", "加强党员队伍建设，夯实组织基础", [P("body", *text, extra=extra)])


def meetings_block(org, year: int, data: dict) -> tuple | None:
    mt = data["meetings"]
    if not mt or not mt["by_kind"]:
        return None
    body = [f"{year}年共召开"]
    for i, (_kind, fact) in enumerate(mt["by_kind"]):
        body += ["、" if i else "", fact.label.replace("次数", ""), fact, "次"]
    body.append("。")
    counts = mt["counts"]
    held = [
        name
        for key, name in (("org_life_review", "召开组织生活会"), ("appraisal", "开展民主评议党员"))
        if counts.get(key)
    ]
    if held:
        body.append(f"按要求{cn_list(held)}，严肃党内政治生活。")
    if not mt["without_minutes"].value:
        body.append("每次会议均有会议记录，做到有据可查。")
    paras = [P("body", *body)]
    skip = data.get("themed_ids", set()) | data.get("told_ids", set())  # named in their theme or by the 述职人
    lectures = [m for m in mt["meetings"] if m["kind"] == "party_lecture"]
    named = [m for m in lectures if m["id"] not in skip]
    if lectures and not (data.get("told_ids") and not named):
        items = [
            f"{md(x['date'])}，{x['lecturer'] + '讲授' if x['lecturer'] else '讲授'}{quote(x['topic'])}"
            for x in named[:12]
        ]
        more = "等" if len(named) > 12 else ""
        tail = f"：{'；'.join(items)}{more}。" if items else "。"
        paras.append(P("body", "全年讲授党课", mt["lecture_count"], "次", tail))
    acts = [m for m in mt["meetings"] if m["kind"] in ACTIVITY_KINDS and m["id"] not in skip]
    if acts:
        text, left = dated_list(acts, verb)
        paras.append(P("body", f"围绕中心工作开展主题活动：{text}{'等' if left else ''}。"))
    return ("meetings", "落实“三会一课”制度，严肃党内政治生活", paras)


def development_block(org, year: int, data: dict) -> tuple | None:
    dev = data["development"]
    if dev is None:
        return None
    nums = [dev[k].value for k in ("approval", "conversion_approval", "activist_selected", "candidate_selected")]
    if not any(nums) and dev["plan"] is None:
        return None
    text = [
        f"坚持“控制总量、优化结构、提高质量、发挥作用”的总要求，严格履行发展程序。{year}年发展预备党员",
        dev["approval"],
        "人，转正预备党员",
        dev["conversion_approval"],
        "人，培养入党积极分子",
        dev["activist_selected"],
        "人、确定发展对象",
        dev["candidate_selected"],
        "人",
    ]
    if dev["plan"] is not None:
        text += ["（年度计划发展", dev["plan"], "人）"]
    text.append("。")
    if dev["admitted_names"]:
        text.append(f"{'、'.join(dev['admitted_names'])}同志被接收为预备党员，为党组织补充了新鲜血液。")
    return ("development", "严把党员入口关，做好发展党员工作", [P("body", *text)])


def dues_block(org, year: int, data: dict) -> tuple | None:
    du = data["dues"]
    if not du or not du["recorded"]:
        return None
    text = [f"{year}年党员共缴纳党费", du["total"], "元（", du["payers"], "人交纳）"]
    if du["reconciliations"] and du["all_matched"]:
        text += [f"，经{md(du['last_reconciled'])}账款核对，账目清楚，账款相符。"]
    else:
        text.append("，按月收缴、及时登记。")
    return ("dues", "规范党费收缴管理", [P("body", *text, extra=[du["reconciled"]] if du["reconciliations"] else [])])


def study_block(org, year: int, data: dict) -> tuple | None:
    st, ap = data["study"], data["appraisal"]
    paras = []
    if st and st["members"].value and st.get("total") is not None and st["total"].value:
        text = [
            f"组织党员参加集中学习和培训，{year}年",
            st["members"],
            "名党员累计学习",
            st["total"],
            "学时，人均",
            st["average"],
            "学时",
        ]
        text += (
            ["，全部达到年度学时要求。"]
            if not st["short"].value
            else ["，其中", st["short"], "名党员未达到年度学时要求。"]
        )
        paras.append(P("body", *text))
    if ap and ap["total"].value:
        text = [f"开展{year}年度民主评议党员，参加评议", ap["total"], "人"]
        grades = [g for g in ap["grades"] if g[1].value]
        for i, (label, fact) in enumerate(grades):
            text += ["，其中" if i == 0 else "、", f"评定为{label}", fact, "人"]
        text.append("。")
        paras.append(P("body", *text))
    if not paras:
        return None
    heading = (
        "加强学习教育，开展民主评议党员"
        if len(paras) == 2
        else "加强学习教育，提高党员素质"
        if paras[0]["text"].startswith("组织党员")
        else "开展民主评议党员"
    )
    return ("study", heading, paras)


def disclosure_block(org, year: int, data: dict) -> tuple | None:
    dc = data["disclosure"]
    if not dc or not dc["count"].value:
        return None
    text = [f"{year}年按规定履行提出、审核、审批、实施程序，公开党务事项", dc["count"], "项"]
    for i, (label, fact) in enumerate(dc["by_topic"]):
        text += ["（" if i == 0 else "、", label, fact, "项"]
    text.append("）。" if dc["by_topic"] else "。")
    return ("disclosure", "推进党务公开，接受党员群众监督", [P("body", *text)])


def work_blocks(org, year: int, data: dict, when: str) -> list[tuple]:
    themes = theme_blocks(org, year, data)  # first: the meetings they name are not listed twice
    blocks = [
        members_block(org, year, data, when),
        meetings_block(org, year, data),
        study_block(org, year, data),
        development_block(org, year, data),
        dues_block(org, year, data),
        disclosure_block(org, year, data),
    ]
    blocks += themes
    blocks += [service_block(org, year, data), assessment_block(org, year, data)]
    return [b for b in blocks if b]

"""Draft the annual work summary (工作总结) or the secretary's duty report (述职报告) from the records.

The structure is the one the seeds share: title and opening; 一、主要工作 (parts with the year's real
numbers and named activities); 二、存在的问题及原因 (from unmet requirements and findings, each with its
evidence); 三、下一步工作打算 (from those problems and next year's required calendar).

A paragraph is {"style", "text", "facts"}: every number in ``text`` comes from a Fact in ``facts``.
When a module has no data the paragraph says so (本年度未录入…) — never a made-up number, never "X".
"""
import datetime

from dangjian.orgs.models import Org

from . import records as R
from . import records_assess as RA
from . import records_plans as RP
from .problems import act, problems
from .records import Fact
from dangjian.lib import clock

SUB = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）", "（十）", "（十一）", "（十二）"]


def P(style: str, *parts, extra: list | None = None) -> dict:
    """A paragraph from text pieces and Facts (and ``extra`` Facts whose numbers are inside a text piece)."""
    facts = [p for p in parts if isinstance(p, Fact)] + list(extra or [])
    return {"style": style, "text": "".join(str(p) for p in parts if p is not None),
            "facts": [f.as_dict() for f in facts]}


def _d(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日"


def _who(org: Org) -> str:
    return org.unit or org.name


# ------------------------------------------------------------------ 一、主要工作
def work_parts(org: Org, year: int, data: dict) -> list[list[dict]]:
    """One list of paragraphs per part; each part starts with its (h2) heading without the number."""
    parts = []
    m = data["members"]
    dev = data["development"]
    parts.append([
        P("h2", "加强党员队伍建设，夯实组织基础"),
        P("body", f"截至{_date_zh(m['on'])}，{org.name}共有党员", m["total"], "名，其中正式党员", m["full"], "名、预备党员",
          m["probationary"], "名。", m["sentence"], extra=m["sentence_facts"]),
    ])
    mt = data["meetings"]
    if mt is None:
        parts.append([P("h2", "落实“三会一课”制度，严肃党内政治生活"), P("body", "组织生活模块尚无数据，本年度“三会一课”情况未能从系统生成。")])
    else:
        body = [f"严格落实“三会一课”、组织生活会、民主评议党员等制度。{year}年共召开"]
        if mt["by_kind"]:
            for i, (kind, fact) in enumerate(mt["by_kind"]):
                body += ["、" if i else "", fact.label.replace("次数", ""), fact, "次"]
            body.append("，会议记录完整，做到有据可查。")
        else:
            body = [f"{year}年系统中未录入组织生活会议记录，“三会一课”开展情况待补录。"]
        block = [P("h2", "落实“三会一课”制度，严肃党内政治生活"), P("body", *body)]
        if mt["lectures"]:
            items = [f"{_d(x['date'])}，{x['lecturer'] or '（未录入授课人）'}讲授“{x['topic']}”" for x in mt["lectures"]]
            block.append(P("body", "全年讲授党课", mt["lecture_count"], "次：", "；".join(items), "。"))
        elif mt["by_kind"]:
            block.append(P("body", f"{year}年系统中未录入党课记录。"))
        if mt["activities"]:
            items = [f"{_d(x['date'])}，开展{x['kind']}“{x['topic']}”" for x in mt["activities"]]
            block.append(P("body", "围绕中心工作开展主题活动：", "；".join(items), "。"))
        parts.append(block)
    if dev is None:
        parts.append([P("h2", "严把党员入口关，做好发展党员工作"), P("body", "发展党员模块尚无数据。")])
    else:
        text = [f"坚持“控制总量、优化结构、提高质量、发挥作用”的总要求，严格履行发展程序。{year}年发展预备党员",
                dev["approval"], "人，转正预备党员", dev["conversion_approval"], "人，培养入党积极分子",
                dev["activist_selected"], "人、确定发展对象", dev["candidate_selected"], "人"]
        if dev["plan"] is not None:
            text += ["（年度计划发展", dev["plan"], "人）"]
        text.append("。")
        if dev["admitted_names"]:
            text.append(f"{'、'.join(dev['admitted_names'])}同志被接收为预备党员，为党组织补充了新鲜血液。")
        parts.append([P("h2", "严把党员入口关，做好发展党员工作"), P("body", *text)])
    du = data["dues"]
    rel = data.get("relations")
    if rel is None:  # the relations module is not there: the roster's own flags
        rel = {"employed": m["employed"], "retired": m["retired"], "other": None, "mobile": m["mobile"],
               "lost_contact": m["lost"], "pocket": None}
    check = ["开展党员组织关系集中排查。经排查，共有在职党员", rel["employed"], "名、离退休党员", rel["retired"], "名"]
    if rel["other"] is not None and rel["other"].value:
        check += ["、其他党员", rel["other"], "名"]
    for key, label in (("mobile", "流动党员"), ("lost_contact", "失联党员"), ("pocket", "“口袋”党员")):
        if rel[key] is None:
            continue
        check += (["，无", label] if not rel[key].value else ["，", label, rel[key], "名"])
    check.append("。")
    if du is None:
        check.append("党费模块尚无数据。")
    elif not du["recorded"]:
        check.append(f"系统中未录入{year}年党费收缴记录。")
    else:
        check += [f"{year}年党员共缴纳党费", du["total"], "元（", du["payers"], "人交纳），账目清楚，账款相符。"]
    parts.append([P("h2", "规范党员管理，做好组织关系排查和党费收缴"), P("body", *check)])
    st, ap = data["study"], data["appraisal"]
    text = []
    if st is None:
        text.append("学习教育模块尚无数据。")
    elif not st["members"].value:
        text.append(f"{year}年系统中没有需统计学时的党员。")
    elif not st["total"].value:
        text.append(f"{year}年系统中尚未录入党员学习学时记录。")
    else:
        text += [f"组织党员参加集中学习和培训，{year}年", st["members"], "名党员累计学习", st["total"], "学时，人均",
                 st["average"], "学时"]
        text += (["，全部达到年度学时要求。"] if not st["short"].value
                 else ["，其中", st["short"], "名党员未达到年度学时要求。"])
    if ap is None:
        text.append("民主评议模块尚无数据。")
    elif not ap["total"].value:
        text.append(f"{year}年度民主评议党员结果尚未录入。")
    else:
        text += [f"开展{year}年度民主评议党员，参加评议", ap["total"], "人，其中"]
        grades = [g for g in ap["grades"] if g[1].value]
        for i, (label, fact) in enumerate(grades):
            text += ["、" if i else "", f"评定为{label}", fact, "人"]
        text.append("。")
    parts.append([P("h2", "加强学习教育，开展民主评议党员"), P("body", *text)])
    dc = data["disclosure"]
    if dc is None:
        parts.append([P("h2", "推进党务公开"), P("body", "党务公开模块尚无数据，本年度党务公开情况未能从系统生成。")])
    else:
        text = [f"{year}年按规定履行提出、审核、审批、实施程序，公开党务事项", dc["count"], "项"]
        for i, (label, fact) in enumerate(dc["by_topic"]):
            text += ["（" if i == 0 else "、", label, fact, "项"]
        text.append("）。" if dc["by_topic"] else "。")
        if not dc["count"].value:
            text = [f"{year}年系统中未录入已公开的党务公开事项。"]
        parts.append([P("h2", "推进党务公开"), P("body", *text)])
    block = _service_and_honours(year, data.get("activities"), data.get("honours"))
    if block:
        parts.append(block)
    block = _assessment_and_rectification(org, year, data.get("assessment"), data.get("rectification"))
    if block:
        parts.append(block)
    return parts


def _assessment_and_rectification(org: Org, year: int, asm: dict | None, rect: dict | None) -> list[dict]:
    """（八）考核与整改: the year's assessment result (a branch's score and star, or the stars of the branches)
    and the 整改 items raised and closed. Said only when recorded."""
    out = []
    if asm and asm.get("own"):
        own = asm["own"]
        star = f"，评为{own['star']}" if own["star"] else ""
        out.append(P("body", f"在{asm['by']}组织的{year}年度党建工作考核中，{org.name}得分", own["total"], f"分{star}。"))
    elif asm and not org.is_branch and asm["done"].value:
        text = [f"{year}年度党建工作考核中，", asm["assessed"], "个支部参加考核，已完成", asm["done"], "个"]
        for i, (name, fact) in enumerate(asm["stars"]):
            text += ["，其中" if i == 0 else "、", f"{name}", fact, "个"]
        text.append("。")
        out.append(P("body", *text))
    if rect and rect["raised"].value:
        text = [f"对检查、考核和自查中发现的问题建立整改台账，{year}年列入整改事项", rect["raised"], "项，已整改销号",
                rect["closed"], "项"]
        if rect["open"].value:
            text += ["，正在整改", rect["open"], "项"]
        text.append("。")
        out.append(P("body", *text))
    return [P("h2", "对照考核抓整改，推动工作落实"), *out] if out else []


def _service_and_honours(year: int, ac: dict | None, ho: dict | None) -> list[dict]:
    """（七）发挥党员先锋模范作用: volunteer service, pairing visits and the honours recorded. Said only when
    something was recorded: an empty part would read as a claim."""
    out = []
    if ac and ac["by_kind"]:
        text = [f"{year}年组织开展"]
        for i, (label, fact) in enumerate(ac["by_kind"]):
            text += ["、" if i else "", label, fact, "次"]
        if ac["volunteer_hours"].value:
            text += ["，", ac["volunteers"], "名党员参加志愿服务，累计", ac["volunteer_hours"], "小时"]
        text.append("，党员在服务师生、服务群众中亮身份、作表率。")
        out.append(P("body", *text))
    if ho and ho["total"].value:
        named = "；".join(f"{h['who']}获评“{h['title']}”（{h['by']}，{h['level']}）" for h in ho["items"])
        more = "等" if ho["total"].value > len(ho["items"]) else ""
        out.append(P("body", f"{year}年共获得荣誉", ho["total"], "项（集体", ho["collective"], "项、个人",
                     ho["individual"], f"项）：{named}{more}。"))
    return [P("h2", "发挥党员先锋模范作用，创先争优成效明显"), *out] if out else []


def _date_zh(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ------------------------------------------------------------------ the document
def gather(org: Org, year: int, today: datetime.date) -> dict:
    return {
        "members": R.members_part(org, year),
        "meetings": R.meetings_part(org, year),
        "gaps": R.meeting_gaps(org, year, today),
        "development": R.development_part(org, year),
        "dues": R.dues_part(org, year),
        "study": R.study_part(org, year),
        "appraisal": R.appraisal_part(org, year),
        "disclosure": R.disclosure_part(org, year),
        "relations": R.relations_part(org, year),
        "org_findings": R.org_problems(org, today),
        "next_calendar": R.next_year_calendar(org, year),
        "honours": RP.honours_part(org, year),
        "activities": RP.activities_part(org, year),
        "assessment": RA.assessment_part(org, year),
        "rectification": RA.rectification_part(org, year, today),
    }


def build(org: Org, year: int, kind: str = "summary", today: datetime.date | None = None) -> list[dict]:
    today = today or clock.today()
    data = gather(org, year, today)
    duty = kind == "duty"
    out = []
    if duty:
        out.append(P("title", f"{org.name}书记{year}年度抓基层党建工作述职报告"))
        out.append(P("body", f"{year}年，我认真履行党建工作第一责任人职责，在上级党委的领导下，带领支部班子团结协作，"
                             f"扎实推进{_who(org)}党的建设各项工作。现将履职情况述职如下："))
    else:
        out.append(P("title", f"{_who(org)}{year}年度党建工作总结"))
        out.append(P("subtitle", org.name))
        out.append(P("body", f"{year}年，{org.name}在上级党委的领导下，以习近平新时代中国特色社会主义思想为指导，"
                             f"认真落实党建工作责任，推进支部标准化规范化建设，发挥党支部战斗堡垒作用和党员先锋模范作用。"
                             f"现将一年来的工作总结如下："))
    out.append(P("h1", "一、主要工作"))
    for i, part in enumerate(work_parts(org, year, data)):
        head, *rest = part
        head["text"] = SUB[i] + head["text"]
        out += [head, *rest]
    probs = problems(org, year, data)
    out.append(P("h1", "二、存在的主要问题及原因" if duty else "二、存在的问题及原因"))
    if not probs:
        out.append(P("body", f"对照{year}年组织生活、发展党员、党费收缴、学习教育和民主评议等制度要求，系统未发现未完成事项。"
                             "但在党建工作与学校中心工作的深度融合、党建品牌建设等方面仍需进一步加强。"))
    for i, p in enumerate(probs):
        out.append({"style": "h2", "text": f"{SUB[i]}{p['title']}", "facts": []})
        out.append({"style": "body", "text": p["text"], "facts": p["facts"]})
    if probs:
        out.append(P("body", "究其原因，主要是对党建工作制度的刚性要求认识还不够到位，工作计划性不强，日常督促和检查不够经常。"))
    out.append(P("h1", "三、下步工作思路和主要措施" if duty else "三、下一步工作打算"))
    i = 0
    for p in probs:
        out.append({"style": "h2", "text": f"{SUB[i]}针对“{p['title']}”", "facts": []})
        out.append(P("body", p["plan"]))
        i += 1
    cal = data["next_calendar"]
    out.append(P("h2", f"{SUB[i]}按计划落实{year + 1}年组织生活"))
    if cal:
        parts = [f"按照组织生活制度要求，{year + 1}年"]
        for j, (kind, label, period_zh, need, fact) in enumerate(cal):
            parts += ["；" if j else "", f"{period_zh}{act(kind, label)}不少于{need}次（全年", fact, "次）"]
        parts.append("，年初制定计划，逐月落实。")
        out.append(P("body", *parts))
    else:
        out.append(P("body", "组织生活模块尚无数据，下一年度组织生活计划请按制度要求另行制定。"))
    out.append(P("h2", f"{SUB[i + 1]}加强学习教育和党员管理"))
    out.append(P("body", "继续抓好党员理论学习，用好“三会一课”、主题党日等载体，严格党员教育管理，"
                         "充分发挥党员先锋模范作用，以高质量党建引领学校高质量发展。"))
    return out

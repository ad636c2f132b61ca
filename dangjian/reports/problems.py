"""二、存在的问题及原因: the year's problems in plain words, each from a fact (a missed meeting, meetings without
minutes, no 账款核对 …) with its cause and the measure that answers it in 三、下一步工作打算.

Rule codes and what the records cannot tell ("未录入…", heuristics) never enter the document: they are
returned as 检查提示 (hints) for the secretary, next to the paragraphs.
"""

import datetime
import re

from dangjian.meetings.wording import act, periods_text, short_period  # noqa: F401  (re-exported)
from dangjian.orgs.models import Org

from .records import Fact, url
from .records_orgs import MAX_NAMED_BRANCHES

CODE = re.compile(r"[A-Z]{2,}-\d+")


def strip_codes(text: str) -> str:
    """A finding's message without any bracket that cites a rule code (nested brackets included): the code
    goes to the 检查提示, not the document."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "（":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0 and not CODE.search(text[start : i + 1]):
                out.append(text[start : i + 1])
            continue
        if depth == 0:
            out.append(ch)
    return CODE.sub("", "".join(out)).strip()


def when_missed(g: dict) -> str:
    """第三季度 / 1月至10月 / 全年 (every period of the year missed)."""
    if g.get("periods") and len(g["missed"]) == g["periods"] and g["periods"] > 1:
        return "全年"
    return periods_text(g["period"], g["missed"])


def hint(text: str, link: str = "") -> dict:
    return {"text": text, "url": link}


def problems(org: Org, year: int, data: dict, today: datetime.date) -> tuple[list[dict], list[dict]]:
    """(problems, hints). A problem: {key, title, text, facts, cause, self_cause, plan_title, plan}."""
    out, hints = [], []
    ended = today > datetime.date(year, 12, 31)
    many = not org.is_branch
    gaps = data["gaps"] or []
    if gaps:
        branches = {g["branch"].id for g in gaps}
        if len(branches) > MAX_NAMED_BRANCHES:
            per_kind: dict = {}
            for g in gaps:
                per_kind.setdefault((g["kind"], g["label"]), set()).add(g["branch"].id)
            facts = [
                Fact(len(ids), f"未按期{act(k, label)}的支部数", url("meetings:grid", org.code, year))
                for (k, label), ids in per_kind.items()
            ]
            lines = [f"有{len(ids)}个支部未按期{act(k, label)}" for (k, label), ids in per_kind.items()]
        else:
            per_branch: dict = {}
            facts = []
            for g in gaps:
                per_branch.setdefault(g["branch"].name, []).append(f"{when_missed(g)}未{act(g['kind'], g['label'])}")
                facts.append(Fact(len(g["missed"]), f"{g['branch'].name}{g['label']}未达要求的期数", g["url"]))
            lines = [f"{name + '' if many else ''}{'，'.join(items)}" for name, items in per_branch.items()]
        for g in gaps[:30]:
            hints.append(
                hint(
                    f"{g['branch'].name}{periods_text(g['period'], g['missed'])}"
                    f"未{act(g['kind'], g['label'])}（{g['rule_id']}）",
                    g["url"],
                )
            )
        out.append(
            {
                "key": "meetings",
                "title": "组织生活制度落实不够到位",
                "text": f"对照“三会一课”等制度要求，{year}年" + "；".join(lines) + "。",
                "facts": facts,
                "cause": "组织生活制度执行的刚性不够，年初计划与按月落实结合得不紧",
                "self_cause": "我对“三会一课”制度的刚性要求把关不严，督促检查不够经常",
                "plan_title": "严格落实“三会一课”制度",
                "plan": "年初制定组织生活计划，按月、按季度对照检查，确保按期召开、记录完整。",
            }
        )
    mt = data["meetings"]
    if mt and mt["without_minutes"].value:
        n = mt["without_minutes"]
        out.append(
            {
                "key": "minutes",
                "title": "会议记录不够规范",
                "text": f"部分会议记录不完整，{year}年有{n}次会议未记录会议内容。",
                "facts": [n.as_dict()],
                "cause": "会议记录等基础工作抓得不细，记录人职责不够明确",
                "self_cause": "我对会议记录等基础台账的检查不够及时",
                "plan_title": "规范会议记录和台账",
                "plan": "每次会议明确记录人，会后及时整理会议记录，支部书记定期审阅，做到有据可查。",
            }
        )
        missing = [m for m in mt["meetings"] if not m["has_minutes"]]
        if len(missing) > 20:
            hints.append(
                hint(f"共{len(missing)}次会议没有会议记录，下面列出前20次；补录后重新生成，文中的数字随之更新")
            )
        for m in missing[:20]:
            hints.append(hint(f"{m['date']:%Y年%-m月%-d日}{m['kind_short']}“{m['topic']}”没有会议记录", m["url"]))
    dev = data["development"]
    if dev and dev["plan"] is not None and dev["plan"].value > dev["approval"].value:
        out.append(
            {
                "key": "development",
                "title": "发展党员计划未完成",
                "text": f"{year}年计划发展党员{dev['plan']}人，实际发展{dev['approval']}人。",
                "facts": [dev["plan"].as_dict(), dev["approval"].as_dict()],
                "cause": "对入党积极分子的培养考察抓得不够紧，发展工作的计划性不强",
                "self_cause": "我对发展党员工作的统筹谋划不够",
                "plan_title": "做好发展党员工作",
                "plan": "加强对入党积极分子和发展对象的培养教育，成熟一个发展一个，按计划做好发展党员工作。",
            }
        )
    st = data["study"]
    if st and st["members"].value and "short" in st and st["short"].value:
        out.append(
            {
                "key": "study",
                "title": "党员学习教育覆盖不够全面",
                "text": f"{year}年有{st['short']}名党员未达到年度学时要求。",
                "facts": [st["short"].as_dict()],
                "cause": "理论学习的计划性不强，对党员学习情况的督促不够经常",
                "self_cause": "我对党员学习情况的督促检查不够经常",
                "plan_title": "抓实党员学习教育",
                "plan": "建立学时台账，按季度提醒学时不足的党员，用好集中学习、党课和线上学习，确保人人达标。",
            }
        )
    ap = data["appraisal"]
    if ap is not None and not ap["total"].value:
        if ended and not any(g["kind"] == "appraisal" for g in gaps):  # else already named among the gaps
            out.append(
                {
                    "key": "appraisal",
                    "title": "民主评议党员工作未完成",
                    "text": f"{year}年度民主评议党员工作没有完成评定。",
                    "facts": [],
                    "cause": "年终各项工作集中，对民主评议党员工作安排不够及早",
                    "self_cause": "我对民主评议党员工作抓得不够及时",
                    "plan_title": "按时开展民主评议党员",
                    "plan": "按规定每年开展一次民主评议党员，及时汇总评议结果并报上级党组织。",
                }
            )
        hints.append(
            hint(
                f"还没有{year}年度民主评议党员的评定结果，文中未写民主评议情况",
                url("appraisal:results", org.code, year),
            )
        )
    dc = data["disclosure"]
    if dc is not None and not dc["count"].value:
        if ended:
            out.append(
                {
                    "key": "disclosure",
                    "title": "党务公开工作有待加强",
                    "text": f"{year}年没有按程序公开党务事项。",
                    "facts": [],
                    "cause": "对党务公开的目录和程序学习不够，公开意识不强",
                    "self_cause": "我对党务公开工作重视不够",
                    "plan_title": "推进党务公开",
                    "plan": "按党务公开目录，及时公开发展党员、党费收缴使用等事项，履行审核审批程序。",
                }
            )
        hints.append(hint(f"没有{year}年已公开的党务公开事项，文中未写党务公开情况", url("disclosure:org", org.code)))
    du = data["dues"]
    if du is not None and not du["recorded"]:
        hints.append(hint(f"没有{year}年党费收缴记录，文中未写党费情况", url("dues:ledger", org.code)))
    elif du is not None and not du["reconciliations"] and ended:
        out.append(
            {
                "key": "dues",
                "title": "党费管理不够规范",
                "text": f"{year}年未进行党费账款核对。",
                "facts": [du["reconciled"].as_dict()],
                "cause": "党费管理的日常核对不够及时",
                "self_cause": "我对党费账目的检查不够经常",
                "plan_title": "规范党费收缴管理",
                "plan": "按月收缴党费并及时登记，按季度核对账目，做到账款相符。",
            }
        )
    elif du is not None and not du["reconciliations"]:
        hints.append(hint(f"{year}年尚未进行党费账款核对，文中不写“账款相符”", url("dues:ledger", org.code)))
    if du is not None and du.get("mismatches"):
        out.append(
            {
                "key": "dues_mismatch",
                "title": "党费账款不符",
                "text": f"{year}年党费账款核对中有{du['mismatches']}次账款不符。",
                "facts": [],
                "cause": "党费收缴登记不够及时准确",
                "self_cause": "我对党费账目的审核不够严格",
                "plan_title": "查清党费账目",
                "plan": "逐笔核对党费收缴和上缴记录，查清差额原因，做到账款相符。",
            }
        )
    found = data["org_findings"]
    if found:
        texts = list(
            dict.fromkeys(
                f"{branch.name + '' if many else ''}{strip_codes(f.message_zh).rstrip('。')}"
                for branch, f in found[:MAX_NAMED_BRANCHES]
            )
        )
        more = "等问题" if len(found) > MAX_NAMED_BRANCHES else ""
        text = "；".join(texts) + f"{more}。"
        n_branches = len({branch.pk for branch, _f in found})
        if many and n_branches > 1:  # a bureau's summary counts the branches; the 检查提示 name them
            text = f"有{n_branches}个支部在组织设置、班子配备或按期换届方面不符合规定。"
        out.append(
            {
                "key": "org",
                "title": "组织建设存在短板",
                "text": text,
                "facts": [],
                "cause": "对支部班子建设和按期换届重视不够",
                "self_cause": "我对班子建设和按期换届抓得不够紧",
                "plan_title": "加强组织建设",
                "plan": "按期做好支部委员会换届和班子配备，健全组织设置。",
            }
        )
        for branch, f in found[:30]:
            code = "" if f.rule_id in f.message_zh else f"（{f.rule_id}）"
            hints.append(hint(f"{branch.name}：{f.message_zh}{code}", url("orgs:detail", branch.code)))
    rect = data.get("rectification")
    if rect and rect["overdue"].value:
        named = "；".join(
            f"{i['problem'].rstrip('。')}（整改时限{i['due']:%Y年%-m月%-d日}）" for i in rect["overdue_items"]
        )
        named = strip_codes(named)
        more = "等" if rect["overdue"].value > len(rect["overdue_items"]) else ""
        out.append(
            {
                "key": "rectification",
                "title": "问题整改落实不够及时",
                "text": f"有{rect['overdue']}项整改事项逾期未完成：{named}{more}。",
                "facts": [rect["overdue"].as_dict()],
                "cause": "对整改事项的跟踪督办不够有力",
                "self_cause": "我对整改落实的跟踪督办不够有力",
                "plan_title": "抓好问题整改",
                "plan": "逐项明确整改责任人和时限，每月对照整改台账督促检查，做到整改一项、销号一项。",
            }
        )
    rel = data.get("relations")
    if rel and rel["pocket"].value:
        hints.append(
            hint(
                f"按近期记录推断，可能有{rel['pocket']}名“口袋”党员，请核实后再写入", url("relations:pocket", org.code)
            )
        )
    elif rel and not rel["pocket_judged"]:
        hints.append(hint("近期记录不足以判断有无“口袋”党员，文中未写", url("relations:survey", org.code)))
    for p in out:
        p["facts"] = [f.as_dict() if isinstance(f, Fact) else f for f in p["facts"]]
    return out, hints

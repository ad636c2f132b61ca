"""二、存在的问题及原因: problems drawn from the year's unmet requirements and findings, each with its evidence
(Facts linking to the records) and the plan that answers it in 三、下一步工作打算."""
from dangjian.orgs.models import Org

from .records import Fact, url

CN = "〇一二三四五六七八九十"
MAX_NAMED_BRANCHES = 8  # above this many branches with gaps, the summary counts branches instead of naming them
VERB = {"party_lecture": "讲党课", "theme_day": "开展主题党日活动", "heart_to_heart_talk": "开展谈心谈话",
        "appraisal": "开展民主评议党员", "study_session": "组织集中学习", "training": "组织培训"}


def act(kind: str, label: str) -> str:
    """召开支部党员大会 / 讲党课 / 开展主题党日活动 …"""
    return VERB.get(kind, f"召开{label}")


def short_period(period: str, index: int) -> str:
    return {"month": f"{index}月", "quarter": f"第{CN[index]}季度", "half": "上半年" if index == 1 else "下半年",
            "year": "全年"}[period]


def periods_text(period: str, indices: list[int]) -> str:
    """第一季度、第三季度 / 1月至10月、12月 (consecutive months joined as a range)."""
    if period != "month":
        return "、".join(short_period(period, i) for i in indices)
    runs, start = [], None
    for i, m in enumerate(indices):
        start = m if start is None else start
        if i + 1 == len(indices) or indices[i + 1] != m + 1:
            runs.append(f"{start}月" if start == m else f"{start}月至{m}月")
            start = None
    return "、".join(runs)


def problems(org: Org, year: int, data: dict) -> list[dict]:
    """Each problem: {"title", "text", "facts", "plan"} from unmet requirements and findings."""
    out = []
    gaps = data["gaps"] or []
    many = len({g["branch"].id for g in gaps}) > 1 or org.kind not in ("branch", "joint_branch")
    if gaps:
        n_branches = len({g["branch"].id for g in gaps})
        if n_branches > MAX_NAMED_BRANCHES:  # a school system: count the branches per missed requirement
            per_kind: dict = {}
            for g in gaps:
                per_kind.setdefault((g["kind"], g["label"], g["rule_id"]), set()).add(g["branch"].id)
            src = url("meetings:grid", org.code, year)
            facts = [Fact(len(ids), f"未{act(kind, label)}的支部数", src) for (kind, label, _), ids in per_kind.items()]
            lines = [f"{year}年有{len(ids)}个支部存在未按期{act(kind, label)}的情况（{rule}）"
                     for (kind, label, rule), ids in per_kind.items()]
        else:
            per_branch: dict = {}
            facts = []
            for g in gaps:
                names = periods_text(g["period"], g["missed"])
                per_branch.setdefault(g["branch"].name, []).append(
                    f"{names}未{act(g['kind'], g['label'])}（{g['rule_id']}）")
                facts.append(Fact(len(g["missed"]), f"{g['branch'].name}{g['label']}未达要求的期数", g["url"]))
            lines = [f"{name + '：' if many else ''}{year}年" + "，".join(items) for name, items in per_branch.items()]
        out.append({"title": "组织生活制度落实不够到位",
                    "text": "对照“三会一课”等制度要求，" + "；".join(lines) + "。",
                    "facts": facts,
                    "plan": "严格执行“三会一课”制度，年初制定组织生活计划，按月、按季度对照检查，确保按期召开、记录完整。"})
    dev = data["development"]
    if dev and dev["plan"] is not None and dev["plan"].value > dev["approval"].value:
        out.append({"title": "发展党员计划未完成",
                    "text": f"{year}年计划发展{dev['plan']}人，实际发展{dev['approval']}人。",
                    "facts": [dev["plan"].as_dict(), dev["approval"].as_dict()],
                    "plan": "加强对入党积极分子和发展对象的培养教育，成熟一个发展一个，按计划做好发展党员工作。"})
    st = data["study"]
    if st and st["members"].value and st["short"].value:
        out.append({"title": "党员学习教育覆盖不够全面",
                    "text": f"{year}年有{st['short']}名党员未达到年度学时要求（EDU-01）。",
                    "facts": [st["short"].as_dict()],
                    "plan": "建立学时台账，按季度提醒学时不足的党员，用好集中学习、党课和线上学习，确保人人达标。"})
    ap = data["appraisal"]
    if ap is not None and not ap["total"].value:
        out.append({"title": "民主评议党员工作未完成",
                    "text": f"{year}年度民主评议党员结果尚未录入或尚未完成（EVAL-01）。", "facts": [],
                    "plan": "按规定每年开展一次民主评议党员，及时汇总评议结果并报上级党组织。"})
    du = data["dues"]
    dc = data["disclosure"]
    if dc is not None and not dc["count"].value:
        out.append({"title": "党务公开工作有待加强", "text": f"系统中没有{year}年已公开的党务公开事项（PUB-01）。",
                    "facts": [], "plan": "按党务公开目录，及时公开发展党员、党费收缴使用等事项，履行审核审批程序。"})
    if du is not None and not du["recorded"]:
        out.append({"title": "党费收缴记录不完整", "text": f"系统中未录入{year}年党费收缴记录。", "facts": [],
                    "plan": "按月收缴党费并及时登记，按季度核对账目，做到账款相符。"})
    found = data["org_findings"]
    if found:
        if len(found) > MAX_NAMED_BRANCHES:
            per_rule: dict = {}
            for branch, f in found:
                per_rule.setdefault(f.rule_id, set()).add(branch.id)
            text = "；".join(f"{len(ids)}个支部存在{rule}所列问题" for rule, ids in per_rule.items()) + "（详见各支部页面）。"
        else:
            text = "；".join(f"{branch.name + '：' if many else ''}{f.message_zh}"
                            f"{'' if f.rule_id in f.message_zh else '（' + f.rule_id + '）'}" for branch, f in found) + "。"
        out.append({"title": "组织建设存在短板", "text": text, "facts": [],
                    "plan": "按期做好支部委员会换届和班子配备，健全组织设置。"})
    rect = data.get("rectification")
    if rect and rect["overdue"].value:
        named = "；".join(f"{i['org'] + '：' if many and not i['problem'].startswith(i['org']) else ''}"
                         f"{i['problem'].rstrip('。')}（整改时限{i['due'].isoformat()}）" for i in rect["overdue_items"])
        more = "等" if rect["overdue"].value > len(rect["overdue_items"]) else ""
        out.append({"title": "问题整改落实不够及时",
                    "text": f"整改台账中有{rect['overdue']}项整改事项逾期未完成：{named}{more}。",
                    "facts": [rect["overdue"]],
                    "plan": "逐项明确整改责任人和时限，每月对照整改台账督促检查，做到整改一项、销号一项。"})
    for p in out:
        p["facts"] = [f.as_dict() if isinstance(f, Fact) else f for f in p["facts"]]
    return out



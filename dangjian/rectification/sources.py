"""What the system currently finds for an org and year, as candidates for rectification items (发现的问题).

Each candidate is a dict: source, org (the branch or org it belongs to), source_ref (stable key), rule_id,
problem, measure, owner_id, due_date, level, link. Read from the other apps' own functions, never copied:
branch findings (orgs.findings), meeting gaps (meetings.facts.gaps), the year's shortfalls the annual summary
also names (development plan, 学时, 党务公开, 党费, minutes: read from the apps' facts modules), 民主评议 not held or
not finished (appraisal.AppraisalCycle) and open supervision-visit problems (plans.VisitProblem). Nothing here
reads the reports app: rectification sits beside it, on the same facts.
"""

import datetime
import re

from django.urls import reverse

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

from .models import RectificationSource

MAX_BRANCHES = 200  # branch findings are computed per branch; beyond this the page says how many were left out
RULE_RE = re.compile(r"\b([A-Z]{2,6}-\d{2,3})\b")


def _branches(org: Org):
    from dangjian.orgs.selectors import branches_of

    return branches_of(org)


def branch_findings(org: Org, today: datetime.date) -> tuple[list[dict], int]:
    from dangjian.orgs.findings import org_findings

    branches = _branches(org)
    out = []
    for branch in branches[:MAX_BRANCHES]:
        for f in org_findings(branch, today):
            if f.level not in ("error", "warning"):
                continue
            out.append(
                {
                    "source": RectificationSource.FINDING,
                    "org": branch,
                    "source_ref": f"org:{f.rule_id}:{f.code or ''}",
                    "rule_id": f.rule_id,
                    "problem": f"{branch.name}：{f.message_zh}",
                    "measure": "",
                    "owner_id": None,
                    "due_date": f.due_date,
                    "level": f.level,
                    "link": "",
                }
            )
    return out, max(0, len(branches) - MAX_BRANCHES)


def gap_candidates(gaps, year: int) -> list[dict]:
    from dangjian.meetings.wording import act, periods_text

    out = []
    for g in gaps or []:
        branch = g["branch"]
        text = f"{branch.name}{year}年{periods_text(g['period'], g['missed'])}未{act(g['kind'], g['label'])}（{g['rule_id']}）"
        out.append(
            {
                "source": RectificationSource.MEETING_GAP,
                "org": branch,
                "source_ref": f"gap:{year}:{g['kind']}",
                "rule_id": g["rule_id"],
                "problem": text,
                "measure": f"对照“三会一课”制度要求，及时补充{act(g['kind'], g['label'])}，今后按期召开并做好记录。",
                "owner_id": None,
                "due_date": None,
                "level": "warning",
                "link": g.get("url") or reverse("meetings:calendar", args=[branch.code, year]),
            }
        )
    return out


def year_shortfalls(org: Org, year: int, today: datetime.date, gaps=None) -> list[dict]:
    """The year's shortfalls from the apps' facts: {"title", "text", "rule_id", "plan"}; ``gaps`` are the
    meeting gaps (meetings.facts.gaps) when the caller has them already."""
    from dangjian.disclosure.facts import year_facts as disclosure_facts
    from dangjian.dues.facts import year_facts as dues_facts
    from dangjian.learning.facts import year_facts as study_facts
    from dangjian.meetings.facts import gaps as meeting_gaps
    from dangjian.meetings.facts import year_facts as meeting_facts
    from dangjian.meetings.wording import act, periods_text
    from dangjian.recruitment.facts import year_facts as development_facts

    sub = subtree_ids(org)
    ended = today > datetime.date(year, 12, 31)
    out = []
    gaps = meeting_gaps(org, year, today) if gaps is None else gaps
    if gaps:
        lines = [
            f"{g['branch'].name}{periods_text(g['period'], g['missed'])}未{act(g['kind'], g['label'])}（{g['rule_id']}）"
            for g in gaps[:20]
        ]
        out.append(
            {
                "title": "组织生活制度落实不够到位",
                "rule_id": gaps[0]["rule_id"],
                "text": f"对照“三会一课”等制度要求，{year}年"
                + "；".join(lines)
                + ("等" if len(gaps) > 20 else "")
                + "。",
                "plan": "严格执行“三会一课”制度，年初制定组织生活计划，按月、按季度对照检查，确保按期召开、记录完整。",
            }
        )
    dev = development_facts(sub, year)
    if dev["plan"] is not None and dev["plan"] > dev["counts"]["approval"]:
        out.append(
            {
                "title": "发展党员计划未完成",
                "rule_id": "",
                "text": f"{year}年计划发展{dev['plan']}人，实际发展{dev['counts']['approval']}人。",
                "plan": "加强对入党积极分子和发展对象的培养教育，成熟一个发展一个，按计划做好发展党员工作。",
            }
        )
    st = study_facts(org, sub, year)
    if st["members"] and st["short"]:
        out.append(
            {
                "title": "党员学习教育覆盖不够全面",
                "rule_id": "EDU-01",
                "text": f"{year}年有{st['short']}名党员未达到年度学时要求（EDU-01）。",
                "plan": "建立学时台账，按季度提醒学时不足的党员，用好集中学习、党课和线上学习，确保人人达标。",
            }
        )
    mt = meeting_facts(org, year)
    if mt["without_minutes"]:
        out.append(
            {
                "title": "会议记录不够规范",
                "rule_id": "",
                "text": f"{year}年有{mt['without_minutes']}次会议未记录会议内容。",
                "plan": "每次会议明确记录人，会后及时整理会议记录，支部书记定期审阅，做到有据可查。",
            }
        )
    if ended and not disclosure_facts(org, year)["count"]:
        out.append(
            {
                "title": "党务公开工作有待加强",
                "rule_id": "PUB-01",
                "text": f"{year}年没有已公开的党务公开事项（PUB-01）。",
                "plan": "按党务公开目录，及时公开发展党员、党费收缴使用等事项，履行审核审批程序。",
            }
        )
    du = dues_facts(org, sub, year)
    if not du["recorded"]:
        out.append(
            {
                "title": "党费收缴记录不完整",
                "rule_id": "",
                "text": f"未录入{year}年党费收缴记录。",
                "plan": "按月收缴党费并及时登记，按季度核对账目，做到账款相符。",
            }
        )
    elif ended and not du["reconciliations"]:
        out.append(
            {
                "title": "党费管理不够规范",
                "rule_id": "",
                "text": f"{year}年未进行党费账款核对。",
                "plan": "按月收缴党费并及时登记，按季度核对账目，做到账款相符。",
            }
        )
    return out


def summary_candidates(org: Org, year: int, today: datetime.date, gaps=None) -> list[dict]:
    out = []
    for p in year_shortfalls(org, year, today, gaps):
        m = RULE_RE.search(p["text"])
        out.append(
            {
                "source": RectificationSource.SUMMARY,
                "org": org,
                "source_ref": f"summary:{year}:{p['title']}",
                "rule_id": p["rule_id"] or (m.group(1) if m else ""),
                "problem": f"{p['title']}：{p['text']}",
                "measure": p["plan"],
                "owner_id": None,
                "due_date": None,
                "level": "warning",
                "link": "",
            }
        )
    return out


def visit_candidates(org: Org) -> list[dict]:
    from dangjian.plans.models import VisitProblem

    out = []
    qs = (
        VisitProblem.objects.filter(visit__org_id__in=subtree_ids(org), resolved_on__isnull=True)
        .select_related("visit", "visit__org", "visit__visitor")
        .order_by("visit__visited_on", "id")[:300]
    )
    for p in qs:
        v = p.visit
        who = v.visitor.get_full_name() or v.visitor.username
        out.append(
            {
                "source": RectificationSource.VISIT,
                "org": v.org,
                "source_ref": f"visit:{p.pk}",
                "rule_id": "",
                "problem": f"{v.visited_on:%Y-%m-%d} {who}调研指导发现：{p.text}",
                "measure": "",
                "owner_id": p.owner_id,
                "due_date": p.due_date,
                "level": "warning",
                "link": "",
            }
        )
    return out


def appraisal_candidates(org: Org, year: int, today: datetime.date) -> list[dict]:
    """Branches with no 民主评议党员 for the year (once November has come, or the year has ended), and cycles
    of an ended year still not finished (LIFE-08). Two queries for any subtree."""
    from dangjian.appraisal.models import AppraisalCycle, CycleStage
    from dangjian.orgs.models import BRANCH_KINDS

    if year > today.year or (year == today.year and today.month < 11):
        return []
    branches = Org.objects.filter(id__in=subtree_ids(org), kind__in=BRANCH_KINDS, is_active=True)
    out = []
    for b in branches.exclude(appraisal_cycles__year=year).order_by("path")[:MAX_BRANCHES]:
        out.append(
            {
                "source": RectificationSource.APPRAISAL,
                "org": b,
                "source_ref": f"appraisal:{year}:missing",
                "rule_id": "LIFE-08",
                "problem": f"{b.name}{year}年度未开展民主评议党员（LIFE-08，一般每年1次）",
                "measure": "按规定开展民主评议党员，经学习准备、个人自评、党员互评、民主测评、支部评定等环节，结果报上级党组织。",
                "owner_id": None,
                "due_date": None,
                "level": "warning",
                "link": "",
            }
        )
    if year < today.year:
        done = [CycleStage.NOTIFIED, CycleStage.FOLLOWUP, CycleStage.CLOSED]
        for c in (
            AppraisalCycle.objects.filter(org_id__in=branches.values("id"), year=year)
            .exclude(stage__in=done)
            .select_related("org")
            .order_by("org__path")[:MAX_BRANCHES]
        ):
            out.append(
                {
                    "source": RectificationSource.APPRAISAL,
                    "org": c.org,
                    "source_ref": f"appraisal:{year}:unfinished",
                    "rule_id": "LIFE-08",
                    "problem": f"{c.org.name}{year}年度民主评议党员停留在“{c.get_stage_display()}”环节，尚未完成（LIFE-08）",
                    "measure": "尽快完成评定、上级审核和结果告知，对基本合格、不合格党员做好后续处置。",
                    "owner_id": None,
                    "due_date": None,
                    "level": "warning",
                    "link": "",
                }
            )
    return out


def candidates(org: Org, year: int, today: datetime.date) -> dict:
    """{"sections": [(title, [candidate…])], "left_out": n branches not checked}."""
    from dangjian.meetings.facts import gaps as meeting_gaps

    gaps = meeting_gaps(org, year, today)
    findings, left_out = branch_findings(org, today)
    return {
        "sections": [
            ("支部建设检查发现", findings),
            (f"{year}年组织生活缺期", gap_candidates(gaps, year)),
            (f"{year}年度民主评议党员", appraisal_candidates(org, year, today)),
            (f"{year}年度工作总结列出的问题", summary_candidates(org, year, today, gaps)),
            ("调研指导发现、尚未整改的问题", visit_candidates(org)),
        ],
        "left_out": left_out,
    }

"""What the system currently finds for an org and year, as candidates for rectification items (发现的问题).

Each candidate is a dict: source, org (the branch or org it belongs to), source_ref (stable key), rule_id,
problem, measure, owner_id, due_date, level, link. Read from the other apps' own functions, never copied:
branch findings (orgs.findings), meeting gaps (reports.records.meeting_gaps), the annual summary's problems
(reports.problems via reports.drafting.gather), 民主评议 not held or not finished (appraisal.AppraisalCycle) and open
supervision-visit problems (plans.VisitProblem).
"""
import datetime
import re

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

from .models import Source

MAX_BRANCHES = 200  # branch findings are computed per branch; beyond this the page says how many were left out
RULE_RE = re.compile(r"\b([A-Z]{2,6}-\d{2,3})\b")


def _branches(org: Org):
    from dangjian.reports.records import branches_of

    return branches_of(org)


def branch_findings(org: Org, today: datetime.date) -> tuple[list[dict], int]:
    from dangjian.orgs.findings import org_findings

    branches = _branches(org)
    out = []
    for branch in branches[:MAX_BRANCHES]:
        for f in org_findings(branch, today):
            if f.level not in ("error", "warning"):
                continue
            out.append({"source": Source.FINDING, "org": branch, "source_ref": f"org:{f.rule_id}:{f.code or ''}",
                        "rule_id": f.rule_id, "problem": f"{branch.name}：{f.message_zh}", "measure": "",
                        "owner_id": None, "due_date": f.due_date, "level": f.level, "link": ""})
    return out, max(0, len(branches) - MAX_BRANCHES)


def gap_candidates(gaps, year: int) -> list[dict]:
    from dangjian.reports.problems import act, periods_text

    out = []
    for g in gaps or []:
        branch = g["branch"]
        text = f"{branch.name}{year}年{periods_text(g['period'], g['missed'])}未{act(g['kind'], g['label'])}（{g['rule_id']}）"
        out.append({"source": Source.MEETING_GAP, "org": branch, "source_ref": f"gap:{year}:{g['kind']}",
                    "rule_id": g["rule_id"], "problem": text,
                    "measure": f"对照“三会一课”制度要求，及时补充{act(g['kind'], g['label'])}，今后按期召开并做好记录。",
                    "owner_id": None, "due_date": None, "level": "warning", "link": g.get("url", "")})
    return out


def summary_candidates(org: Org, year: int, data: dict) -> list[dict]:
    from dangjian.reports.problems import problems

    out = []
    for p in problems(org, year, data):
        m = RULE_RE.search(p["text"])
        out.append({"source": Source.SUMMARY, "org": org, "source_ref": f"summary:{year}:{p['title']}",
                    "rule_id": m.group(1) if m else "", "problem": f"{p['title']}：{p['text']}",
                    "measure": p["plan"], "owner_id": None, "due_date": None, "level": "warning", "link": ""})
    return out


def visit_candidates(org: Org) -> list[dict]:
    from dangjian.plans.models import VisitProblem

    out = []
    qs = (VisitProblem.objects.filter(visit__org_id__in=subtree_ids(org), resolved_on__isnull=True)
          .select_related("visit", "visit__org", "visit__visitor").order_by("visit__visited_on", "id")[:300])
    for p in qs:
        v = p.visit
        who = v.visitor.get_full_name() or v.visitor.username
        out.append({"source": Source.VISIT, "org": v.org, "source_ref": f"visit:{p.pk}", "rule_id": "",
                    "problem": f"{v.visited_on:%Y-%m-%d} {who}调研指导发现：{p.text}", "measure": "",
                    "owner_id": p.owner_id, "due_date": p.due_date, "level": "warning", "link": ""})
    return out


def appraisal_candidates(org: Org, year: int, today: datetime.date) -> list[dict]:
    """Branches with no 民主评议党员 for the year (once November has come, or the year has ended), and cycles
    of an ended year still not finished (LIFE-08). Two queries for any subtree."""
    from dangjian.appraisal.models import AppraisalCycle, Stage
    from dangjian.orgs.models import BRANCH_KINDS

    if year > today.year or (year == today.year and today.month < 11):
        return []
    branches = Org.objects.filter(id__in=subtree_ids(org), kind__in=BRANCH_KINDS, is_active=True)
    out = []
    for b in branches.exclude(appraisal_cycles__year=year).order_by("path")[:MAX_BRANCHES]:
        out.append({"source": Source.APPRAISAL, "org": b, "source_ref": f"appraisal:{year}:missing", "rule_id": "LIFE-08",
                    "problem": f"{b.name}{year}年度未开展民主评议党员（LIFE-08，一般每年1次）",
                    "measure": "按规定开展民主评议党员，经学习准备、个人自评、党员互评、民主测评、支部评定等环节，结果报上级党组织。",
                    "owner_id": None, "due_date": None, "level": "warning", "link": ""})
    if year < today.year:
        done = [Stage.NOTIFIED, Stage.FOLLOWUP, Stage.CLOSED]
        for c in (AppraisalCycle.objects.filter(org_id__in=branches.values("id"), year=year).exclude(stage__in=done)
                  .select_related("org").order_by("org__path")[:MAX_BRANCHES]):
            out.append({"source": Source.APPRAISAL, "org": c.org, "source_ref": f"appraisal:{year}:unfinished",
                        "rule_id": "LIFE-08",
                        "problem": f"{c.org.name}{year}年度民主评议党员停留在“{c.get_stage_display()}”环节，尚未完成（LIFE-08）",
                        "measure": "尽快完成评定、上级审核和结果告知，对基本合格、不合格党员做好后续处置。",
                        "owner_id": None, "due_date": None, "level": "warning", "link": ""})
    return out


def candidates(org: Org, year: int, today: datetime.date) -> dict:
    """{"sections": [(title, [candidate…])], "left_out": n branches not checked}."""
    from dangjian.reports.drafting import gather

    data = gather(org, year, today)
    findings, left_out = branch_findings(org, today)
    return {
        "sections": [
            ("支部建设检查发现", findings),
            (f"{year}年组织生活缺期", gap_candidates(data["gaps"], year)),
            (f"{year}年度民主评议党员", appraisal_candidates(org, year, today)),
            (f"{year}年度工作总结列出的问题", summary_candidates(org, year, data)),
            ("调研指导发现、尚未整改的问题", visit_candidates(org)),
        ],
        "left_out": left_out,
    }

"""/api/v1/rectification/: the 整改台账 — list (scoped, filters), detail, raise, report done, accept, return,
cancel. Same scoping as the pages (out of scope → 404); writes go through dangjian.rectification.services.
Evidence files are uploaded through the page (the report endpoint takes the text only)."""

import datetime
from typing import Literal

from ninja import Field, Router, Status

from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get
from dangjian.rectification import selectors, services

from .errors import register_labels
from .types import PositiveId, StrictIn, Year

router = Router(tags=["整改台账 rectification"])
register_labels(
    "rectification",
    models=["rectification.Rectification"],
    extra={"org": "组织代码", "owner": "责任人（人员编号）", "reason": "原因", "note": "验收意见"},
)

SourceName = Literal["finding", "meeting_gap", "assessment", "visit", "appraisal", "summary", "manual"]


class RaiseIn(StrictIn):
    org: str = Field(description="整改单位（组织代码）")
    source: SourceName = "manual"
    source_ref: str = Field("", max_length=200, description="来源标识；同一标识未销号时重复提交返回原事项")
    rule_id: str = Field("", max_length=20)
    problem: str = Field(min_length=1)
    measure: str = ""
    owner: PositiveId | None = Field(None, description="责任人的人员编号")
    due_date: datetime.date
    year: Year | None = None


class ReportIn(StrictIn):
    closure_note: str = Field(min_length=1, description="整改情况")
    reported_on: datetime.date | None = None


class AcceptIn(StrictIn):
    note: str = ""


class ReasonIn(StrictIn):
    reason: str = Field(min_length=1)


def _out(r, today, full=False, user=None) -> dict:
    out = {
        "id": r.pk,
        "org": r.org.code,
        "org_name": r.org.name,
        "year": r.year,
        "source": r.source,
        "source_zh": r.get_source_display(),
        "source_ref": r.source_ref,
        "rule_id": r.rule_id,
        "problem": r.problem,
        "measure": r.measure,
        "owner": r.owner_id,
        "owner_name": r.owner.name if r.owner_id else "",
        "due_date": r.due_date,
        "status": r.status,
        "status_zh": r.get_status_display(),
        "overdue": r.is_overdue(today),
        "raised_on": r.raised_on,
        "closure_note": r.closure_note,
        "reported_on": r.reported_on,
        "closed_on": r.closed_on,
        "cancel_reason": r.cancel_reason,
    }
    if full:
        # the steps this user may take now: the workflow's table, narrowed to who takes each step
        out["next"] = [{"value": s.value, "label": s.label} for s in selectors.next_statuses(user, r)]
        out["files"] = [{"id": f.pk, "name": f.name} for f in r.files.all()]
        out["log"] = [
            {
                "at": e.at,
                "on": e.on,
                "actor": e.actor.username if e.actor_id else "",
                "action": e.action_zh,
                "from": e.from_status,
                "to": e.to_status,
                "note": e.note,
            }
            for e in selectors.item_log(r)
        ]
    return out


@router.get(
    "/orgs/{code}",
    summary="整改台账（含下级组织；可按年度、状态（open/done/closed/cancelled，live=未销号）、来源、逾期筛选）",
)
def ledger(request, code: str, year: Year | None = None, status: str = "", source: str = "", overdue: bool = False):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    rows = selectors.ledger(request.user, org, year=year, status=status, source=source, overdue=overdue, today=today)[
        :2000
    ]
    return [_out(r, today) for r in rows]


@router.get("/orgs/{code}/counts", summary="各组织整改事项统计（整改中、逾期、已销号、按期销号、已到期）")
def counts(request, code: str, year: Year):
    from dangjian.orgs.selectors import subtree_ids

    org = org_get(request.user, code=code, manage=True)
    return {str(k): v for k, v in selectors.counts_by_org(subtree_ids(org), year, clock.today()).items()}


@router.get("/orgs/{code}/findings", summary="发现的问题（可列入整改的候选；已列入的带 item_id）")
def findings(request, code: str, year: Year):
    from dangjian.orgs.selectors import subtree_ids
    from dangjian.rectification import sources

    org = org_get(request.user, code=code, manage=True)
    found = sources.candidates(org, year, clock.today())
    raised = selectors.live_by_key(subtree_ids(org))
    out = []
    for title, rows in found["sections"]:
        for c in rows:
            item = raised.get((c["org"].id, c["source"], c["source_ref"]))
            out.append(
                {
                    "section": title,
                    "org": c["org"].code,
                    "source": c["source"],
                    "source_ref": c["source_ref"],
                    "rule_id": c["rule_id"],
                    "problem": c["problem"],
                    "measure": c["measure"],
                    "owner": c["owner_id"],
                    "due_date": c["due_date"],
                    "item_id": item.pk if item else None,
                    "item_status": item.status if item else None,
                }
            )
    return {"findings": out, "branches_not_checked": found["left_out"]}


@router.get("/items/{int:item_id}", summary="整改事项详情（含办理记录、佐证材料）")
def detail(request, item_id: PositiveId):
    return _out(selectors.item_get(request.user, item_id), clock.today(), full=True, user=request.user)


@router.post("/items", summary="列入整改（同一来源标识未销号时返回原事项）", response={201: dict, 200: dict})
def raise_item(request, payload: RaiseIn):
    org = org_get(request.user, code=payload.org, manage=True)
    owner = person_get(request.user, payload.owner, manage=True) if payload.owner else None
    before = selectors.live_by_key([org.id], payload.source).get((org.id, payload.source, payload.source_ref))
    item = services.rectification_raise(
        actor=request.user,
        org=org,
        source=payload.source,
        source_ref=payload.source_ref,
        rule_id=payload.rule_id,
        problem=payload.problem,
        measure=payload.measure,
        owner=owner,
        due_date=payload.due_date,
        year=payload.year,
    )
    item = selectors.item_get(request.user, item.pk)
    code = 200 if before is not None and before.pk == item.pk else 201
    return Status(code, _out(item, clock.today(), full=True, user=request.user))


def _then(request, item):
    return _out(selectors.item_get(request.user, item.pk), clock.today(), full=True, user=request.user)


@router.post("/items/{int:item_id}/report", summary="报告整改完成（待上级验收）")
def report(request, item_id: PositiveId, payload: ReportIn):
    item = selectors.item_get(request.user, item_id)
    return _then(
        request,
        services.rectification_report_done(
            actor=request.user, item=item, closure_note=payload.closure_note, reported_on=payload.reported_on
        ),
    )


@router.post("/items/{int:item_id}/accept", summary="上级验收销号")
def accept(request, item_id: PositiveId, payload: AcceptIn):
    item = selectors.item_get(request.user, item_id)
    return _then(request, services.rectification_accept(actor=request.user, item=item, note=payload.note))


@router.post("/items/{int:item_id}/return", summary="退回重新整改（须写明原因）")
def return_item(request, item_id: PositiveId, payload: ReasonIn):
    item = selectors.item_get(request.user, item_id)
    return _then(request, services.rectification_return(actor=request.user, item=item, reason=payload.reason))


@router.post("/items/{int:item_id}/cancel", summary="撤销误列入的事项（保留记录）")
def cancel(request, item_id: PositiveId, payload: ReasonIn):
    item = selectors.item_get(request.user, item_id)
    return _then(request, services.rectification_cancel(actor=request.user, item=item, reason=payload.reason))

"""Reports API: the summary draft as JSON, the dashboard, the year-end statistics."""

from ninja import Router

from dangjian.core.dbrouter import replica_reads
from dangjian.reports.dashboard import dashboard
from dangjian.reports.drafting import draft as make_draft
from dangjian.reports.models import DraftKind
from dangjian.reports.selectors import draft_for, report_org
from dangjian.reports.statistics import tables

from .types import Year


def report_org_year(request, code: str, year: int):
    """The org in scope (404 outside) and a year a document can be true for (else 422 naming 年度)."""
    from django.core.exceptions import ValidationError

    from dangjian.reports.years import YearRefused, check_year

    org = report_org(request.user, code)
    try:
        check_year(org, year)
    except YearRefused as exc:
        raise ValidationError({"year": str(exc)}) from None
    return org


router = Router(tags=["报表与总结"])


@router.get("/org/{code}/summary/{year}/", summary="年度工作总结/述职报告草稿（段落与数字来源）")
@replica_reads
def summary(request, code: str, year: Year, kind: str = "summary"):
    org = report_org_year(request, code, year)
    if kind not in DraftKind.values:
        kind = DraftKind.SUMMARY
    draft = draft_for(org, year, kind)
    fresh = make_draft(org, year, kind)  # the 检查提示 follow the records as they are now
    return {
        "org": org.code,
        "year": year,
        "kind": kind,
        "saved": draft is not None,
        "paragraphs": draft.paragraphs if draft else fresh.paragraphs,
        "hints": fresh.hints,
    }


@router.get("/org/{code}/dashboard/{year}/", summary="工作看板：支部 × 指标")
@replica_reads
def dashboard_json(request, code: str, year: Year, sort: str = "", desc: bool = False):
    org = report_org_year(request, code, year)
    d = dashboard(org, year, sort=sort, desc=desc)
    keys = [k for k, _ in d["columns"]]
    rows = [
        {
            "code": r["code"],
            **{k: (str(r[k]) if r[k] is not None and not isinstance(r[k], (int, str)) else r[k]) for k in keys},
            "links": r["links"],
        }
        for r in d["rows"]
    ]
    return {
        "org": org.code,
        "year": year,
        "columns": dict(d["columns"]),
        "available": d["available"],
        "rows": rows,
        "totals": {k: str(v) for k, v in d["totals"].items()},
    }


@router.get("/org/{code}/statistics/{year}/", summary="党内统计年报")
@replica_reads
def statistics(request, code: str, year: Year):
    org = report_org_year(request, code, year)
    t = tables(org, year)
    s = t["stats"]
    return {
        "org": org.code,
        "year": year,
        "snapshot": t["snapshot"].isoformat(),
        "structure": {
            k: s[k]
            for k in (
                "total",
                "full_member",
                "probationary_member",
                "employed",
                "by_gender",
                "by_age",
                "by_education",
                "by_title",
                "by_party_age",
                "by_category",
            )
        },
        "development": dict(t["development"]),
        "departures": dict(t["departures"]),
        "appraisal": dict(t["appraisal"]) if t["appraisal"] else None,
    }


@router.get("/org/{code}/ledger/{year}/", summary="台账：各章内容（与 Word/PDF 相同）")
@replica_reads
def ledger(request, code: str, year: Year):
    from dangjian.reports.ledger.chapters import book

    org = report_org_year(request, code, year)
    return {
        "org": org.code,
        "year": year,
        "chapters": [{"title": title, "blocks": blocks} for title, blocks in book(org, year)],
    }

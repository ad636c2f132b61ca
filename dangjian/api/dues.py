"""/api/v1/dues/: 党费 — bases, charges (generate), payments (idempotent POST), reversals, arrears, ledger, reports.

Orgs are addressed by code, people by id; out of scope is 404 exactly like the pages. Money is a string
with two decimals ("114.75"). POST /{code}/payments takes an `Idempotency-Key` header (or the
`idempotency_key` field), scoped per user and endpoint: repeating a key with the same body returns the
original payment with 200 instead of 201 (also under concurrent retries); the same key with another body is 422.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Status

from dangjian.dues import selectors, services
from dangjian.dues.models import DuesBase, DuesCategory, DuesPayment, Method, PayerKind, Reduction
from dangjian.dues.reports import build
from dangjian.dues.services.payments import payment_record_once
from dangjian.lib import clock
from dangjian.lib.isodate import parse_month
from dangjian.lib.office.names import download_response
from dangjian.members.selectors import person_get
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import org_get
from dangjian.rules.periods import month_start

from .types import PositiveId, StrictIn, Year, YearMonth

router = Router(tags=["党费 dues"])


def _m(v) -> str:
    return f"{Decimal(v):.2f}" if v is not None else None


def _in_org(user, org: Org, person_id: PositiveId):
    person = person_get(user, person_id, manage=True)
    if not person.org.path.startswith(org.path):
        raise Http404("人员不存在或无权查看")
    return person


class BaseIn(StrictIn):
    person_id: PositiveId
    effective_month: YearMonth
    category: Literal[tuple(DuesCategory.values)] = "employed"
    components: dict[str, Decimal] = Field(default_factory=dict, description="工资项目 {名称: 金额}")
    income_tax: Decimal = Decimal("0")
    social_insurance: Decimal = Decimal("0")
    base: Decimal | None = Field(None, description="不填工资项目时直接给出党费基数")
    reduction: Literal[tuple(Reduction.values)] = "none"
    reduced_amount: Decimal | None = None
    approved_by: str = ""
    approved_on: datetime.date | None = None
    approval_doc: str = ""
    note: str = ""


def base_row(b: DuesBase) -> dict:
    return {
        "id": b.pk,
        "person_id": b.person_id,
        "name": b.person.name,
        "effective_month": f"{b.effective_month:%Y-%m}",
        "category": b.category,
        "components": b.components,
        "income_tax": _m(b.income_tax),
        "base": _m(b.base),
        "amount": _m(b.amount),
        "standard_amount": _m(b.standard_amount),
        "reduction": b.reduction,
        "approval_doc": b.approval_doc,
    }


@router.get("/{code}/bases", summary="党费基数（每人当前生效的一条；history=true 列出全部历史）")
def bases_list(request, code: str, history: bool = False):
    org = org_get(request.user, code=code, manage=True)
    return [base_row(b) for b in selectors.base_rows(org, on=clock.today(), history=history)]


@router.post("/{code}/bases", response={201: dict}, summary="录入党费基数（新增一条历史，自起始月份起生效）")
def bases_add(request, code: str, payload: BaseIn):
    org = org_get(request.user, code=code, manage=True)
    data = payload.dict()
    person = _in_org(request.user, org, data.pop("person_id"))
    row = services.base_set(actor=request.user, person=person, **data)
    return Status(201, base_row(row))


@router.post("/{code}/charges", summary="生成某月应交记录（幂等：重复生成不改变已有记录）")
def charges_generate(request, code: str, month: YearMonth):
    org = org_get(request.user, code=code, manage=True)
    r = services.charges_generate(actor=request.user, org=org, month=month)
    return {**r, "month": f"{r['month']:%Y-%m}"}


@router.get("/{code}/charges", summary="某月党费收缴明细（每人：基数、应交、实交、日期、方式）")
def charges_list(request, code: str, month: YearMonth):
    org = org_get(request.user, code=code, manage=True)
    t = selectors.monthly_rows(org, parse_month(month))
    return {
        "month": month,
        "charged": _m(t["charged"]),
        "paid": _m(t["paid"]),
        "unpaid_count": t["unpaid_count"],
        "rows": [
            {
                "person_id": r.pk,
                "name": r.name,
                "org_code": r.org.code,
                "base": _m(r.base),
                "charged": _m(r.charged),
                "paid": _m(r.paid),
                "paid_on": r.paid_on,
                "method": r.method,
                "receipt_no": r.receipt_no,
                "payment_id": r.payment_id,
            }
            for r in t["rows"]
        ],
    }


class PaymentIn(StrictIn):
    person_id: PositiveId
    paid_on: datetime.date
    months: list[YearMonth] = Field(default_factory=list, description="所交月份 YYYY-MM 列表")
    amount: Decimal | None = Field(None, description="不填按所交月份应交合计；多出部分为自愿多交")
    method: Literal[tuple(Method.values)] = "cash"
    receipt_no: str = ""
    payer_kind: Literal[tuple(PayerKind.values)] = "self"
    payer_name: str = ""
    note: str = ""
    confirm_catch_up: bool = Field(False, description="补交超过六个月时须确认（FEE-11）")
    idempotency_key: str | None = None


def payment_row(p: DuesPayment) -> dict:
    return {
        "id": p.pk,
        "person_id": p.person_id,
        "paid_on": p.paid_on,
        "amount": _m(p.amount),
        "voluntary_amount": _m(p.voluntary_amount),
        "to_central": p.to_central,
        "method": p.method,
        "receipt_no": p.receipt_no,
        "payer_kind": p.payer_kind,
        "payer_name": p.payer_name,
        "months": [f"{ln.month:%Y-%m}" for ln in p.lines.order_by("month")],
        "reverses": p.reverses_id,
        "reason": p.reason,
        "idempotency_key": p.idempotency_key,
    }


@router.post(
    "/{code}/payments", response={200: dict, 201: dict}, summary="登记交费（可带 Idempotency-Key，重复提交返回原记录）"
)
def payments_add(request, code: str, payload: PaymentIn):
    org = org_get(request.user, code=code, manage=True)
    data = payload.dict()
    person = _in_org(request.user, org, data.pop("person_id"))
    key = request.headers.get("Idempotency-Key") or data.pop("idempotency_key")
    data.pop("idempotency_key", None)
    p, created = payment_record_once(actor=request.user, person=person, idempotency_key=key, **data)
    return Status(201 if created else 200, payment_row(p))


@router.get("/{code}/payments", summary="交费记录（含冲正），最近的在前")
def payments_list(request, code: str, limit: int = Query(200, ge=1, le=2000)):
    org = org_get(request.user, code=code, manage=True)
    return [payment_row(p) for p in selectors.payments_of(org)[:limit]]


class ReverseIn(StrictIn):
    reason: str = Field(..., min_length=1, max_length=200)


@router.post("/payments/{payment_id}/reverse", response={201: dict}, summary="冲正一笔交费（追加负数记录，原记录保留）")
def payment_reverse(request, payment_id: PositiveId, payload: ReverseIn):
    p = selectors.payment_get(request.user, payment_id)
    return Status(201, payment_row(services.payment_reverse(actor=request.user, payment=p, reason=payload.reason)))


@router.get("/{code}/arrears", summary="欠费：连续未交月份（5个月提醒，6个月 LAPSE_REVIEW，FEE-12）")
def arrears(request, code: str, on: datetime.date | None = None, min_months: int = Query(1, ge=1, le=1200)):
    org = org_get(request.user, code=code, manage=True)
    rows = selectors.arrears(org, on or clock.today(), min_run=min_months)
    return [
        {
            "person_id": r["person_id"],
            "name": r["name"],
            "org_code": r["org_code"],
            "count": r["count"],
            "months": [f"{m:%Y-%m}" for m in r["months"]],
            "owed": _m(r["owed"]),
            "level": r["level"],
            "code": r["code"],
            "message_zh": r["finding"].message_zh if r["finding"] else "",
        }
        for r in rows
    ]


@router.get("/{code}/ledger", summary="账目：期初、应交、实收、上缴、期末结存与对账记录")
def ledger(request, code: str, start: datetime.date, end: datetime.date):
    org = org_get(request.user, code=code, manage=True)
    d = selectors.ledger(org, start, end)
    out = {
        k: _m(d[k])
        for k in (
            "opening",
            "charged",
            "paid",
            "paid_for_period",
            "voluntary",
            "to_central",
            "reversed",
            "remitted",
            "closing",
        )
    }
    out["reconciliations"] = [
        {
            "period_end": r.period_end,
            "stated_balance": _m(r.stated_balance),
            "computed_balance": _m(r.computed_balance),
            "difference": _m(r.difference),
            "matches": r.matches,
        }
        for r in d["reconciliations"]
    ]
    return {"start": start, "end": end, **out}


@router.get("/{code}/annual", summary="年度汇总：本组织及下级的应交、实交、上缴；total 即年度工作总结中的党费总额")
def annual(request, code: str, year: Year):
    org = org_get(request.user, code=code, manage=True)
    rows = selectors.annual_summary(org, year)
    return {
        "year": year,
        "total": _m(selectors.annual_total(org, year)),
        "orgs": [
            {
                "code": r["code"],
                "name": r["name"],
                "level": r["level"],
                **{k: (_m(v) if isinstance(v, Decimal) else v) for k, v in r["total"].items()},
                "remitted": _m(r["own"]["remitted"]),
            }
            for r in rows
        ],
    }


@router.get(
    "/{code}/reports/{kind}.{fmt}", summary="报表下载：monthly（需 month）、annual、notice（需 year）；xlsx 或 pdf"
)
def report(
    request,
    code: str,
    kind: Literal["monthly", "annual", "notice"],
    fmt: Literal["xlsx", "pdf"],
    month: YearMonth | None = None,
    year: Year | None = None,
):
    org = org_get(request.user, code=code, manage=True)
    today = clock.today()
    m = parse_month(month) if month else month_start(today)
    content, filename = build.render(kind, fmt, org=org, month=m, year=year or today.year, today=today)
    ctype = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}[fmt]
    return download_response(content, filename, ctype)

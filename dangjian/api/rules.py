"""/api/v1/rules/: the rule catalogue, the two calculators, working days and per-bureau local settings.

Same selectors, services and calculators as the pages under /rules/; out of scope is 404.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router
from ninja.errors import HttpError

from dangjian.rulebook import calculators, holidays, local, selectors, services
from dangjian.rules import dues as fee
from dangjian.rules.workdays import nth_workday

from .types import StrictIn

router = Router(tags=["规则"])


class Component(StrictIn):
    name: str = ""
    amount: Decimal = Field(ge=0, le=100000000)


class DuesIn(StrictIn):
    components: list[Component] = Field(default_factory=list, max_length=30)
    income_tax: Decimal = Field(default=Decimal("0"), ge=0)
    social_insurance: Decimal = Field(default=Decimal("0"), ge=0)
    category: str = "employed"
    # FEE-03: members without fixed monthly pay — the previous quarter's monthly net incomes.
    quarter_incomes: list[Decimal] = Field(default_factory=list, max_length=3)
    bureau: str | None = None


class TimelineIn(StrictIn):
    dates: dict[str, date]
    bureau: str | None = None


class SettingsIn(StrictIn):
    values: dict[str, Any]


def _jsonable_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "name": r["name"],
            "label_zh": r["label_zh"],
            "rule_id": r["rule_id"],
            "value": local.jsonable(r["value"]),
            "default": local.jsonable(r["default"]),
            "value_zh": r["value_zh"],
            "changed": r["changed"],
            "choices": [local.jsonable(c) for c, _ in r["choices"]],
        }
        for r in rows
    ]


@router.get("/catalog")
def catalog(request, bureau: str | None = None):
    """Every rule: ID, title, text, source, confidence and the local settings that bend it."""
    _, settings = selectors.settings_for_request(request.user, bureau)
    rows = selectors.catalog_rows(settings)
    for r in rows:
        r["settings"] = [
            {
                "name": s["name"],
                "label_zh": s["label_zh"],
                "value": local.jsonable(s["value"]),
                "default": local.jsonable(s["default"]),
            }
            for s in r["settings"]
        ]
    return rows


@router.post("/dues")
def dues(request, payload: DuesIn):
    """Wage components → base (FEE-01) → rate (FEE-02/04/05) → monthly amount (FEE-13)."""
    if payload.category not in fee.CATEGORIES:
        raise HttpError(422, f"党员类别 {payload.category} 无效，可选：{'、'.join(fee.CATEGORIES)}")
    if payload.quarter_incomes and (
        len(payload.quarter_incomes) != 3 or payload.category != "employed" or min(payload.quarter_incomes) < 0
    ):
        raise HttpError(422, "quarter_incomes（FEE-03）须为在职党员上一季度三个月的纯收入")
    _, settings = selectors.settings_for_request(request.user, payload.bureau)
    result = calculators.dues_calc(
        [(c.name, c.amount) for c in payload.components],
        payload.income_tax,
        payload.category,
        settings,
        payload.social_insurance,
        payload.quarter_incomes,
    )
    return {
        "category": result["category"],
        "base": str(result["base"]),
        "rate": str(result["rate"]),
        "exact": str(result["exact"]),
        "amount": str(result["amount"]),
        "steps": [{k: s[k] for k in ("rule_id", "label", "value", "detail")} for s in result["steps"]],
    }


@router.post("/recruitment-timeline")
def recruitment_timeline(request, payload: TimelineIn):
    """Dates known so far → every later deadline and earliest date, each with its rule."""
    fields = {f for f, _, _ in calculators.TIMELINE_FIELDS}
    unknown = sorted(set(payload.dates) - fields)
    if unknown:
        raise HttpError(422, f"不认识的日期项：{'、'.join(unknown)}；可用：{'、'.join(sorted(fields))}")
    _, settings = selectors.settings_for_request(request.user, payload.bureau)
    result = calculators.timeline(payload.dates, settings)
    return {
        "lines": [
            {
                "code": x["code"],
                "label": x["label"],
                "date": x["date"].isoformat(),
                "kind": x["kind"],
                "rule_id": x["rule_id"],
                "version": x["version"],
                "provisional": x["provisional"],
                "unknown_years": x["unknown_years"],
                "status": x["status"],
            }
            for x in result["lines"]
        ],
        "unknown_years": result["unknown_years"],
        "provisional": result["provisional"],
        "notes": result["notes"],
    }


@router.get("/workdays/nth")
def workdays_nth(request, start: date, n: int = Query(..., ge=-3660, le=3660)):
    """The n-th working day counting ``start`` itself when it is one (GEN-03)."""
    if not 1 <= n <= 366:
        raise HttpError(422, "n 须在 1 至 366 之间")
    result = nth_workday(start, n, holidays.table())
    return {"date": result.date.isoformat(), "provisional": result.provisional}


def _settings_out(request, bureau) -> dict:
    return {
        "bureau": bureau.code,
        "name": bureau.name,
        "editable": selectors.can_edit_settings(request.user, bureau),
        "settings": _jsonable_rows(selectors.setting_rows(selectors.local_settings_for(bureau))),
    }


@router.get("/settings/{bureau_code}")
def settings_get(request, bureau_code: str):
    return _settings_out(request, selectors.bureau_get(request.user, bureau_code))


@router.put("/settings/{bureau_code}")
def settings_put(request, bureau_code: str, payload: SettingsIn):
    """Change some local settings of a bureau (bureau officers and admins; others get 404)."""
    bureau = selectors.bureau_get(request.user, bureau_code, manage=True)
    try:
        services.bureau_settings_update(actor=request.user, bureau=bureau, values=payload.values)
    except ValidationError as exc:
        raise HttpError(422, "；".join(exc.messages)) from None
    return _settings_out(request, bureau)

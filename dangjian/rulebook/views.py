"""The rule pages: 规则库, the two calculators, local settings, the holiday table. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.rules.catalog import CONFIDENCE_ZH
from dangjian.rules.workdays import UNKNOWN_YEAR_MESSAGE_ZH

from . import calculators, selectors, services
from .forms import DuesForm, HolidayEntryForm, TimelineForm, settings_form_class

PREFIX_ZH = {
    "GEN": "通用约定",
    "DEV": "发展党员",
    "BR": "支部建设",
    "LIFE": "组织生活",
    "FEE": "党费",
    "EDU": "教育培训",
    "MGMT": "党员管理",
    "EVAL": "民主评议",
    "STAT": "党内统计",
    "PUB": "党务公开",
    "CON": "党章",
}


def index(request):
    bureau, settings = selectors.settings_for_request(request.user, request.GET.get("bureau"))
    rows = selectors.catalog_rows(settings)
    prefixes = list(dict.fromkeys(r["prefix"] for r in rows))
    prefix = request.GET.get("prefix", "").upper()
    q = request.GET.get("q", "").strip()
    if prefix:
        rows = [r for r in rows if r["prefix"] == prefix]
    if q:
        ql = q.lower()
        rows = [
            r for r in rows if any(ql in (r[k] or "").lower() for k in ("id", "title_zh", "summary_zh", "source_zh"))
        ]
    return render(
        request,
        "rulebook/index.html",
        {
            "rows": rows,
            "prefixes": [(p, PREFIX_ZH.get(p, p)) for p in prefixes],
            "prefix": prefix,
            "q": q,
            "bureau": bureau,
            "confidence": CONFIDENCE_ZH,
            "bureaus": selectors.bureaus_visible(request.user),
        },
    )


def _default_rows(category: str) -> list[dict]:
    names = calculators.RETIRED_COMPONENTS if category == "retired" else calculators.DEFAULT_COMPONENTS
    return [{"name": n, "amount": ""} for n in names] + [{"name": "", "amount": ""} for _ in range(2)]


def dues_calculator(request):
    bureau, settings = selectors.settings_for_request(
        request.user, request.GET.get("bureau") or request.POST.get("bureau")
    )
    form = DuesForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = calculators.dues_calc(
            form.components,
            form.cleaned_data["income_tax"],
            form.cleaned_data["category"],
            settings,
            form.cleaned_data["social_insurance"],
            form.quarter_incomes,
        )
    rows = form.rows if request.method == "POST" else _default_rows("employed")
    ctx = {
        "form": form,
        "rows": rows,
        "result": result,
        "bureau": bureau,
        "settings": settings,
        "bureaus": selectors.bureaus_visible(request.user),
    }
    if request.htmx:
        return render(request, "rulebook/_dues_result.html", ctx)
    return render(request, "rulebook/dues.html", ctx)


def recruitment_calculator(request):
    bureau, settings = selectors.settings_for_request(
        request.user, request.GET.get("bureau") or request.POST.get("bureau")
    )
    data = request.POST if request.method == "POST" else (request.GET if "application" in request.GET else None)
    form = TimelineForm(data)
    result = None
    if data is not None and form.is_valid():
        result = calculators.timeline(form.dates(), settings)
    ctx = {
        "form": form,
        "result": result,
        "bureau": bureau,
        "unknown_msg": UNKNOWN_YEAR_MESSAGE_ZH,
        "bureaus": selectors.bureaus_visible(request.user),
    }
    if request.htmx:
        return render(request, "rulebook/_timeline_result.html", ctx)
    return render(request, "rulebook/timeline.html", ctx)


def local_settings(request, code=None):
    bureau = selectors.bureau_get(request.user, code)
    editable = selectors.can_edit_settings(request.user, bureau)
    rows = selectors.setting_rows(selectors.local_settings_for(bureau))
    form_class = settings_form_class(rows)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not editable:
            raise Http404("组织不存在或无权查看")
        if form.is_valid():
            try:
                services.bureau_settings_update(actor=request.user, bureau=bureau, values=form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "本地规则设置已保存")
                return redirect("rulebook:settings_bureau", bureau.code)
    return render(
        request,
        "rulebook/settings.html",
        {
            "bureau": bureau,
            "rows": rows,
            "form": form,
            "editable": editable,
            "bureaus": selectors.bureaus_visible(request.user),
            "history": selectors.settings_history(bureau),
        },
    )


def holidays_year(request, year: int):
    if not 1949 <= year <= 2200:
        raise Http404("年度超出范围")
    editable = selectors.can_edit_holidays(request.user)
    form = HolidayEntryForm(request.POST if request.method == "POST" else None, year=year)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(services.HOLIDAY_ADMIN_ONLY)
        if form.is_valid():
            entered = services.holiday_days_enter(actor=request.user, rows=form.cleaned_data["lines"])
            if request.POST.get("complete"):
                services.holiday_year_mark(actor=request.user, year=year, complete=True)
            messages.success(request, f"已录入{len(entered)}天")
            return redirect("rulebook:holidays", year)
    info = selectors.holiday_year(year)
    return render(
        request,
        "rulebook/holidays.html",
        {
            **info,
            "form": form,
            "editable": editable,
            "unknown_msg": UNKNOWN_YEAR_MESSAGE_ZH,
            "years": range(clock.today().year - 1, clock.today().year + 6),
        },
    )


@require_POST
def holidays_mark(request, year: int):
    if not selectors.can_edit_holidays(request.user):
        raise PermissionDenied(services.HOLIDAY_ADMIN_ONLY)
    complete = request.POST.get("complete") == "1"
    try:
        services.holiday_year_mark(actor=request.user, year=year, complete=complete)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"{year}年已标记为{'完整录入' if complete else '未完整录入'}")
    return redirect("rulebook:holidays", year)


@require_POST
def holidays_remove(request, year: int):
    if not selectors.can_edit_holidays(request.user):
        raise PermissionDenied(services.HOLIDAY_ADMIN_ONLY)
    try:
        day = parse_day(request.POST.get("date", ""))
        services.holiday_day_remove(actor=request.user, day=day)
    except ValidationError:
        messages.error(request, "没有找到要撤销的日期")
    else:
        messages.success(request, f"已撤销{day.isoformat()}的录入")
    return redirect("rulebook:holidays", year)

"""党费基数: current bases of an org, single entry, and the wage-sheet import (validate → preview → commit)."""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get
from dangjian.rules.periods import month_start

from .. import selectors, services, wage_sheet
from ..forms import BaseForm
from ._util import parse_month

UPLOADS = "dues_uploads"


def bases(request, code):
    org = org_get(request.user, code=code, manage=True)
    this_month = month_start(clock.today())
    people = selectors.members_with_current_base(org, this_month)
    form = BaseForm(request.POST or None, people=people, initial={"effective_month": f"{this_month:%Y-%m}"})
    if request.method == "POST" and form.is_valid():
        person = next(p for p in people if p.pk == form.cleaned_data["person"])
        try:
            row = services.base_set(actor=request.user, person=person, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"已记录{person.name}自{row.effective_month:%Y年%m月}起党费基数{row.base}元，每月应交{row.amount}元",
            )
            return redirect("dues:bases", org.code)
    page = page_of(request, people)  # 50 a page: a city's table was 8.6 MB
    by_id = selectors.bases_by_id([p.base_id for p in page])
    rows = [(p, by_id.get(p.base_id)) for p in page]
    return render(request, "dues/bases.html", {"org": org, "tab": "bases", "rows": rows, "page": page, "form": form})


def _upload_path(token: str):
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        return None
    return settings.DATA_DIR / UPLOADS / f"{token}.xlsx"


def bases_import(request, code):
    org = org_get(request.user, code=code, manage=True)
    month = parse_month(request.POST.get("month") or request.GET.get("month"))
    ctx = {"org": org, "tab": "bases", "month": month}
    if request.method == "POST":
        token = request.POST.get("token", "")
        if "file" in request.FILES:
            token = uuid.uuid4().hex
            path = _upload_path(token)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as out:
                for chunk in request.FILES["file"].chunks():
                    out.write(chunk)
        path = _upload_path(token)
        if path is None or not path.exists():
            messages.error(request, "请先选择工资表文件")
            return redirect("dues:bases_import", org.code)
        commit = request.POST.get("commit") == "1"
        try:
            result = wage_sheet.process(path, actor=request.user, org=org, default_month=month, commit=commit)
        except wage_sheet.SheetError as exc:
            ctx["file_error"] = str(exc)
            return render(request, "dues/bases_import.html", ctx)
        if commit and result.ok:
            path.unlink(missing_ok=True)
            messages.success(request, f"已导入{len(result.rows)}名党员的党费基数")
            return redirect("dues:bases", org.code)
        ctx.update(result=result, token=token)
    return render(request, "dues/bases_import.html", ctx)

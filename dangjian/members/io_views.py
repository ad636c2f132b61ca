"""Roster import (upload → check → preview → commit), export to Excel, print and PDF. Managers only."""

import io
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.lib.office.dates import zh_date
from dangjian.lib.office.names import download_name, download_response
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import org_get

from .roster_io import exporter, pdf, uploads
from .roster_io.columns import READING, SKIP, SKIP_LABEL, ColumnChoiceError
from .roster_io.importer import RosterFileError, import_roster, validate
from .roster_io.parse import ENUM_LABELS
from .roster_io.report import error_workbook
from .roster_io.template import build_template
from .selectors import group_names


class _StaleUpload(Exception):
    pass


def _upload(org, token, user):
    try:
        return uploads.load(token, user=user, org=org)
    except Http404:
        raise _StaleUpload from None


def _restart_when_stale(view):
    """Back after an import, or an old link: say so and offer the upload form, not a dead-end 404."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, code, token, *args, **kwargs):
        try:
            return view(request, code, token, *args, **kwargs)
        except _StaleUpload:
            messages.warning(request, "导入已完成或已过期，请重新上传。")
            return redirect("roster_io:import", code)

    return wrapped


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOW_PROBLEMS = 500
SHOW_ROWS = 50
PRINT_PAGE_LIMIT = 5000  # an HTML table is cheap; the PDF has its own, lower limit


def _download(data: bytes, content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    return download_response(data, filename, content_type, inline=inline)


def _branch(request, code) -> Org | None:
    org = org_get(request.user, code=code, manage=True)
    if not org.is_branch:
        messages.error(request, "花名册只能导入到党支部（或联合党支部），请先进入具体支部。")
        return None
    return org


def import_start(request, code):
    org = _branch(request, code)
    if org is None:
        return redirect("members:roster", code)
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if not uploaded:
            messages.error(request, "请选择要导入的 Excel 文件")
        else:
            try:
                token = uploads.save(uploaded, user=request.user, org=org)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                return redirect("roster_io:preview", org.code, token)
    return render(request, "members/import.html", {"org": org, "groups": group_names(org)})


def import_template(request, code):
    org = org_get(request.user, code=code, manage=True)
    return _download(
        build_template(org if org.is_branch else None),
        XLSX,
        download_name(org.name, None, "党员花名册导入模板", "xlsx"),
    )


def _preview_rows(result, show_id: bool) -> list[dict]:
    out = []
    for excel_row, values in result.rows[:SHOW_ROWS]:
        row = {"row": excel_row}
        for key, value in values.items():
            if key in ENUM_LABELS:
                value = dict(ENUM_LABELS[key].choices).get(value, value)
            row[key] = value
        number = values.get("id_number", "")
        if number and not show_id:
            row["id_number"] = f"{number[:6]}********{number[-4:]}"
        out.append(row)
    return out


def _choice_rows(result) -> list[dict]:
    """The ambiguous columns with their select options, for the preview page."""
    rows = []
    for c in result.choices:
        options = [(f, f"按 {READING[f]} 读取") for f in c.options] + [(SKIP, SKIP_LABEL)]
        rows.append(
            {
                "col": c.col,
                "header": c.header,
                "value": c.value,
                "summary": c.summary,
                "why": c.why,
                "chosen": c.chosen,
                "options": options,
            }
        )
    return rows


def _render_result(request, org, upload, result=None, file_error=""):
    ctx = {"org": org, "upload": upload, "result": result, "file_error": file_error}
    if result is not None:
        ctx.update(
            problems=result.problems[:SHOW_PROBLEMS],
            more_problems=max(0, len(result.problems) - SHOW_PROBLEMS),
            bad_rows=len({p.row for p in result.problems}),
            count=len(result.rows),
            preview=_preview_rows(result, can_see_id_numbers(request.user)) if result.ok else [],
            more_rows=max(0, len(result.rows) - SHOW_ROWS),
            choices=_choice_rows(result),
        )
    return render(request, "members/import_preview.html", ctx)


def _posted_columns(post, prefix: str) -> dict[int, str]:
    """{column index: field or "skip"} from the preview form's col_<n> (chosen) or seen_<n> (shown) fields."""
    out = {}
    for key, value in post.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            out[int(key[len(prefix) :])] = value
    return out


def _validate(request, org, upload):
    """Check the upload with the readings kept with it; readings that cannot be used are dropped, and said so."""
    try:
        return validate(upload.path, org=org, columns=upload.columns)
    except ColumnChoiceError as exc:
        uploads.save_columns(upload, None)
        messages.error(request, f"{exc}。已改回系统判断的读法，请重新选择。")
        return validate(upload.path, org=org)


@_restart_when_stale
def import_preview(request, code, token):
    org = org_get(request.user, code=code, manage=True)
    upload = _upload(org, token, request.user)
    if request.method == "POST":  # the secretary changed how ambiguous columns are read
        uploads.save_columns(upload, _posted_columns(request.POST, "col_"))
        messages.info(request, "已按所选读法重新检查。")
        return redirect("roster_io:preview", org.code, token)
    try:
        result = _validate(request, org, upload)
    except RosterFileError as exc:
        return _render_result(request, org, upload, file_error=str(exc))
    return _render_result(request, org, upload, result)


@require_POST
@_restart_when_stale
def import_commit(request, code, token):
    org = org_get(request.user, code=code, manage=True)
    upload = _upload(org, token, request.user)
    chosen = _posted_columns(request.POST, "col_")
    if chosen != _posted_columns(request.POST, "seen_"):  # a select was changed: check again before importing
        uploads.save_columns(upload, chosen)
        messages.warning(request, "列的读法已改变，已按新的读法重新检查，请核对后再确认导入。")
        return redirect("roster_io:preview", org.code, token)
    from django.conf import settings

    from .tasks import data_rows, start_import

    try:
        big = data_rows(upload.path) > settings.DANGJIAN_IMPORT_ASYNC_ROWS
    except RosterFileError as exc:
        return _render_result(request, org, upload, file_error=str(exc))
    if big:  # thousands of people: a worker imports them (still all or nothing); the page shows progress
        job = start_import(user=request.user, org=org, upload=upload)
        return redirect("jobs:job", job.pk)
    try:
        result = import_roster(upload.path, org=org, actor=request.user, source=upload.name, columns=upload.columns)
    except RosterFileError as exc:
        return _render_result(request, org, upload, file_error=str(exc))
    except ColumnChoiceError as exc:
        uploads.save_columns(upload, None)
        messages.error(request, f"{exc}。已改回系统判断的读法，请重新选择。")
        return redirect("roster_io:preview", org.code, token)
    if not result.ok:  # something changed since the preview (e.g. someone added one of these people)
        return _render_result(request, org, upload, result)
    uploads.discard(upload)
    messages.success(request, f"已导入 {result.created} 人（{upload.name}）")
    return redirect("members:roster", org.code)


@_restart_when_stale
def import_errors(request, code, token):
    org = org_get(request.user, code=code, manage=True)
    upload = _upload(org, token, request.user)
    try:
        result = _validate(request, org, upload)
    except RosterFileError as exc:
        messages.error(request, str(exc))
        return redirect("roster_io:preview", org.code, token)
    return _download(error_workbook(result), XLSX, f"{Path(upload.name).stem}（错误标注）.xlsx")


def _roster_day(request):
    """?on=YYYY-MM-DD: the 花名册 of that past day; a bad or future date falls back to today with a message."""
    raw = request.GET.get("on")
    if not raw:
        return None
    try:
        return parse_day(raw, allow_future=False)
    except ValidationError as exc:
        messages.warning(request, f"{exc.messages[0]}，已按今天的花名册导出")
        return None


def export_xlsx(request, code):
    org = org_get(request.user, code=code, manage=True)
    on = _roster_day(request)
    out = io.BytesIO()
    exporter.write_xlsx(
        out, org, exporter.people(org, request.user, on=on), show_id=can_see_id_numbers(request.user), on=on
    )
    return _download(out.getvalue(), XLSX, download_name(org.name, zh_date(on or clock.today()), "党员花名册", "xlsx"))


def print_view(request, code):
    org = org_get(request.user, code=code, manage=True)
    try:
        on = _roster_day(request)
        ctx = pdf.context(
            org,
            exporter.people(org, request.user, on=on),
            show_id=can_see_id_numbers(request.user),
            as_of=on,
            limit=PRINT_PAGE_LIMIT,
        )
    except pdf.TooManyRows as exc:
        messages.error(request, str(exc))
        return redirect("members:roster", org.code)
    return render(request, "members/print.html", ctx)


def roster_pdf(request, code):
    org = org_get(request.user, code=code, manage=True)
    try:
        data = pdf.render_pdf(
            org, exporter.people(org, request.user), show_id=can_see_id_numbers(request.user), limit=pdf.MAX_ROWS
        )
    except pdf.TooManyRows as exc:
        messages.error(request, str(exc))
        return redirect("members:roster", org.code)
    return _download(
        data, "application/pdf", download_name(org.name, zh_date(clock.today()), "党员花名册", "pdf"), inline=True
    )

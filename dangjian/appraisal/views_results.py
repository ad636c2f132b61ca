"""Appraisal results: counts by grade per org over a subtree (党内统计 shape) and the .xlsx export."""

import io

import xlsxwriter
from django.shortcuts import render

from dangjian.core.paging import page_of
from dangjian.lib.office import sheets
from dangjian.lib.office.names import XLSX, download_name, download_response
from dangjian.orgs.selectors import org_get

from .models import AppraisalGrade
from .selectors import grade_counts, grade_counts_by_org

COLUMNS = [("total", "参加评议党员数")] + [(g.value, g.label) for g in AppraisalGrade] + [("ungraded", "未评定")]


def results(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    page = page_of(request, grade_counts_by_org(org, year))
    rows = [{**r, "values": [r[k] for k, _ in COLUMNS]} for r in page]
    total = grade_counts(org, year)
    return render(
        request,
        "appraisal/results.html",
        {
            "org": org,
            "year": year,
            "columns": COLUMNS,
            "rows": rows,
            "page": page,
            "total": [total[k] for k, _ in COLUMNS],
        },
    )


def results_xlsx(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("民主评议结果")
    rows = [[row["org_name"], row["stage"]] + [row[k] for k, _ in COLUMNS] for row in grade_counts_by_org(org, year)]
    headers = ["党组织", "阶段"] + [label for _, label in COLUMNS]
    n = sheets.xw_table(
        book,
        sheet,
        f"{org.name}{year}年度民主评议党员结果统计",
        headers,
        rows,
        [28, 12] + [12] * len(COLUMNS),
        formats=["cell", "center"] + ["number"] * len(COLUMNS),
    )
    total = grade_counts(org, year)
    sheet.write_row(2 + n, 0, ["合计（已上报）", ""] + [total[k] for k, _ in COLUMNS], sheets.xw_formats(book)["bold"])
    book.close()
    return download_response(buf.getvalue(), download_name(org.name, year, "民主评议结果", "xlsx"), XLSX)

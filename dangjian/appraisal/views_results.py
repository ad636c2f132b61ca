"""Appraisal results: counts by grade per org over a subtree (党内统计 shape) and the .xlsx export."""
import io

import xlsxwriter
from django.http import HttpResponse
from django.shortcuts import render

from dangjian.orgs.selectors import org_get

from .models import Grade
from .selectors import grade_counts, grade_counts_by_org

COLUMNS = [("total", "参加评议党员数")] + [(g.value, g.label) for g in Grade] + [("ungraded", "未评定")]


def results(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    rows = [{**r, "values": [r[k] for k, _ in COLUMNS]} for r in grade_counts_by_org(org, year)]
    total = grade_counts(org, year)
    return render(request, "appraisal/results.html", {"org": org, "year": year, "columns": COLUMNS, "rows": rows,
                                                      "total": [total[k] for k, _ in COLUMNS]})


def results_xlsx(request, code, year):
    org = org_get(request.user, code=code, manage=True)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("民主评议结果")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, f"{org.name}{year}年度民主评议党员结果统计", bold)
    sheet.write_row(2, 0, ["党组织", "阶段"] + [label for _, label in COLUMNS], bold)
    r = 3
    for row in grade_counts_by_org(org, year):
        sheet.write_row(r, 0, [row["org_name"], row["stage"]] + [row[k] for k, _ in COLUMNS])
        r += 1
    total = grade_counts(org, year)
    sheet.write_row(r, 0, ["合计（已上报）", ""] + [total[k] for k, _ in COLUMNS], bold)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1 + len(COLUMNS), 12)
    book.close()
    resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename=appraisal-{org.code}-{year}.xlsx"
    return resp


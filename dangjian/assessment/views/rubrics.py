"""Pages of rubrics (考核细则): home, editor, publish / copy / open for all branches, results and .xlsx export."""

import io
from collections import Counter

import xlsxwriter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.lib.office import sheets
from dangjian.lib.office.names import XLSX, download_name, download_response

from .. import selectors, services
from ..forms import ItemFormSet, RubricForm, ThresholdFormSet
from ..indicators import REGISTRY
from ..models import AssessmentStage
from ..models.rubrics import DEFAULT_THRESHOLDS, RubricStatus


def home(request):
    user = request.user
    rubric_id = request.GET.get("rubric", "")
    waiting = selectors.waiting_in(user, int(rubric_id) if rubric_id.isdigit() else None)
    page = page_of(request, waiting)
    return render(
        request,
        "assessment/home.html",
        {
            "authored": list(selectors.rubrics_managed(user)[:50]),
            "waiting": list(page),
            "page": page,
            "mine": list(selectors.branch_assessments(user)[:100]),
            "can_author": selectors.author_orgs(user).exists(),
        },
    )


def _item_initial(rubric):
    return [
        {
            "category": it.category,
            "title": it.title,
            "standard": it.standard,
            "weight": it.weight,
            "mode": it.mode,
            "indicator": it.indicator,
            "evidence_required": it.evidence_required,
        }
        for it in rubric.items.all()
    ]


def _editor(request, rubric=None):
    orgs = selectors.author_orgs(request.user)
    if not orgs.exists():
        raise Http404
    if rubric is not None and rubric.status != RubricStatus.DRAFT:
        messages.error(request, "已发布的考核细则不能修改；如需调整，请复制为新的细则")
        return redirect("assessment:rubric", rubric.pk)
    data = request.POST if request.method == "POST" else None
    if rubric is None:
        year = clock.today().year
        initial = {"org": orgs.first(), "year": year, "title": f"{year}年度基层党组织党建工作考核细则", "total": 100}
        items, thresholds = [], DEFAULT_THRESHOLDS
    else:
        initial = {
            k: getattr(rubric, k)
            for k in ("org", "year", "title", "total", "self_due", "school_due", "bureau_due", "show_ranking")
        }
        items, thresholds = _item_initial(rubric), rubric.thresholds
    form = RubricForm(data, initial=initial, orgs=orgs)
    item_set = ItemFormSet(data, initial=items, prefix="items")
    th_set = ThresholdFormSet(data, initial=thresholds, prefix="stars")
    if data is not None and form.is_valid() and item_set.is_valid() and th_set.is_valid():
        d = form.cleaned_data
        rows = [
            f.cleaned_data
            for f in item_set.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.is_blank()
        ]
        stars = [f.cleaned_data for f in th_set.forms if f.cleaned_data]
        try:
            rubric = services.rubric_save(
                actor=request.user,
                rubric=rubric,
                org=d["org"],
                year=d["year"],
                title=d["title"],
                total=d["total"],
                thresholds=stars,
                show_ranking=d["show_ranking"],
                self_due=d["self_due"],
                school_due=d["school_due"],
                bureau_due=d["bureau_due"],
                items=rows,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        else:
            messages.success(request, "考核细则已保存（草稿）")
            return redirect("assessment:rubric", rubric.pk)
    else:
        errors = {}
    return render(
        request,
        "assessment/rubric_form.html",
        {
            "form": form,
            "items": item_set,
            "stars": th_set,
            "rubric": rubric,
            "errors": errors,
            "indicators": REGISTRY.values(),
        },
    )


def rubric_new(request):
    return _editor(request)


def rubric_edit(request, pk):
    return _editor(request, selectors.rubric_get(request.user, pk))


def rubric_detail(request, pk):
    rubric = selectors.rubric_get(request.user, pk)
    return render(
        request,
        "assessment/rubric_detail.html",
        {
            "rubric": rubric,
            "items": rubric.items.all(),
            "counts": selectors.stage_counts(rubric),
            "indicators": REGISTRY,
        },
    )


def _act(request, pk, fn, ok):
    rubric = selectors.rubric_get(request.user, pk)
    try:
        result = fn(rubric)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("assessment:rubric", rubric.pk)
    messages.success(request, ok(result))
    return result


@require_POST
def rubric_publish(request, pk):
    _act(
        request, pk, lambda r: services.rubric_publish(actor=request.user, rubric=r), lambda r: "已发布，考核项目已固定"
    )
    return redirect("assessment:rubric", pk)


@require_POST
def rubric_copy(request, pk):
    new = _act(
        request,
        pk,
        lambda r: services.rubric_copy(actor=request.user, rubric=r),
        lambda r: f"已复制为“{r.title}”（草稿），请修改后发布",
    )
    return redirect("assessment:rubric", getattr(new, "pk", pk))


@require_POST
def rubric_open(request, pk):
    _act(
        request,
        pk,
        lambda r: services.rubric_open(actor=request.user, rubric=r),
        lambda n: f"已下发到{n}个支部" if n else "各支部均已下发，无新增",
    )
    return redirect("assessment:rubric", pk)


def results(request, pk):
    rubric = selectors.rubric_get(request.user, pk)
    stage = request.GET.get("stage", "")
    rows = selectors.results(rubric, stage=stage)
    stars = Counter(r["star"] for r in rows if r["stage"] == AssessmentStage.DONE and r["star"])
    order = [t["name"] for t in rubric.thresholds]
    page = page_of(request, rows)  # the star counts above are of every row, the table shows one page
    return render(
        request,
        "assessment/results.html",
        {
            "rubric": rubric,
            "rows": list(page),
            "page": page,
            "stage": stage,
            "stars": [(n, stars[n]) for n in order if stars[n]],
            "counts": selectors.stage_counts(rubric),
            "stages": selectors.STAGE_FILTERS,
            "has_school": selectors.has_school_level(rubric),
        },
    )


def results_xlsx(request, pk):
    rubric = selectors.rubric_get(request.user, pk)
    stage = request.GET.get("stage", "")
    rows = selectors.results(rubric, stage=stage)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("考核结果")
    f = sheets.xw_formats(book)
    num = book.add_format({"num_format": "0.0", "border": 1, "font_name": "宋体", "valign": "vcenter"})
    head = ["支部", "学校党组织", "支部自评", "学校审核", "局党委考核", "星级", "环节"]
    if rubric.show_ranking:
        head.append("排名")
    last = len(head) - 1
    sheet.set_column(0, 1, 28)
    sheet.set_column(2, last, 12)
    sheets.xw_title(sheet, f"{rubric.org.name}{rubric.title}结果", last, fmt=f["title"])
    stage_zh = dict(selectors.STAGE_FILTERS).get(stage, "")
    sheet.merge_range(1, 0, 1, last, f"环节：{stage_zh}" if stage_zh else "环节：全部", f["subtitle"])
    sheet.write_row(2, 0, head, f["head"])
    for i, r in enumerate(rows, start=3):
        sheet.write(i, 0, r["org__name"], f["cell"])
        sheet.write(i, 1, r["school__name"] or "", f["cell"])
        for j, k in enumerate(("total_self", "total_school", "total_bureau"), start=2):
            if r[k] is not None:
                sheet.write_number(i, j, float(r[k]), num)
            else:
                sheet.write_blank(i, j, None, num)
        sheet.write(i, 5, r["star"] or "", f["center"])
        sheet.write(i, 6, r["stage_zh"], f["center"])
        if rubric.show_ranking:
            if r["rank"]:
                sheet.write_number(i, 7, r["rank"], f["center"])
            else:
                sheet.write_blank(i, 7, None, f["center"])
    sheets.xw_print_setup(sheet, header_row=2, last_col=last)
    book.close()
    title = rubric.title if str(rubric.year) in rubric.title else f"{rubric.year}年度{rubric.title}"
    return download_response(buf.getvalue(), download_name(rubric.org.name, None, f"{title}结果", "xlsx"), XLSX)

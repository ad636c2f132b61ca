"""Rubrics (考核细则): write a draft, publish it (items frozen), copy it for next year, open it for all branches."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.audit import record
from dangjian.lib import clock
from dangjian.orgs.models import BRANCH_KINDS, Org, OrgKind, subtree_q
from dangjian.rules.periods import add_years

from ..indicators import REGISTRY
from ..models import Assessment, AssessmentLog, AssessmentStage, Rubric, RubricItem, RubricMode, RubricStatus

SCHOOL_KINDS = (OrgKind.GENERAL_BRANCH, OrgKind.COMMITTEE)
ITEM_FIELDS = ("category", "title", "standard", "weight", "mode", "indicator", "evidence_required")


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _one_decimal(d: Decimal) -> bool:
    return d == d.quantize(Decimal("0.1"))


def _clean_items(items, errors: list) -> list[dict]:
    out = []
    for i, raw in enumerate(items, start=1):
        it = {k: raw.get(k) for k in ITEM_FIELDS}
        it["category"] = (it["category"] or "").strip()
        it["title"] = (it["title"] or "").strip()
        it["standard"] = (it["standard"] or "").strip()
        it["mode"] = it["mode"] or RubricMode.MANUAL
        it["indicator"] = (it["indicator"] or "").strip()
        it["evidence_required"] = bool(it["evidence_required"])
        name = f"第{i}项" + (f"“{it['title']}”" if it["title"] else "")
        if not it["category"]:
            errors.append(f"{name}：请填写“类别”")
        if not it["title"]:
            errors.append(f"{name}：请填写“考核项目”")
        weight = _decimal(it["weight"])
        if weight is None:
            errors.append(f"{name}：“分值”应为数字")
        elif weight <= 0:
            errors.append(f"{name}：“分值”必须大于0")
        elif not _one_decimal(weight):
            errors.append(f"{name}：“分值”最多保留一位小数")
        it["weight"] = weight
        if it["mode"] not in RubricMode.values:
            errors.append(f"{name}：“评分方式”不正确")
        elif it["mode"] == RubricMode.AUTO:
            if it["indicator"] not in REGISTRY:
                errors.append(f"{name}：自动指标项须选择“自动指标”")
            it["evidence_required"] = False
        else:
            it["indicator"] = ""
        out.append(it)
    return out


def _clean_thresholds(thresholds, total, errors: list) -> list[dict]:
    out, names = [], set()
    for i, t in enumerate(thresholds or [], start=1):
        name = (t.get("name") or "").strip()
        low = _decimal(t.get("min"))
        if not name and low is None:
            continue
        if not name:
            errors.append(f"星级标准第{i}行：请填写星级名称")
            continue
        if low is None or low < 0 or (total is not None and low > total):
            errors.append(f"星级“{name}”：最低分应为0至总分之间的数字")
            continue
        if name in names:
            errors.append(f"星级“{name}”重复")
        names.add(name)
        out.append({"name": name, "min": f"{low.normalize():f}"})
    mins = [t["min"] for t in out]
    if len(set(mins)) != len(mins):
        errors.append("星级标准的最低分不能相同")
    return sorted(out, key=lambda t: Decimal(t["min"]), reverse=True)


def rubric_validate(
    *, org, year, title, total, thresholds, items, self_due=None, school_due=None, bureau_due=None
) -> tuple[dict, list[dict]]:
    """Clean values or a ValidationError whose messages name the item (row) and field."""
    errors: dict[str, list[str]] = {}

    def err(field, msg):
        errors.setdefault(field, []).append(msg)

    if org.kind in BRANCH_KINDS or org.kind == OrgKind.GROUP:
        err("org", "考核细则由党委（党组）或党总支制定，党支部不能制定")
    if not (title or "").strip():
        err("title", "请填写“细则名称”")
    if not year or not 2000 <= int(year) <= 2100:
        err("year", "“考核年度”应为2000至2100之间的年份")
    total_d = _decimal(total)
    if total_d is None or total_d <= 0 or not _one_decimal(total_d):
        err("total", "“总分”应为大于0的数字（最多一位小数）")
        total_d = None
    item_errors: list[str] = []
    clean = _clean_items(items, item_errors)
    if not clean:
        item_errors.append("请至少填写一个考核项目")
    if item_errors:
        errors["items"] = item_errors
    elif total_d is not None:
        s = sum(it["weight"] for it in clean)
        if s != total_d:
            err("total", f"各项“分值”合计 {s.normalize():f} 分，与“总分” {total_d.normalize():f} 分不符，请调整分值")
    th_errors: list[str] = []
    clean_th = _clean_thresholds(thresholds, total_d, th_errors)
    if th_errors:
        errors["thresholds"] = th_errors
    dues = [(self_due, "支部自评截止日期"), (school_due, "学校审核截止日期"), (bureau_due, "局党委考核截止日期")]
    set_dues = [(d, label) for d, label in dues if d]
    for (a, la), (b, lb) in zip(set_dues, set_dues[1:]):
        if a > b:
            err("bureau_due" if lb.startswith("局") else "school_due", f"“{lb}”不能早于“{la}”")
    if errors:
        raise ValidationError(errors)
    header = {
        "org": org,
        "year": int(year),
        "title": title.strip(),
        "total": total_d,
        "thresholds": clean_th,
        "self_due": self_due,
        "school_due": school_due,
        "bureau_due": bureau_due,
    }
    return header, clean


def _require(actor, org):
    if actor is not None and not can_manage(actor, org):  # None: the system (demo data)
        raise Http404("不在管理范围内")


@transaction.atomic
def rubric_save(
    *,
    actor,
    rubric: Rubric | None = None,
    org: Org,
    year,
    title,
    total=Decimal("100"),
    thresholds=(),
    show_ranking=False,
    self_due=None,
    school_due=None,
    bureau_due=None,
    items=(),
) -> Rubric:
    """Create a draft rubric or replace a draft's header and items. Nothing is saved on any error."""
    _require(actor, org)
    if rubric is not None:
        _require(actor, rubric.org)
        rubric = Rubric.objects.select_for_update().get(pk=rubric.pk)
        if rubric.status != RubricStatus.DRAFT:
            raise ValidationError("已发布的考核细则不能修改；如需调整，请复制为新的细则")
    header, clean = rubric_validate(
        org=org,
        year=year,
        title=title,
        total=total,
        thresholds=thresholds,
        items=items,
        self_due=self_due,
        school_due=school_due,
        bureau_due=bureau_due,
    )
    created = rubric is None
    if created:
        rubric = Rubric(created_by=actor if getattr(actor, "pk", None) else None)
    for k, v in header.items():
        setattr(rubric, k, v)
    rubric.bureau = org.bureau or org
    rubric.show_ranking = bool(show_ranking)
    rubric.full_clean()
    rubric.save()
    rubric.items.all().delete()  # a draft's items are referenced by nothing yet
    rows = [RubricItem(rubric=rubric, order=i, **it) for i, it in enumerate(clean, start=1)]
    for row in rows:
        row.full_clean(exclude=["rubric"])
    RubricItem.objects.bulk_create(rows)
    record(
        actor=actor,
        org=org,
        kind="assessment.rubric_create" if created else "assessment.rubric_update",
        subject=rubric,
        data={"title": rubric.title, "year": rubric.year, "items": len(rows), "total": str(rubric.total)},
    )
    return rubric


def rubric_publish(*, actor, rubric: Rubric) -> Rubric:
    """草稿 → 已发布 through the rubric workflow (assessment/workflows.py), which validates the whole rubric."""
    _require(actor, rubric.org)
    rubric.refresh_from_db(fields=["status"])  # the stored status, not the caller's copy
    if rubric.status != RubricStatus.DRAFT:
        raise ValidationError("该考核细则已发布")
    return workflow.set_status(actor=actor, obj=rubric, to=RubricStatus.PUBLISHED)


def _shift(d: datetime.date | None, years: int):
    return add_years(d, years) if d else None


@transaction.atomic
def rubric_copy(*, actor, rubric: Rubric, year: int | None = None) -> Rubric:
    """A new draft from a rubric (usually next year's), items, thresholds and due dates carried over."""
    _require(actor, rubric.org)
    year = int(year or rubric.year + 1)
    shift = year - rubric.year
    title = (
        rubric.title.replace(str(rubric.year), str(year))
        if str(rubric.year) in rubric.title
        else f"{rubric.title}（{year}年）"
    )
    new = Rubric(
        bureau=rubric.bureau,
        org=rubric.org,
        year=year,
        title=title,
        total=rubric.total,
        thresholds=rubric.thresholds,
        show_ranking=rubric.show_ranking,
        self_due=_shift(rubric.self_due, shift),
        school_due=_shift(rubric.school_due, shift),
        bureau_due=_shift(rubric.bureau_due, shift),
        copied_from=rubric,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    new.full_clean()
    new.save()
    RubricItem.objects.bulk_create(
        [RubricItem(rubric=new, **{k: getattr(it, k) for k in ("order", *ITEM_FIELDS)}) for it in rubric.items.all()]
    )
    record(
        actor=actor, org=rubric.org, kind="assessment.rubric_copy", subject=new, data={"from": rubric.pk, "year": year}
    )
    return new


def school_of(branch_parent: Org | None, rubric_org: Org) -> Org | None:
    """The school level: the branch's parent when it is a 党总支/党委 strictly below the rubric org."""
    if branch_parent is None or branch_parent.id == rubric_org.id:
        return None
    if branch_parent.kind in SCHOOL_KINDS and branch_parent.path.startswith(rubric_org.path):
        return branch_parent
    return None


@transaction.atomic
def rubric_open(*, actor, rubric: Rubric) -> int:
    """One assessment per active branch of the rubric org's subtree, in one bulk insert (idempotent:
    branches that already have theirs are left alone). Returns how many were created."""
    _require(actor, rubric.org)
    rubric = Rubric.objects.select_for_update().select_related("org").get(pk=rubric.pk)
    if rubric.status != RubricStatus.PUBLISHED:
        raise ValidationError("请先发布考核细则，再下发到各支部")
    root = rubric.org
    orgs = {
        o.id: o
        for o in Org.objects.filter(subtree_q(root.path), is_active=True)
        .exclude(kind=OrgKind.GROUP)
        .only("id", "path", "kind", "parent_id", "is_active")
    }
    have = set(Assessment.objects.filter(rubric=rubric).values_list("org_id", flat=True))
    new = []
    for o in orgs.values():
        if o.kind in BRANCH_KINDS and o.id not in have:
            school = school_of(orgs.get(o.parent_id), root)
            new.append(
                Assessment(
                    rubric=rubric, org_id=o.id, school_id=school.id if school else None, stage=AssessmentStage.SELF
                )
            )
    Assessment.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    if new:
        created = Assessment.objects.filter(rubric=rubric, log__isnull=True).values_list("id", flat=True)
        actor_ = actor if getattr(actor, "pk", None) else None
        AssessmentLog.objects.bulk_create(
            [
                AssessmentLog(assessment_id=i, actor=actor_, action="open", to_stage=AssessmentStage.SELF)
                for i in created
            ],
            batch_size=1000,
        )
    if rubric.opened_at is None:
        rubric.opened_at = clock.now()
        rubric.save(update_fields=["opened_at"])
    record(actor=actor, org=root, kind="assessment.rubric_open", subject=rubric, data={"created": len(new)})
    return len(new)

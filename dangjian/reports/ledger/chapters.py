"""台账 chapters as plain data, so the .docx and the PDF say exactly the same thing.

A chapter is a list of blocks: {"p": text} or {"headers": [...], "rows": [...], "total": n}. Every table is
read from the module that owns the records; a module that is not installed or has no records for the year
says so in its chapter.
"""
from django.db.models import Q

from dangjian.lib import clock
from dangjian.orgs.models import CommitteeMember, CommitteeTerm, Org
from dangjian.orgs.selectors import current_committee, subtree_ids

from .. import asof
from ..asof import year_end
from ..records import DEV_STEPS, installed

MAX_ROWS = 500  # a branch has tens of rows a year; a whole bureau's book is capped (the note says so)


def _table(headers, rows) -> dict:
    rows = list(rows)
    return {"headers": headers, "rows": [["" if v is None else str(v) for v in r] for r in rows[:MAX_ROWS]],
            "total": len(rows)}


def _missing(what: str) -> list:
    return [{"p": f"{what}模块尚无数据。"}]


def _organization(org: Org, year: int) -> list:
    from dangjian.members.stats import composition, composition_sentence

    on = year_end(year)
    stats = composition(org, on=on)
    out = [{"p": f"组织名称：{org.name}；组织代码：{org.code}；所在单位：{org.unit or '未填写'}；"
                 f"成立日期：{org.established_on.isoformat() if org.established_on else '未填写'}。"},
           {"p": f"截至{on.year}年{on.month}月{on.day}日，党员{stats['total']}名（正式党员{stats['full_member']}名、"
                 f"预备党员{stats['probationary_member']}名），发展中人员{stats['in_development']}名。"
                 f"{composition_sentence(stats)}"}]
    term, posts = _committee_on(org, on)
    if not term:
        return out + [{"p": "系统中没有本组织当时的委员会记录。"}]
    ends = term.ends_on.isoformat() if term.ends_on else "未定"
    return out + [{"p": f"本届委员会：{term.started_on.isoformat()}至{ends}。"},
                  _table(["职务", "姓名"], [(m.get_role_display(), m.person.name) for m in posts])]


def _committee_on(org: Org, on):
    """The committee term that ran on day `on` (the current one for the running year) and its members."""
    if on >= clock.today():
        return current_committee(org)
    term = (CommitteeTerm.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), org=org, started_on__lte=on)
            .order_by("-started_on").first())
    posts = list(CommitteeMember.objects.filter(term=term).select_related("person")) if term else []
    return term, posts


def _meetings(org, year) -> list:
    if not installed("meetings"):
        return _missing("组织生活")
    from dangjian.meetings.selectors import meetings_counted_in

    qs = (meetings_counted_in(subtree_ids(org), year)  # by the year each meeting is held for
          .select_related("org", "lecturer").order_by("starts_at"))
    return [_table(["日期", "党组织", "类型", "主题", "授课人/主持人", "学时"],
           [(m.held_on.isoformat(), m.org.name, m.get_kind_display(), m.topic, m.lecturer_display, m.study_hours)
            for m in qs[:MAX_ROWS + 1]])]


def _development(org, year) -> list:
    if not installed("recruitment"):
        return _missing("发展党员")
    from dangjian.recruitment.selectors import live_steps

    codes = dict(DEV_STEPS) | {"application": "递交入党申请书", "branch_meeting": "支部大会讨论接收",
                               "conversion_meeting": "支部大会讨论转正"}
    sub = subtree_ids(org)
    qs = (live_steps().filter(case__org_id__in=sub, date__year=year, code__in=list(codes))
          .select_related("case__person", "case__org").order_by("date", "id"))
    rows = [(s.date, s.case.person.name, s.case.org.name, codes[s.code]) for s in qs[:MAX_ROWS + 1]]
    # admissions and confirmations recorded on the roster only (no case): the same people the summary counts
    rows += [(day, name, org_name, f"{codes[code]}（花名册记载）") for code in asof.ROSTER_DATE
             for day, name, org_name in asof.roster_only_people(sub, year, code)[:MAX_ROWS + 1]]
    rows.sort(key=lambda r: r[0])
    return [_table(["日期", "姓名", "党组织", "环节"], [(d.isoformat(), *rest) for d, *rest in rows])]


def _dues(org, year) -> list:
    if not installed("dues"):
        return _missing("党费")
    from dangjian.dues.selectors import annual_summary

    rows = [r for r in annual_summary(org, year) if any(r["own"].values())]
    return [_table(["党组织", "交费人数", "应交（元）", "实交（元）", "上缴（元）"],
           [(r["name"], r["own"]["members"], r["own"]["charged"], r["own"]["paid"], r["own"]["remitted"]) for r in rows])]


def _study(org, year) -> list:
    if not installed("learning"):
        return _missing("学习教育")
    from dangjian.learning.selectors import hours_table

    rows = hours_table(org, year)
    return [_table(["姓名", "党组织", "学时", "要求", "差额"],
           [(r["person"].name, r["person"].org.name, r["total"], r["required"], r["short"]) for r in rows])]


def _appraisal(org, year) -> list:
    if not installed("appraisal"):
        return _missing("民主评议")
    from dangjian.appraisal.selectors import grade_counts_by_org

    rows = grade_counts_by_org(org, year)
    return [_table(["党组织", "阶段", "参评人数", "优秀", "合格", "基本合格", "不合格", "未评定"],
           [(r["org_name"], r["stage"], r["total"], r["excellent"], r["qualified"], r["basically_qualified"],
             r["unqualified"], r["ungraded"]) for r in rows])]


def _disclosure(org, year) -> list:
    if not installed("disclosure"):
        return _missing("党务公开")
    from dangjian.disclosure.models import DisclosureStep, Status

    qs = (DisclosureStep.objects.filter(item__org_id__in=subtree_ids(org), status=Status.PUBLISHED, on__year=year)
          .select_related("item", "item__org").order_by("on", "id"))
    return [_table(["公开日期", "党组织", "事项", "标题", "范围"],
           [(s.on.isoformat(), s.item.org.name, s.item.get_topic_display(), s.item.title, s.item.get_scope_display())
            for s in qs[:MAX_ROWS + 1]])]


def _archive(org, year) -> list:
    if not installed("archive"):
        return _missing("档案")
    from dangjian.archive.catalog import HEADERS, catalog_rows

    return [_table(HEADERS, catalog_rows(org, year))]


def _assessment(org, year) -> list:
    if not installed("assessment"):
        return _missing("考核")
    from dangjian.assessment.models import Assessment, Stage

    labels = dict(Stage.choices)
    qs = (Assessment.objects.filter(org_id__in=subtree_ids(org), rubric__year=year)
          .select_related("org", "rubric").order_by("org__path", "rubric_id"))
    return [_table(["支部", "考核细则", "支部自评", "学校审核", "局党委考核", "星级", "环节"],
                   [(a.org.name, a.rubric.title, a.total_self, a.total_school, a.total_bureau, a.star,
                     labels[a.stage]) for a in qs[:MAX_ROWS + 1]])]


def _rectification(org, year) -> list:
    if not installed("rectification"):
        return _missing("整改")
    from dangjian.rectification.models import Rectification

    qs = (Rectification.objects.filter(org_id__in=subtree_ids(org), year=year)
          .select_related("org", "owner").order_by("org__path", "raised_on", "id"))
    return [_table(["序号", "党组织", "问题", "来源", "整改措施", "责任人", "整改时限", "状态", "销号日期"],
                   [(i, r.org.name, r.problem, r.get_source_display(), r.measure, r.owner.name if r.owner else "",
                     r.due_date, r.get_status_display(), r.closed_on)
                    for i, r in enumerate(qs[:MAX_ROWS + 1], start=1)])]


CHAPTERS = [("一、组织概况", _organization), ("二、组织生活", _meetings), ("三、发展党员", _development),
            ("四、党费收缴", _dues), ("五、学习教育", _study), ("六、民主评议", _appraisal), ("七、党务公开", _disclosure),
            ("八、档案目录", _archive), ("九、考核评星", _assessment), ("十、整改台账", _rectification)]


def book(org: Org, year: int) -> list[tuple[str, list]]:
    """(chapter title, blocks) in order."""
    return [(title, fill(org, year)) for title, fill in CHAPTERS]

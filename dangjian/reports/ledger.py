"""台账: the compiled ledger book of one org and year (.docx), one chapter per area of work.

Chapters: 一、组织概况 二、组织生活 三、发展党员 四、党费收缴 五、学习教育 六、民主评议 七、党务公开 八、档案目录.
Every table is read from the module that owns the records; a module that is not installed or has no
records for the year says so in its chapter.
"""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import current_committee, subtree_ids

from .docx_export import _font
from .records import DEV_STEPS, installed

CHAPTERS = ["一、组织概况", "二、组织生活", "三、发展党员", "四、党费收缴", "五、学习教育", "六、民主评议", "七、党务公开",
            "八、档案目录"]
MAX_ROWS = 500  # a branch has tens of rows a year; a whole bureau's book is capped (the note says so)


def _para(doc, text, name="仿宋_GB2312", size=14, center=False, bold=False):
    p = doc.add_paragraph()
    _font(p.add_run(text), name, size, bold)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _table(doc, headers, rows):
    rows = list(rows)
    if not rows:
        _para(doc, "本年度无记录。")
        return
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for cell, h in zip(t.rows[0].cells, headers):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(h), "黑体", 10)
    for row in rows[:MAX_ROWS]:
        cells = t.add_row().cells
        for cell, v in zip(cells, row):
            cell.text = ""
            _font(cell.paragraphs[0].add_run("" if v is None else str(v)), "仿宋_GB2312", 10)
    if len(rows) > MAX_ROWS:
        _para(doc, f"（共{len(rows)}条，此处列出前{MAX_ROWS}条，完整清单请在系统中导出。）", size=10)


def _organization(doc, org: Org, year: int):
    from dangjian.members.stats import composition, composition_sentence

    stats = composition(org)
    _para(doc, f"组织名称：{org.name}；组织代码：{org.code}；所在单位：{org.unit or '未填写'}；"
               f"成立日期：{org.established_on.isoformat() if org.established_on else '未填写'}。")
    _para(doc, f"党员{stats['total']}名（正式党员{stats['full_member']}名、预备党员{stats['probationary_member']}名），"
               f"发展中人员{stats['in_development']}名。{composition_sentence(stats)}")
    term, posts = current_committee(org)
    if term:
        _para(doc, f"本届委员会：{term.started_on.isoformat()}至{term.ends_on.isoformat() if term.ends_on else '未定'}。")
        _table(doc, ["职务", "姓名"], [(m.get_role_display(), m.person.name) for m in posts])
    else:
        _para(doc, "系统中没有本组织当前的委员会记录。")


def _meetings(doc, org, year):
    if not installed("meetings"):
        return _para(doc, "组织生活模块尚无数据。")
    from dangjian.meetings.models import Meeting

    qs = (Meeting.objects.filter(org_id__in=subtree_ids(org), year=year, voided=False)
          .select_related("org", "lecturer").order_by("starts_at"))
    _table(doc, ["日期", "党组织", "类型", "主题", "授课人/主持人", "学时"],
           [(m.held_on.isoformat(), m.org.name, m.get_kind_display(), m.topic, m.lecturer_display, m.study_hours)
            for m in qs[:MAX_ROWS + 1]])


def _development(doc, org, year):
    if not installed("recruitment"):
        return _para(doc, "发展党员模块尚无数据。")
    from dangjian.recruitment.selectors import live_steps

    codes = dict(DEV_STEPS) | {"application": "递交入党申请书", "branch_meeting": "支部大会讨论接收",
                               "conversion_meeting": "支部大会讨论转正"}
    qs = (live_steps().filter(case__org_id__in=subtree_ids(org), date__year=year, code__in=list(codes))
          .select_related("case__person", "case__org").order_by("date", "id"))
    _table(doc, ["日期", "姓名", "党组织", "环节"],
           [(s.date.isoformat(), s.case.person.name, s.case.org.name, codes[s.code]) for s in qs[:MAX_ROWS + 1]])


def _dues(doc, org, year):
    if not installed("dues"):
        return _para(doc, "党费模块尚无数据。")
    from dangjian.dues.selectors import annual_summary

    rows = [r for r in annual_summary(org, year) if any(r["own"].values())]
    _table(doc, ["党组织", "交费人数", "应交（元）", "实交（元）", "上缴（元）"],
           [(r["name"], r["own"]["members"], r["own"]["charged"], r["own"]["paid"], r["own"]["remitted"]) for r in rows])


def _study(doc, org, year):
    if not installed("learning"):
        return _para(doc, "学习教育模块尚无数据。")
    from dangjian.learning.selectors import hours_table

    rows = hours_table(org, year)
    _table(doc, ["姓名", "党组织", "学时", "要求", "差额"],
           [(r["person"].name, r["person"].org.name, r["total"], r["required"], r["short"]) for r in rows])


def _appraisal(doc, org, year):
    if not installed("appraisal"):
        return _para(doc, "民主评议模块尚无数据。")
    from dangjian.appraisal.selectors import grade_counts_by_org

    rows = grade_counts_by_org(org, year)
    _table(doc, ["党组织", "阶段", "参评人数", "优秀", "合格", "基本合格", "不合格", "未评定"],
           [(r["org_name"], r["stage"], r["total"], r["excellent"], r["qualified"], r["basically_qualified"],
             r["unqualified"], r["ungraded"]) for r in rows])


def _disclosure(doc, org, year):
    if not installed("disclosure"):
        return _para(doc, "党务公开模块尚无数据。")
    from dangjian.disclosure.models import DisclosureStep, Status

    qs = (DisclosureStep.objects.filter(item__org_id__in=subtree_ids(org), status=Status.PUBLISHED, on__year=year)
          .select_related("item", "item__org").order_by("on", "id"))
    _table(doc, ["公开日期", "党组织", "事项", "标题", "范围"],
           [(s.on.isoformat(), s.item.org.name, s.item.get_topic_display(), s.item.title, s.item.get_scope_display())
            for s in qs[:MAX_ROWS + 1]])


def _archive(doc, org, year):
    if not installed("archive"):
        return _para(doc, "档案模块尚无数据。")
    from dangjian.archive.catalog import HEADERS, catalog_rows

    _table(doc, HEADERS, catalog_rows(org, year))


def ledger_docx(org: Org, year: int) -> bytes:
    doc = Document()
    _para(doc, f"{org.name}", "方正小标宋简体", 22, center=True)
    _para(doc, f"{year}年度党建工作台账", "方正小标宋简体", 22, center=True)
    _para(doc, "本台账由党建系统根据日常记录自动汇编。", "楷体_GB2312", 14, center=True)
    for head, fill in zip(CHAPTERS, [_organization, _meetings, _development, _dues, _study, _appraisal, _disclosure,
                                     _archive]):
        doc.add_page_break()
        _para(doc, head, "黑体", 16)
        fill(doc, org, year)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

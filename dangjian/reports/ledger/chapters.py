"""台账 chapters as plain data, so the .docx and the PDF say exactly the same thing.

A chapter is a list of blocks: {"p": text} or {"headers": [...], "rows": [...], "total": n}. Every table is
read from the module that owns the records; a module that is not installed or has no records for the year
says so in its chapter.
"""

import re

from dangjian.lib import clock
from dangjian.lib.office.dates import zh_date
from dangjian.members.facts import year_end
from dangjian.orgs.facts import committee_on
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids
from dangjian.recruitment.facts import ROSTER_DATE, roster_only_people

from ..records import DEV_STEPS, installed

MAX_ROWS = 500  # a branch has tens of rows a year; a whole bureau's book is capped (the note says so)

# Rule codes (LIFE-01, BR-03 …) belong to the secretary's 检查提示, never to a document; some records carry them
# in their text (a rectification raised from a finding), so they are taken out where the book prints them.
_CODE = re.compile(r"[（(]\s*[A-Z]{2,}-\d{2}\s*[）)]|[A-Z]{2,}-\d{2}\s*[，、,；;]?\s*")


def plain(value) -> str:
    return "" if value is None else _CODE.sub("", str(value)).replace("（）", "")


def _table(headers, rows, empty: str) -> dict:
    """A table block; `empty` is the sentence printed instead when the year has no rows (one per chapter, so
    the book never repeats itself)."""
    rows = list(rows)
    return {
        "headers": headers,
        "rows": [[plain(v) for v in r] for r in rows[:MAX_ROWS]],
        "total": len(rows),
        "empty": empty,
    }


def _missing(what: str) -> list:
    return [{"p": f"本年度无{what}记录。"}]


def _structure(stats: dict) -> str:
    """The roll's make-up in one sentence; parts with nobody are left out."""
    parts = []
    for n, what in (
        (stats["by_gender"].get("female", 0), "女党员"),
        (stats["by_ethnicity"].get("minority", 0), "少数民族党员"),
        (stats["by_age"].get("le35", 0), "35岁及以下党员"),
        (stats["by_education"].get("postgraduate", 0), "研究生学历党员"),
        (stats["by_education"].get("bachelor", 0), "大学本科学历党员"),
        (stats["by_category"].get("retired", 0), "离退休党员"),
    ):
        if n:
            parts.append(f"{what}{n}名")
    return f"其中{'，'.join(parts)}。" if parts else ""


def _organization(org: Org, year: int) -> list:
    from dangjian.members.facts import composition

    on = year_end(year)
    stats = composition(org, year)["stats"]
    about = [f"组织名称：{org.name}"]
    if org.unit:
        about.append(f"所在单位：{org.unit}")
    if org.established_on:
        about.append(f"成立时间：{zh_date(org.established_on)}")
    members = (
        f"截至{on.year}年{on.month}月{on.day}日，党员{stats['total']}名（正式党员{stats['full_member']}名、"
        f"预备党员{stats['probationary_member']}名）"
    )
    if stats["in_development"]:
        members += f"，入党申请人、入党积极分子和发展对象{stats['in_development']}名"
    out = [{"p": "；".join(about) + "。"}, {"p": members + "。" + (_structure(stats) if stats["total"] else "")}]
    term, posts = _committee_on(org, on)
    if not term:
        return out
    ends = f"至{zh_date(term.ends_on)}" if term.ends_on else ""
    return out + [
        {"p": f"本届委员会任期：{zh_date(term.started_on)}{ends}。"},
        _table(["职务", "姓名"], posts, "本届委员会无委员记录。"),
    ]


def _committee_on(org: Org, on):
    """The committee term that ran on day `on` (the current one for the running year) and its members."""
    return committee_on(org, on, clock.today())


def _meetings(org, year) -> list:
    if not installed("meetings"):
        return _missing("组织生活")
    from dangjian.meetings.facts import meeting_rows

    return [
        _table(
            ["日期", "党组织", "类型", "主题", "授课人/主持人", "学时"],
            meeting_rows(org, year, MAX_ROWS + 1),
            "本年度无组织生活记录。",
        )
    ]


def _development(org, year) -> list:
    if not installed("recruitment"):
        return _missing("发展党员")
    from dangjian.recruitment.facts import step_rows

    codes = dict(DEV_STEPS) | {
        "application": "递交入党申请书",
        "branch_meeting": "支部大会讨论接收",
        "conversion_meeting": "支部大会讨论转正",
    }
    sub = subtree_ids(org)
    rows = [
        (day, name, org_name, codes[code]) for day, name, org_name, code in step_rows(sub, year, codes, MAX_ROWS + 1)
    ]
    # admissions and confirmations recorded on the roster only (no case): the same people the summary counts
    rows += [
        (day, name, org_name, f"{codes[code]}（花名册记载）")
        for code in ROSTER_DATE
        for day, name, org_name in roster_only_people(sub, year, code)[: MAX_ROWS + 1]
    ]
    rows.sort(key=lambda r: r[0])
    return [
        _table(
            ["日期", "姓名", "党组织", "环节"], [(d.isoformat(), *rest) for d, *rest in rows], "本年度无发展党员记录。"
        )
    ]


def _dues(org, year) -> list:
    if not installed("dues"):
        return _missing("党费")
    from dangjian.dues.facts import org_rows

    return [
        _table(
            ["党组织", "交费人数", "应交（元）", "实交（元）", "上缴（元）"],
            org_rows(org, year),
            "本年度无党费收缴记录。",
        )
    ]


def _study(org, year) -> list:
    if not installed("learning"):
        return _missing("学习教育")
    from dangjian.learning.facts import hours_rows

    return [_table(["姓名", "党组织", "学时", "要求", "差额"], hours_rows(org, year), "本年度无学习教育学时记录。")]


def _appraisal(org, year) -> list:
    if not installed("appraisal"):
        return _missing("民主评议")
    from dangjian.appraisal.facts import org_grade_rows

    return [
        _table(
            ["党组织", "阶段", "参评人数", "优秀", "合格", "基本合格", "不合格", "未评定"],
            org_grade_rows(org, year),
            "本年度无民主评议记录。",
        )
    ]


# 公开范围 as a school's ledger says it ("全校（本系统）" would read as the software's word in print).
SCOPES = {"branch": "本组织党员", "school": "全校", "public": "向社会公开"}


def _disclosure(org, year) -> list:
    if not installed("disclosure"):
        return _missing("党务公开")
    from dangjian.disclosure.facts import published_rows

    return [
        _table(
            ["公开日期", "党组织", "事项", "标题", "范围"],
            [
                (day, org_name, topic, title, SCOPES.get(scope, scope_label))
                for day, org_name, topic, title, scope, scope_label in published_rows(org, year, MAX_ROWS + 1)
            ],
            "本年度无党务公开记录。",
        )
    ]


def _archive(org, year) -> list:
    if not installed("archive"):
        return _missing("归档文书")
    from dangjian.archive.catalog import HEADERS, catalog_rows

    return [_table(HEADERS, catalog_rows(org, year), "本年度无归档文书。")]


def _assessment(org, year) -> list:
    if not installed("assessment"):
        return _missing("考核")
    from dangjian.assessment.facts import ledger_rows

    return [
        _table(
            ["支部", "考核细则", "支部自评", "学校审核", "局党委考核", "星级", "环节"],
            ledger_rows(org, year, MAX_ROWS + 1),
            "本年度无考核记录。",
        )
    ]


def _rectification(org, year) -> list:
    if not installed("rectification"):
        return _missing("整改事项")
    from dangjian.rectification.facts import ledger_rows

    return [
        _table(
            ["序号", "党组织", "问题", "来源", "整改措施", "责任人", "整改时限", "状态", "销号日期"],
            ledger_rows(org, year, MAX_ROWS + 1),
            "本年度无整改事项。",
        )
    ]


CHAPTERS = [
    ("一、组织概况", _organization),
    ("二、组织生活", _meetings),
    ("三、发展党员", _development),
    ("四、党费收缴", _dues),
    ("五、学习教育", _study),
    ("六、民主评议", _appraisal),
    ("七、党务公开", _disclosure),
    ("八、档案目录", _archive),
    ("九、考核评星", _assessment),
    ("十、整改台账", _rectification),
]


def book(org: Org, year: int) -> list[tuple[str, list]]:
    """(chapter title, blocks) in order."""
    return [(title, fill(org, year)) for title, fill in CHAPTERS]

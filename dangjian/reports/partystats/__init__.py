"""党内统计 year-end return (年报) of a school Party organization, as the official tables.

One sheet per table in the forms' bands and layout, each followed by its 需要说明的问题/名单 sheet:
两年党员数综合比较 (the check: 上年数 + 增加 − 减少 = 本年数), 党员基本情况, 入党时间, 学历, 民主评议, 培训,
出党, 党内表彰, 预备党员转正, 发展党员（一）（二）, 党组织情况. Counting rules (../shared/party-statistics.md):
members by the org holding the 组织关系 on 12-31 (members/roll.py), 发展/转正 by the approving org and the
approval date, 民主评议 by the org that ran it, 出党 by the org whose roll the person left.
"""

from dangjian.lib import clock
from dangjian.lib.office.dates import zh_date
from dangjian.orgs.models import Org

from .facts import DECREASE, INCREASE, History, admissions, conversions, year_end
from .render import workbook
from .roll_tables import basic, comparison, education, exits, joined
from .sheet import Table, context
from .work_tables import appraisal, development, honours, organizations, training
from .work_tables import conversion as conversion_table

API_LEAVE = {"死亡": "去世", "其他减少": "其他"}


def check_year(org: Org, year: int) -> None:
    """Refuse a year after the current one, or before the org existed (reports.years.YearRefused, whose text
    is the Chinese reason: views answer 400, the CLI exits non-zero)."""
    from ..years import check_year as check

    check(org, year)


def year_tables(org: Org, year: int) -> list[Table]:
    check_year(org, year)
    ctx = context(org, year)
    history = History(org)
    adm = admissions(org, year)
    dev = development(ctx, adm)
    return [
        comparison(ctx, history, adm),
        basic(ctx),
        joined(ctx),
        education(ctx),
        appraisal(ctx),
        training(ctx),
        exits(ctx, history),
        honours(ctx),
        conversion_table(ctx),
        *dev,
        organizations(ctx),
    ]


def year_check(org: Org, year: int) -> list[dict]:
    """The 第一表 rows (合计 first, then each branch) as dicts, for the CLI and other plain readers."""
    check_year(org, year)
    t = comparison(context(org, year), History(org), admissions(org, year))
    out = []
    for row in t.rows:
        r = dict(zip(["单位", "上年数", "增加", *INCREASE, "减少", *DECREASE, "本年数", "核对"], row))
        out.append(
            {
                "单位": r["单位"],
                "上年数": r["上年数"],
                "增加": r["增加"],
                "增加明细": {k: r[k] for k in INCREASE},
                "减少": r["减少"],
                "减少明细": {k: r[k] for k in DECREASE},
                "本年数": r["本年数"],
                "核对": r["核对"],
            }
        )
    return out


def filename(org: Org, year: int) -> str:
    """The download's Chinese name: "飞龙中学党支部2026年度党内统计年报.xlsx"."""
    from dangjian.lib.office.names import download_name

    return download_name(org.name, year, "党内统计年报", "xlsx")


def statistics_xlsx(org: Org, year: int) -> bytes:
    """The year-end return of `org` (its whole subtree) for `year`, as .xlsx bytes."""
    ts = year_tables(org, year)
    today = clock.today()
    extra = []
    if today < year_end(year):
        extra = [f"{year}年尚未结束，表中数字为截至{zh_date(today)}的记录，年末请重新生成。"]
    return workbook(
        ts, unit=org.name, snapshot=year_end(year), title=f"{org.name}{year}年度党内统计", extra_remarks=extra
    )


def tables(org: Org, year: int) -> dict:
    """The few figures the reports API returns (kept for its clients): composition on 12-31, 发展/转正,
    党员减少 and 民主评议 — from the same facts as the workbook."""
    from dangjian.members.facts import composition

    check_year(org, year)
    snap = year_end(year)
    on = min(snap, clock.today())
    ctx = context(org, year)
    history = History(org)
    moves = history.moves({o.id for o in ctx.everything}, year)
    dep = {}
    for m in moves:
        if m.kind in DECREASE:
            dep[m.kind] = dep.get(m.kind, 0) + 1
    adm = admissions(org, year)
    conv = [c for c in conversions(org, year) if c.outcome == "convert"]
    ap = appraisal(ctx).rows[0]
    dev = _steps_count(org, year)
    return {
        "snapshot": snap,
        "on": on,
        "stats": composition(org, year)["stats"],
        "development": [
            ("发展预备党员", len(adm)),
            ("转正预备党员", len(conv)),
            ("确定入党积极分子", dev.get("activist_selected", 0)),
            ("确定发展对象", dev.get("candidate_selected", 0)),
        ],
        # the API's keys stay the roster's leaving reasons (转出, 去世, 出党, 停止党籍, 其他)
        "departures": [(API_LEAVE.get(k, k), dep.get(k, 0)) for k in DECREASE],
        "appraisal": [
            ("参加评议人数", ap[2]),
            ("优秀", ap[3]),
            ("合格", ap[4]),
            ("基本合格", ap[5]),
            ("不合格", ap[6]),
        ],
    }


def _steps_count(org: Org, year: int) -> dict:
    from dangjian.orgs.selectors import subtree_ids

    from .facts import installed

    if not installed("recruitment"):
        return {}
    from dangjian.recruitment.facts import step_counts

    return step_counts(subtree_ids(org), year)

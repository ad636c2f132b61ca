"""党内统计 year-end tables (a first set) as .xlsx, counted per STAT-01.

- Snapshot date 12-31 of the year (``rules.party_statistics.snapshot_date``); the structure table counts the
  people on the roll that day (today for the current year), read from the roll's history, with ages and 党龄
  computed at that day.
- 发展党员 / 转正 count in the year of the upper-level approval (``approval`` / ``conversion_approval``
  steps; people recorded on the roster only, by their 入党/转正 date — see asof.py), 积极分子 / 发展对象 by
  the date they were confirmed.
- 党员减少: 党员 whose stretch on the roll ended in the year (asof.departures), by reason.
- 民主评议: grades of cycles whose grades were submitted (appraisal.selectors.grade_counts).
"""
import io

import xlsxwriter

from dangjian.members.models import LeaveReason
from dangjian.members.stats import DIMENSIONS, LABELS, composition, rows
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.party_statistics import snapshot_date

from . import asof
from .records import DEV_STEPS, appraisal_part, development_part
from dangjian.lib import clock


def departures(org: Org, year: int) -> dict[str, int]:
    got = asof.departures(subtree_ids(org), year)
    return {r.value: got.get(r.value, 0) for r in LeaveReason} | ({"": got[""]} if got.get("") else {})


def tables(org: Org, year: int) -> dict:
    snap = snapshot_date(year)
    on = min(snap, clock.today())
    stats = composition(org, on=on)
    dev = development_part(org, year)
    ap = appraisal_part(org, year)
    return {
        "snapshot": snap, "on": on, "stats": stats,
        "development": [(label, dev[code].value if dev else None) for code, label in DEV_STEPS],
        "departures": [(LeaveReason(k).label if k else "未填写", n) for k, n in departures(org, year).items()],
        "appraisal": ([("参加评议人数", ap["total"].value)] + [(label, f.value) for label, f in ap["grades"]]) if ap else None,
    }


def statistics_xlsx(org: Org, year: int) -> bytes:
    t = tables(org, year)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = wb.add_format({"bold": True, "font_name": "黑体", "font_size": 14})
    th = wb.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    td = wb.add_format({"border": 1})
    note = wb.add_format({"italic": True, "font_color": "#666666"})

    def sheet(name, title, lines, rows_):
        ws = wb.add_worksheet(name)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 2, 14)
        ws.write(0, 0, title, head)
        r = 1
        for line in lines:
            ws.write(r, 0, line, note)
            r += 1
        r += 1
        for row in rows_:
            fmt = th if row and row[0] is None else td
            cells = row[1:] if row and row[0] is None else row
            for c, v in enumerate(cells):
                ws.write(r, c, "本模块尚无数据" if v is None else v, fmt)
            r += 1

    s = t["stats"]
    snap = f"截至{year}年12月31日（STAT-01）"
    struct = [(None, "项目", "分类", "人数"), ("党员总数", "", s["total"]), ("正式党员", "", s["full_member"]),
              ("预备党员", "", s["probationary_member"])]
    for dim in DIMENSIONS:
        if dim == "by_status":
            continue
        for _key, label, n in rows(s, dim):
            struct.append((LABELS["dimensions"][dim], label, n))
    sheet("党员结构", f"{org.name}党员队伍结构统计表", [snap, f"按{t['on'].isoformat()}在册人员统计，年龄和党龄按同日计算"], struct)
    sheet("发展与转正", f"{org.name}{year}年发展党员和转正情况",
          ["发展党员、转正按上级党委审批日期计入年度（STAT-01）；没有发展档案的，按花名册记载的入党、转正时间计入"],
          [(None, "项目", "人数")] + [(label, n) for label, n in t["development"]])
    sheet("党员减少", f"{org.name}{year}年党员减少情况", [f"按离开日期在{year}年内统计"],
          [(None, "减少原因", "人数")] + t["departures"] + [("合计", sum(n for _, n in t["departures"]))])
    sheet("民主评议", f"{org.name}{year}年度民主评议党员结果", ["只统计已提交评议等次的支部"],
          [(None, "项目", "人数")] + (t["appraisal"] or [("民主评议", None)]))
    wb.close()
    return buf.getvalue()

"""bench/results.json (machine-readable, one entry per database) and the table in bench/README.md."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
README = HERE / "README.md"
TARGETS = {"roster": 100, "stats": 500, "import_s": 60, "import_mb": 1024}


def load() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}


def save(db: str, entry: dict) -> dict:
    data = load()
    data[db] = entry
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_readme(data)
    return data


def _mark(value, target) -> str:
    if value is None:
        return "—"
    return f"{value} {'✅' if value <= target else '❌'}"


def _row(db: str, e: dict) -> str:
    r, s, i, b = e.get("roster") or {}, e.get("stats") or {}, e.get("import") or {}, e.get("build") or {}
    stats = _mark(s.get("median_ms"), TARGETS["stats"]) if "median_ms" in s else s.get("status", "—")
    imp = i.get("wall_s") if i.get("exit_code") == 0 else (f"失败 (exit {i['exit_code']})" if i else None)
    return (
        f"| {e.get('database', db)} | {_mark(r.get('median_ms'), TARGETS['roster'])} (p90 {r.get('p90_ms', '—')}, "
        f"{r.get('queries', '—')} 条 SQL) | {stats} | "
        f"{_mark(imp, TARGETS['import_s']) if isinstance(imp, float) else (imp or '—')} | "
        f"{_mark(i.get('peak_rss_mb'), TARGETS['import_mb'])} | {i.get('calamine_parse_s', '—')} | "
        f"{i.get('ratio_to_calamine', '—')} | {b.get('wall_s', '复用')} | {e.get('date', '')} |"
    )


MODULES = ("meetings", "dues", "reports", "assessment", "asof", "batch")
LABELS = {
    "grid_year_ms": "组织生活下级统计一年（函数）ms",
    "grid_page_ms": "组织生活下级统计整页 ms",
    "grid_quarter_ms": "组织生活下级统计按季度 ms",
    "grid_last_year_ms": "组织生活下级统计上一年 ms",
    "calendar_ms": "一个支部的组织生活日历 ms",
    "todos_ms": "根组织工作人员待办 ms",
    "generate_month_s": "生成一个月应交党费 s",
    "regenerate_month_s": "重复生成（幂等）s",
    "annual_report_ms": "根组织党费年度报表 ms",
    "annual_xlsx_ms": "党费年度报表 .xlsx ms",
    "monthly_rows_branch_ms": "一个支部的月度党费表 ms",
    "arrears_root_ms": "根组织欠交名单 ms",
    "dashboard_ms": "工作看板（函数）ms",
    "dashboard_page_ms": "工作看板整页 ms",
    "summary_ms": "单个支部工作总结 ms",
    "root_summary_ms": "全市工作总结 ms",
    "statistics_ms": "党内统计 .xlsx ms",
    "open_ms": "考核细则下发到全部支部 ms",
    "compute_ms": "全部支部的自动指标 ms",
    "results_page_ms": "考核结果页 ms",
    "xlsx_ms": "考核结果 .xlsx ms",
    "assessment_page_ms": "一个支部的考核页 ms",
    "batch_s": "全部支部工作总结一次生成（.docx，带进度条）s",
    "per_branch_ms": "其中每个支部 ms",
    "composition_past_ms": "根组织结构统计（上年12月31日）ms",
    "composition_today_ms": "根组织结构统计（今天）ms",
    "arrears_past_ms": "根组织欠交名单（上上月末）ms",
    "arrears_today_ms": "根组织欠交名单（今天）ms",
    "dashboard_past_ms": "工作看板上一年（函数）ms",
    "dashboard_today_ms": "工作看板今年（函数）ms",
}
# Targets the module scripts store under another name (meetings: one target for the grid function and page).
TARGET_OF = {
    "grid_year_ms": "target_grid_ms",
    "grid_page_ms": "target_grid_ms",
    "generate_month_s": "target_generate_s",
    "annual_report_ms": "target_annual_ms",
    "composition_today_ms": "target_composition_past_ms",
}


def _number_keys(entries: list[dict]) -> list[str]:
    keys = []
    for e in entries:
        for k, v in e.items():
            if (
                (k.endswith("_ms") or k.endswith("_s"))
                and not k.startswith("target_")
                and isinstance(v, (int, float))
                and k not in keys
            ):
                keys.append(k)
    return keys


def modules_table(data: dict) -> str:
    """One row per figure of the module scripts, SQLite and PostgreSQL side by side, with its target."""
    lines = ["| 模块 | 测量 | SQLite | PostgreSQL | 目标 |", "|---|---|---|---|---|"]
    for module in MODULES:
        entries = {db: (data.get(db) or {}).get(module) or {} for db in ("sqlite", "postgres")}
        for key in _number_keys(list(entries.values())):
            name = TARGET_OF.get(key, f"target_{key}")
            target = next((e.get(name) for e in entries.values() if e.get(name)), None)
            cells = [_mark(e.get(key), target) if target else str(e.get(key, "—")) for e in entries.values()]
            lines.append(
                f"| {module} | {LABELS.get(key, key)} | {cells[0]} | {cells[1]} | {'≤ ' + str(target) if target else '—'} |"
            )
    return "\n".join(lines) if len(lines) > 2 else "（尚未测量）"


def write_readme(data: dict) -> None:
    rows = "\n".join(_row(db, data[db]) for db in ("sqlite", "postgres") if db in data)
    notes = "\n".join(
        f"- **{db}**: {data[db].get('notes', '')}"
        for db in ("sqlite", "postgres")
        if db in data and data[db].get("notes")
    )
    machine = next((data[db].get("machine") for db in ("sqlite", "postgres") if db in data), "")
    README.write_text(
        TEMPLATE.format(rows=rows, machine=machine, notes=notes or "-", modules=modules_table(data)), encoding="utf-8"
    )


TEMPLATE = """# 性能基准 / Benchmarks

城市规模（2,500 个党支部、60,000 人，`dangjian scale-data --branches 2500 --members 60000`）下的实测数据。
由 `bench/run.py` 生成，本表与 `bench/results.json` 每次运行后自动更新。

| 数据库 | 花名册首页（根组织）中位数 ms，目标 ≤ 100 | 结构统计（根组织）ms，目标 ≤ 500 | 导入 6 万行 .xlsx 用时 s，目标 ≤ 60 | 导入峰值内存 MB，目标 ≤ 1024 | calamine 纯解析 s | 导入/解析 倍数 | 生成数据用时 s | 日期 |
|---|---|---|---|---|---|---|---|---|
{rows}

机器 / machine: {machine}

说明 / notes:
{notes}

## 怎么测 / What is measured
- **花名册首页**：市教育工委工作人员（`sc-city`，根组织上的 bureau_officer）打开 `/orgs/SC/roster/`，
  即第一页（50 人）加总人数。用 Django 测试客户端在进程内请求，计时的是 `client.get` 前后（路由、中间件、
  会话、查询、模板渲染），不含网络。预热 3 次后测 N 次（默认 20）取中位数，另记 p90 和 SQL 条数。
- **结构统计**：直接调用 `dangjian.members.stats.composition(根组织)`，预热后取中位数。
- **导入**：用 xlsxwriter 生成 6 万行花名册（标题行 + 中文表头，日期为 Excel 日期，身份证号为文本），
  在子进程中运行 `dangjian import-roster 文件 --org BENCH-IMPORT`，用 GNU `time -v` 记录墙钟时间和峰值 RSS；
  同一文件用 python-calamine 纯解析（`to_python()`，三次取最快）作对照，给出倍数。
- 数据库是专用的：SQLite 为 `bench/out/bench.sqlite3`，PostgreSQL 为库 `dangjian_bench`（每次运行重建）。
  顺序为：花名册、统计、组织生活（首次运行时生成三年会议）、党费（首次运行时生成十个月的应交与实交）、报表、考核，
  最后导入（导入会再加 6 万人）。`--only batch` 在这之后测，所以多一个 6 万人的“压测导入党支部”（共 2,501 个支部）。
- **模块数字**：函数级的数字直接调用函数；“整页”用测试客户端以根组织工作人员身份请求页面。均为预热后的中位数。

## 花名册页的优化 / Roster page fix (dangjian/members/selectors.py)
第一次测量（SQLite，6 万人，机器高负载）根组织花名册页中位数 370 ms：列表查询 219–309 ms，计数 54–64 ms。
原因与修改：
1. 列表查询带 `select_related("org", "group")`，SQLite 先把 6 万行连表后的宽行全部排序再取 50 行。
   `roster()` 现在返回 `RosterQuerySet`：分页切片时先按 (org, on_roll, stroke_key) 索引只取这一页的 id
   （`ORDER BY stroke_key, id LIMIT 50`），再只取这 50 行并连表（deferred join）。同负载下 24 ms。
2. 计数查询里 `people_visible()` 的 `org_id IN (…) OR user_id = …` 使 SQLite 不能只用索引计数。
   用户能管理该组织时（可管理范围总是整棵子树），直接按子树过滤，不再带 OR；否则仍走 `people_visible`。
   同负载下 33 ms。未新增索引或迁移。
后来（第二轮）：SQLite 的 `LIKE` 不区分大小写，`path__startswith` 用不上 path 索引，每次扫描整个索引；
`dangjian.orgs.models.subtree_q` 在 SQLite 上改写为 `path >= p AND path < p的后继` 的范围条件（按子树计数 1.4 → 0.5 ms），
PostgreSQL 仍用 LIKE（走 Django 建的 pattern_ops 索引）。

## 其他模块 / Other modules
`bench/meetings.py`、`dues.py`、`reports.py`、`assessment.py`、`batch.py` 各有 `run(root)`，由 `run.py` 依次调用
（`batch.py` 为全部支部逐一生成工作总结，需数分钟，只在 `--only batch` 时运行）（也可单独运行：
`DANGJIAN_DATA_DIR=… .venv/bin/python bench/<模块>.py SC`）。组织生活的数据由 `meetings.py` 首次运行时生成
（全部支部三年的会议，约 8% 随机缺开），党费由 `dues.py` 生成（十个月的应交与实交）。
`asof.py` 测“截至某日”的数字：根组织结构统计（上年 12 月 31 日与今天）、欠交名单（上上月末与今天，按交纳日期和
当日花名册计算；`dues.py` 的交费多在年末一次交清，所以上上月末几乎人人欠交，这一项主要反映名单长度）、工作看板（上一年与今年）。

{modules}

## 台账 / Ledger book (bench/ledger.py, issue 16)
演示规模（`dangjian demo`），本年度台账通过网址下载（Django 测试客户端，分别以支部书记、党总支书记、局党委工作人员登录），
每次在临时目录新建 SQLite 数据库载入演示数据：`.venv/bin/python bench/ledger.py [--runs 5] [--profile JBJYJ]`。
目标：PDF 支部 ≤ 2 s、局党委 ≤ 5 s。机器 2 核，8 个进程共用，负载约 5–9，墙钟时间随负载浮动，故另记本进程 CPU 时间。

| 组织 | 格式 | 首次 s | 中位数 s | p90 s | CPU 中位数 s | SQL | 页数 | 目标 |
|---|---|---|---|---|---|---|---|---|
| 党支部 FLZX | pdf | 1.81 | 0.83 | 1.09 | 0.57 | 24 | 13 | ≤ 2 s ✅ |
| 党支部 FLZX | docx | 0.22 | 0.21 | 0.23 | 0.21 | 24 | — | — |
| 党总支 KSEZ | pdf | 1.03 | 1.00 | 1.08 | 1.00 | 24 | 18 | ≤ 5 s ✅ |
| 党总支 KSEZ | docx | 0.32 | 0.31 | 0.33 | 0.31 | 24 | — | — |
| 局党委 JBJYJ | pdf | 2.40 | 2.34 | 2.61 | 1.67 | 23 | 24 | ≤ 5 s ✅ |
| 局党委 JBJYJ | docx | 0.52 | 0.51 | 0.53 | 0.50 | 23 | — | — |

2026-12-07 测得（负载 4.8）；负载 1.2 时单次测得 PDF 支部 0.71 s、党总支 0.79 s、局党委 1.60 s。修改前（同一脚本、同一台机器，负载 8.8）PDF 的 CPU 中位数为支部 0.74 s、党总支 1.51 s、
局党委 2.53 s，墙钟中位数 2.6 s、5.4 s、16.9 s（问题单中的 3.5 s、9.8 s 即是高负载下的墙钟时间）。
原因与修改（cProfile，`--profile JBJYJ`）：
1. 查询不是瓶颈：整本台账 23–24 条 SQL、约 50 ms（各章已 select_related）。时间都在 WeasyPrint 排版。
2. 表格自动列宽（`table_and_columns_preferred_widths`）占局党委台账约三分之一：每个单元格要先量两遍最小、最大宽度。
   现在由 Python 按各列内容算好列宽（毫米，日期、金额等不可断开的串不折行，长的主题分得多），表格用
   `table-layout: fixed`，WeasyPrint 不再逐格量宽。
3. 字体：每份 PDF 新建一次 FontConfiguration（读系统字体表），改为每个进程一个（台账没有 @font-face）；
   字体按 `dangjian.lib.office.docx_fonts.CSS_FAMILIES` 先写中文字体名，实际嵌入 Noto CJK 子集。
4. 模板去掉多余的页眉和 `{{% spaceless %}}`（整页一行会让 HTML 解析变慢），样式只保留用到的几条。
5. Word 版：`word.add_table` 逐格设置段落样式时，python-docx 每次都遍历全部样式找默认样式，占局党委台账 Word 版七成时间；
   改为直接写样式编号，局党委 1.85 s → 0.5 s（CPU）。
页面上“台账（Word）”“台账（PDF）”链接点击后显示“正在生成台账，请稍候…”和转圈，生成后按中文文件名保存
（`dangjian/static/js/download_progress.js`；无 JavaScript 时仍是普通下载链接）。

## 复现 / Reproduce
```
.venv/bin/python bench/run.py --db sqlite
# PostgreSQL：需要一个可连接的服务器，连接参数取 PGHOST/PGPORT/PGUSER/PGPASSWORD（需有建库权限）
PGHOST=127.0.0.1 PGPORT=5432 PGUSER=dangjian PGPASSWORD=dangjian .venv/bin/python bench/run.py --db postgres
```
选项：`--reuse`（不重建，复用已有数据库）、`--only roster,stats,import`、`--runs 20`、`--rows 60000`、
`--explain`（打印花名册请求的每条 SQL 及耗时）。默认测全部：`--only roster,stats,meetings,dues,reports,assessment,asof,import`。

## 代码结构 / Layout
`run.py`（入口）· `db.py`（专用数据库）· `scale.py`（生成数据）· `roster.py` · `stats.py` · `importing.py`
· `timing.py` · `results.py`。新增测量项：写一个模块，返回一个 dict，在 `run.py` 的 `measurements` 中登记，`results.py` 的表格加一列。
"""

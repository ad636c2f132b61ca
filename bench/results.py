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
    return (f"| {e.get('database', db)} | {_mark(r.get('median_ms'), TARGETS['roster'])} (p90 {r.get('p90_ms', '—')}, "
            f"{r.get('queries', '—')} 条 SQL) | {stats} | "
            f"{_mark(imp, TARGETS['import_s']) if isinstance(imp, float) else (imp or '—')} | "
            f"{_mark(i.get('peak_rss_mb'), TARGETS['import_mb'])} | {i.get('calamine_parse_s', '—')} | "
            f"{i.get('ratio_to_calamine', '—')} | {b.get('wall_s', '复用')} | {e.get('date', '')} |")


def write_readme(data: dict) -> None:
    rows = "\n".join(_row(db, data[db]) for db in ("sqlite", "postgres") if db in data)
    notes = "\n".join(f"- **{db}**: {data[db].get('notes', '')}" for db in ("sqlite", "postgres")
                      if db in data and data[db].get("notes"))
    machine = next((data[db].get("machine") for db in ("sqlite", "postgres") if db in data), "")
    README.write_text(TEMPLATE.format(rows=rows, machine=machine, notes=notes or "-"), encoding="utf-8")


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
  顺序为先测花名册和统计，再测导入（导入会再加 6 万人）。

## 花名册页的优化 / Roster page fix (dangjian/members/selectors.py)
第一次测量（SQLite，6 万人，机器高负载）根组织花名册页中位数 370 ms：列表查询 219–309 ms，计数 54–64 ms。
原因与修改：
1. 列表查询带 `select_related("org", "group")`，SQLite 先把 6 万行连表后的宽行全部排序再取 50 行。
   `roster()` 现在返回 `RosterQuerySet`：分页切片时先按 (org, on_roll, stroke_key) 索引只取这一页的 id
   （`ORDER BY stroke_key, id LIMIT 50`），再只取这 50 行并连表（deferred join）。同负载下 24 ms。
2. 计数查询里 `people_visible()` 的 `org_id IN (…) OR user_id = …` 使 SQLite 不能只用索引计数。
   用户能管理该组织时（可管理范围总是整棵子树），直接按子树过滤，不再带 OR；否则仍走 `people_visible`。
   同负载下 33 ms。未新增索引或迁移。
仍可改进（不在本次范围）：SQLite 的 `LIKE` 不区分大小写，`path__startswith` 用不上 path 索引的范围查找，
每次都扫描整个 path 索引（4,400 个组织约 1–2 ms）；改为 `path >= p AND path < p 的后继` 的范围条件即可。

## 复现 / Reproduce
```
.venv/bin/python bench/run.py --db sqlite
# PostgreSQL：需要一个可连接的服务器，连接参数取 PGHOST/PGPORT/PGUSER/PGPASSWORD（需有建库权限）
PGHOST=127.0.0.1 PGPORT=5432 PGUSER=dangjian PGPASSWORD=dangjian .venv/bin/python bench/run.py --db postgres
```
选项：`--reuse`（不重建，复用已有数据库）、`--only roster,stats,import`、`--runs 20`、`--rows 60000`、
`--explain`（打印花名册请求的每条 SQL 及耗时）。

## 代码结构 / Layout
`run.py`（入口）· `db.py`（专用数据库）· `scale.py`（生成数据）· `roster.py` · `stats.py` · `importing.py`
· `timing.py` · `results.py`。新增测量项：写一个模块，返回一个 dict，在 `run.py` 的 `measurements` 中登记，`results.py` 的表格加一列。
"""

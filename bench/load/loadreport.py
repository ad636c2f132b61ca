"""The load test's figures written into bench/README.md (section 负载测试) between its two markers."""

import os
import re

from shell import REPO

README = REPO / "bench" / "README.md"
BEGIN, END = "<!-- load-test:begin -->", "<!-- load-test:end -->"


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
    return f"{os.cpu_count()} cores ({cpu}), load average {os.getloadavg()[0]:.1f} at start"


def table(result: dict) -> str:
    out = [
        "| 页面 | 请求数 | 失败 | 请求/秒 | p50 ms | p95 ms | p99 ms | 目标 p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in result["pages"]:
        target = "≤ 300 ms" if p["name"].startswith("书记") else "≤ 1000 ms" if p["name"].startswith("局党委") else "—"
        if p["name"] == "Aggregated":
            name, target = "**合计**", "—"
        else:
            name = p["name"]
        mark = ""
        if target != "—":
            mark = " ✅" if p["p95"] <= (300 if "300" in target else 1000) else " ❌"
        out.append(
            f"| {name} | {p['requests']} | {p['failures']} | {p['rps']} | {p['p50']:.0f} | {p['p95']:.0f}{mark} | "
            f"{p['p99']:.0f} | {target} |"
        )
    return "\n".join(out)


def aggregate(result):
    return next(
        (p for p in result["pages"] if p["name"] == "Aggregated"),
        {"rps": 0, "p50": 0, "p95": 0, "p99": 0, "requests": 0, "failures": 0},
    )


def write_readme(res: dict) -> None:
    lines = [
        BEGIN,
        "## 负载测试 / Load test (issue 20)",
        "",
        f"由 `bench/load/run.py` 生成（{res['when']}，{res['machine']}）。{res['users']} 个模拟用户"
        f"（书记:局党委工作人员 = 6:1，书记每次操作后等待 2–6 秒，工作人员 3–10 秒），每个数据库 {res['seconds']} 秒，"
        f"每秒新增 20 个用户；服务器为 `dangjian serve`（gunicorn，{res['workers']} 个同步工作进程，非调试模式），"
        f"负载发生器（locust，单进程）与服务器在同一台 2 核机器上，只连 127.0.0.1。"
        f"数据：`dangjian scale-data --branches {res['branches']} --members {res['members']}`；"
        f"另开 {res['secretaries']} 个支部书记账号和每个区县一个局党委工作人员账号（`bench/load/setup.py`）。",
        "",
        "书记：花名册、本支部组织生活、昨天党员大会的出席登记（打开并保存全体出席）、登记交费（打开并为一名党员交一个月）、"
        "待办；局党委工作人员（各区县与全市）：工作看板、结构统计、党内统计 .xlsx、待办。每个账号在计时前通过登录页登录一次"
        "（口令哈希每次约 0.5 秒 CPU），几个模拟用户共用一个账号的会话，交费时各自交不同党员的月份。"
        "成功只算 200（保存后 302）；响应或服务器日志中出现 “database is locked” 单独计数。",
        "",
    ]
    if res.get("smoke"):
        lines += ["**这是冒烟运行（--smoke），数字不代表容量。**", ""]
    b = res.get("bare")
    if b:
        ba = aggregate(b)
        lines += [
            "### 基准：最小 Django 应用（同一 gunicorn 设置，`bench/load/bare/`）",
            "",
            f"同样 {res['users']} 个用户、等待 2–6 秒：{ba['rps']} 请求/秒，p50 {ba['p50']:.0f} ms，p95 {ba['p95']:.0f} ms，"
            f"p99 {ba['p99']:.0f} ms，失败 {ba['failures']}。",
            "",
        ]
    for db in res["dbs"]:
        r = res["dbs"][db]
        a = aggregate(r)
        lines += [
            f"### {r['describe']}",
            "",
            f"合计 {a['requests']} 个请求，{a['rps']} 请求/秒，失败 {a['failures']}；服务器日志：HTTP 5xx {r['server']['http_5xx']} 次，"
            f"“database is locked” {r['server']['database_is_locked']} 次。负载结束时一分钟平均负载 {r.get('load_after', 0):.1f}"
            f"（其他进程也在用这 2 个核时，数字偏慢）。",
            "",
            table(r),
            "",
        ]
        if b and aggregate(b)["rps"]:
            offered = aggregate(b)["rps"]
            lines += [
                f"同样的用户和等待时间，最小应用每秒收到 {offered} 个请求（即这一组用户的请求速率）；本系统每秒处理 {a['rps']} 个"
                f"（{a['rps'] / offered:.2f}×）。"
                + (
                    "低于请求速率时服务器已饱和，各页的时间主要是排队（5 个工作进程全忙，"
                    "慢页——待办、工作看板、党内统计——占住进程），所以各页 p50 接近。"
                    if a["rps"] < 0.9 * offered
                    else ""
                ),
                "",
            ]
        if r["failures"]:
            lines += [
                "失败：" + "；".join(f"{f['name']}：{f['error']}（{f['count']} 次）" for f in r["failures"][:8]),
                "",
            ]
    sat = res.get("saturation")
    if sat:
        lines += [
            f"### 饱和吞吐（{sat['users']} 个用户、不等待、各 {sat['seconds']} 秒）",
            "",
            "| 目标 | 请求/秒 | p50 ms | p95 ms | 相对基准 |",
            "|---|---|---|---|---|",
        ]
        base = aggregate(sat["bare"])["rps"] or 1
        lines.append(
            f"| 最小 Django 页面 | {aggregate(sat['bare'])['rps']} | {aggregate(sat['bare'])['p50']:.0f} | {aggregate(sat['bare'])['p95']:.0f} | 1.00× |"
        )
        for db, r in sat.items():
            if db in ("bare", "users", "seconds"):
                continue
            a = aggregate(r)
            lines.append(
                f"| 书记花名册页（{db}） | {a['rps']} | {a['p50']:.0f} | {a['p95']:.0f} | {a['rps'] / base:.2f}× |"
            )
        lines.append("")
    lines += [
        "怎么运行：`pip install -e '.[bench]'`（装 locust），然后 `.venv/bin/python bench/load/run.py`"
        "（默认两个数据库、200 个用户、120 秒；`--smoke` 为 10 个用户 20 秒；`--db sqlite`；`--fresh` 重新生成数据）。"
        "PostgreSQL 由脚本在 56432/56433 端口临时建立主库和热备（`pg_basebackup -R`），结束时停止；需要以 root 运行"
        "（用 postgres 用户建集群）。原始数字：`bench/load/results.json`，locust 的 CSV 与服务器日志在 `bench/out/load/`。",
        END,
    ]
    text = README.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda m: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")

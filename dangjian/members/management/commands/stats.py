"""dangjian stats --org CODE [--on DATE | --year YEAR] [--json] — composition statistics of an org's subtree;
with --year, the year-end check of the 党内统计 (上年数 + 增加 − 减少 = 本年数, per branch)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.core.dbrouter import call_with_replica
from dangjian.lib.isodate import parse_day
from dangjian.members.stats import (
    DIMENSIONS,
    LABELS,
    composition,
    composition_sentence,
    rows,
)
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "党员结构统计：按人员类别、性别、民族、年龄、学历、职称、党龄、党员类别等统计某组织及其下级的在册人员"
    requires_system_checks = []  # a read-only report; do not import every URLconf first

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="组织代码")
        parser.add_argument("--on", help="统计日期（YYYY-MM-DD，默认今天；用于计算年龄和党龄）")
        parser.add_argument(
            "--year", type=int, help="年度：输出该年党内统计的党员数量变化核对（上年数＋增加－减少＝本年数）"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{opts['org']}”不存在")
        if opts.get("year") is not None:
            return self._year_check(org, opts["year"], as_json=opts["json"])
        on = None
        if opts["on"]:
            try:
                on = parse_day(
                    opts["on"], label="统计日期", allow_future=False, future_reason="统计只能按已经发生的记录计算"
                )
            except ValidationError as exc:
                raise CommandError(exc.messages[0]) from None
        stats = call_with_replica(composition, org, on=on)  # a read-only report: the replica may answer
        if opts["json"]:
            self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
            return
        out = [f"{org.name}（{org.code}）党员结构统计　截至 {stats['on']}", ""]
        for key in ("total", "full_member", "probationary_member", "in_development", "people"):
            out.append(f"  {LABELS['totals'][key]}：{stats[key]}")
        for dim in DIMENSIONS:
            out += ["", f"【{LABELS['dimensions'][dim]}】"]
            table = rows(stats, dim)
            width = max(_width(label) for _, label, _ in table)
            for _, label, n in table:
                out.append(f"  {label}{' ' * (width - _width(label))}  {n:>6}")
        out += ["", composition_sentence(stats)]
        self.stdout.write("\n".join(out))

    def _year_check(self, org, year: int, *, as_json: bool):
        from dangjian.reports.partystats import year_check
        from dangjian.reports.years import YearRefused

        try:
            rows = call_with_replica(year_check, org, year)
        except YearRefused as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps({"org": org.code, "year": year, "rows": rows}, ensure_ascii=False, indent=2))
            return
        out = [f"{org.name}（{org.code}）{year}年党员数量变化　截至{year}年12月31日", ""]
        for r in rows:
            more = "，".join(f"{k}{v}" for k, v in r["增加明细"].items() if v)
            less = "，".join(f"{k}{v}" for k, v in r["减少明细"].items() if v)
            out.append(
                f"  {r['单位']}：上年数{r['上年数']}，增加{r['增加']}{f'（{more}）' if more else ''}，"
                f"减少{r['减少']}{f'（{less}）' if less else ''}，本年数{r['本年数']}，{r['核对']}"
            )
        self.stdout.write("\n".join(out))


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

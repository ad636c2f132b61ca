"""dangjian stats --org CODE [--on DATE] [--json] — composition statistics of an org's subtree."""
import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.dbrouter import call_with_replica
from dangjian.lib import clock
from dangjian.members.stats import DIMENSIONS, LABELS, composition, composition_sentence, rows
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "党员结构统计：按人员类别、性别、民族、年龄、学历、职称、党龄、党员类别等统计某组织及其下级的在册人员"
    requires_system_checks = []  # a read-only report; do not import every URLconf first

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="组织代码")
        parser.add_argument("--on", help="统计日期（YYYY-MM-DD，默认今天；用于计算年龄和党龄）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **opts):
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{opts['org']}”不存在")
        on = None
        if opts["on"]:
            try:
                on = datetime.date.fromisoformat(opts["on"])
            except ValueError:
                raise CommandError(f"统计日期“{opts['on']}”格式不正确，应为 2026-06-30 这样的日期") from None
            if on > clock.today():
                raise CommandError(f"统计日期“{opts['on']}”晚于今天：统计只能按已经发生的记录计算")
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


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

"""dangjian audit verify: recompute the audit log's hash chain; exit 0 when intact, non-zero at the first break."""

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.audit import verify
from dangjian.lib import clock


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify：重新计算哈希链并报告第一处断链")

    def handle(self, *args, action, **options):
        count, problem = verify()
        if problem is None:
            self.stdout.write(f"审计日志完整，共{count}条")
            return
        at = problem["at"].astimezone(clock.local_now().tzinfo).strftime("%Y-%m-%d %H:%M:%S")
        raise CommandError(f"审计日志被篡改：第{count}条记录（id={problem['id']}，时间 {at}）断链。{problem['reason']}")

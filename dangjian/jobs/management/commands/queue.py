"""dangjian queue send-reminders [--date D] — put a periodic job on the queue instead of running it here
(cron then returns at once; a `dangjian worker` does the work)."""

from django.core.management.base import BaseCommand

from dangjian.jobs.tasks import send_reminders

TASKS = {"send-reminders": send_reminders}


class Command(BaseCommand):
    help = "把定时工作交给后台任务进程：send-reminders（生成待办提醒）"

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(TASKS), help="要排队的工作")
        parser.add_argument("--date", help="日期（YYYY-MM-DD），默认今天")

    def handle(self, *args, name, date=None, **opts):
        result = TASKS[name].enqueue(date)
        self.stdout.write(f"已排队：{name}，任务编号 {result.id}（由 dangjian worker 处理）")

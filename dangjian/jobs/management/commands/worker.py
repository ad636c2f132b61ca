"""dangjian worker [--batch] [--interval S] — run queued background tasks (django-tasks-db's worker loop),
first putting back the tasks of workers on this machine that died mid-run, so none is lost."""

import time

from django.core.management.base import BaseCommand
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from dangjian.jobs.services import prune, requeue_orphans, worker_id


class Command(BaseCommand):
    help = "运行后台任务（台账、各支部总结、大批量导入、提醒）；--batch 处理完队列后退出"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完当前全部任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时每隔几秒检查一次（默认 1）")

    def handle(self, *args, batch, interval, verbosity=1, **opts):
        DBWorkerCommand(stdout=self.stdout, stderr=self.stderr).configure_logging(verbosity)
        wid = worker_id()
        # batch=True makes Worker.run() return once the queue is empty; the loop below re-queues orphans
        # between passes and decides whether to wait for more work.
        worker = Worker(
            queue_names=["*"],
            interval=0.1,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=wid,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(f"后台任务进程 {wid} 已启动")
        pruned = prune()
        if pruned:
            self.stdout.write(f"已删除 {pruned} 个过期任务及其文件")
        while worker.running:
            requeued = requeue_orphans()
            if requeued:
                self.stdout.write(f"已重新排队 {requeued} 个中断的任务")
            worker.run()
            if batch and not requeue_orphans():
                from django_tasks_db.models import DBTaskResult

                if not DBTaskResult.objects.ready().exists():
                    break
                continue
            if worker.running and not batch:
                time.sleep(interval)
        self.stdout.write(f"后台任务进程 {wid} 已退出，共运行 {worker._run_tasks} 个任务")

"""`dangjian serve`: the production web server (gunicorn), DEBUG off, behind an HTTPS reverse proxy (README 部署)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    # gunicorn's rule of thumb: 2 × CPU + 1 synchronous workers (requests here are mostly database-bound).
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "以生产方式启动网站（gunicorn，多进程，非调试模式）；请在其前面配置 HTTPS 反向代理（见 README 部署）"
    requires_system_checks = []  # the checks run below, in Chinese context, before any worker starts

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000（只接受本机反向代理的连接）"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help=f"工作进程数，默认 2×CPU 核数+1（本机为 {default_workers()}）"
        )
        parser.add_argument(
            "--timeout", type=int, default=120, help="单个请求最长处理秒数，默认 120（生成全部支部的台账 PDF 较慢）"
        )

    def handle(self, *args, bind, workers, timeout, **options):
        if settings.DEBUG:
            raise CommandError(
                "dangjian serve 不能在调试模式下运行：请去掉环境变量 DANGJIAN_DEBUG=1"
                "（调试模式只用于开发服务器 make run）"
            )
        workers = default_workers() if workers is None else workers
        if workers < 1:
            raise CommandError("--workers 至少为 1")
        if timeout < 1:
            raise CommandError("--timeout 至少为 1 秒")
        self.check(display_num_errors=False)
        # The checks query the database (dangjian.E101) and gunicorn forks its workers from this process: a
        # connection inherited by several workers mixes their results (PostgreSQL) or their locks (SQLite).
        from django.db import connections

        connections.close_all()
        try:
            from gunicorn.app.base import BaseApplication
        except ImportError as exc:  # pragma: no cover - gunicorn is a pinned dependency
            raise CommandError("未安装 gunicorn：请运行 pip install -e . 重新安装依赖") from exc

        from dangjian.wsgi import application

        options = {
            "bind": bind,
            "workers": workers,
            "timeout": timeout,
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "dangjian",
            "control_socket_disable": True,  # no runtime-control socket in $HOME; restart via systemd instead
            # Trust X-Forwarded-* only from the local reverse proxy.
            "forwarded_allow_ips": "127.0.0.1,::1",
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in options.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(f"党建系统启动：http://{bind}/ （{workers} 个工作进程；按 Ctrl+C 停止）")
        Server().run()

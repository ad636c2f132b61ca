"""Serve the bare baseline with gunicorn, options as in dangjian/core/management/commands/serve.py.

Usage: python bench/load/bare/serve.py --bind 127.0.0.1:8101 [--workers N]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="127.0.0.1:8101")
    ap.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)  # as `dangjian serve`
    ap.add_argument("--timeout", type=int, default=120)
    a = ap.parse_args()
    if not a.bind.startswith(("127.", "localhost:", "[::1]")):
        raise SystemExit("the baseline listens on loopback only")
    from app import application
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": a.bind,
        "workers": a.workers,
        "timeout": a.timeout,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "dangjian-bare",
        "control_socket_disable": True,
        "forwarded_allow_ips": "127.0.0.1,::1",
    }

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()


if __name__ == "__main__":
    main()

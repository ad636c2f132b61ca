"""dangjian demo [--if-empty] — load the demo bureau, schools, people, committees and logins."""

import time

from django.core.management.base import BaseCommand, CommandError

from dangjian.orgs.models import Org
from dangjian.site.demo import BUREAU_CODE, build_demo, format_logins, login_rows


class Command(BaseCommand):
    help = "加载演示数据：江北区教育局党委及所属学校党组织、党员、支部委员会和各角色演示账号"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库已有任何党组织时不做任何事")

    def handle(self, *args, **opts):
        if Org.objects.filter(code=BUREAU_CODE).exists():
            if opts["if_empty"]:
                self.stdout.write("演示数据已加载，未作改动。")
                self.stdout.write(format_logins(login_rows()))
                return
            raise CommandError(f"演示数据已存在（组织代码 {BUREAU_CODE}），未作改动；如需重新加载，请换用一个空数据库")
        if opts["if_empty"] and Org.objects.exists():
            self.stdout.write("数据库中已有党组织数据，未加载演示数据。")
            return
        started = time.perf_counter()

        def progress(line):  # the load takes a while: say what it is doing
            self.stdout.write(line)
            self.stdout.flush()

        result = build_demo(progress=progress)
        progress("完成。")
        self.stdout.write(
            f"已加载演示数据：{result['bureau'].name} 及下属党组织，在册人员 {result['people']} 人，"
            f"用时 {time.perf_counter() - started:.1f} 秒。"
        )
        self.stdout.write(format_logins(result["logins"]))

"""dangjian check-ids [--org CODE] — list stored 公民身份号码 that fail GB 11643; changes nothing.

For databases filled before the check digit was computed correctly: the secretary corrects each
listed number on the person's page. Exit status: 0 none found, 1 some found, 2 bad arguments.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from dangjian.lib import clock, idcard
from dangjian.members.models import Person
from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids


class Command(BaseCommand):
    help = (
        "检查已保存的公民身份号码（位数、格式、出生日期、校验码），逐人列出未通过的号码及原因，不做任何修改。"
        "退出状态：0 表示全部通过，1 表示发现未通过的号码，2 表示参数错误（如组织代码不存在）"
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--org", help="只检查该组织及其下级（组织代码；默认检查全部）")

    def handle(self, *args, **opts):
        people = Person.objects.exclude(id_number="").select_related("org")
        scope = "全部组织"
        if opts["org"]:
            org = Org.objects.filter(code=opts["org"]).first()
            if org is None:
                raise CommandError(f"组织代码“{opts['org']}”不存在", returncode=2)
            people = people.filter(org_id__in=subtree_ids(org))
            scope = f"{org.name}（{org.code}）及其下级"
        today = clock.today()
        checked = found = 0
        for person in people.order_by("org__path", "stroke_key", "pk").iterator(chunk_size=2000):
            checked += 1
            reason = idcard.problem(person.id_number, today=today)
            if reason is None:
                continue
            found += 1
            left = "" if person.on_roll else "（已离开花名册）"
            self.stdout.write(
                f"{person.org.name}（{person.org.code}）\t{person.name}{left}\t{person.masked_id_number}\t{reason}"
            )
        if not found:
            self.stdout.write(f"{scope}：已检查 {checked} 个公民身份号码，全部通过")
            return
        self.stdout.write(f"{scope}：已检查 {checked} 个公民身份号码，{found} 个未通过校验，请在人员页面核对后修改")
        self.stdout.flush()
        sys.exit(1)

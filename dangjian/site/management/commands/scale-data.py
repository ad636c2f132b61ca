"""dangjian scale-data --branches 2500 --members 60000: a synthetic city education system for benchmarks."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.site.scale import PASSWORD, generate


class Command(BaseCommand):
    help = "生成压测用的全市教育系统数据（教育工委、各区县教育局党委、学校党组织、支部、党小组和人员，均为虚构）"

    def add_arguments(self, parser):
        parser.add_argument("--branches", type=int, default=2500, help="党支部总数（默认 2500）")
        parser.add_argument("--members", type=int, default=60000, help="人员总数（默认 60000）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子，相同种子生成相同数据")
        parser.add_argument("--prefix", default="SC", help="组织代码前缀（默认 SC），用户名前缀为其小写")
        parser.add_argument("--city", default="临江市", help="城市名称（虚构）")

    def handle(self, *args, **o):
        try:
            s = generate(
                branches=o["branches"],
                members=o["members"],
                seed=o["seed"],
                prefix=o["prefix"],
                city=o["city"],
                progress=lambda msg: self.stdout.write(f"  {msg}"),
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(
            f"已生成 {s.root.name}（代码 {s.root.code}）：组织 {s.orgs} 个，其中党支部 {s.branches} 个，"
            f"人员 {s.people} 人，支部委员会 {s.terms} 个，用时 {s.seconds} 秒。"
        )
        self.stdout.write(f"登录（密码均为 {PASSWORD}）：")
        for username, label in s.users:
            self.stdout.write(f"  {username}  {label}")

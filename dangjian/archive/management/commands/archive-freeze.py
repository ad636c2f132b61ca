"""dangjian archive-freeze BRA 2026: freeze the year's rosters and change log into the archive (run at year end)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.archive.services import freeze_year
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "年终归档：把某年度的党员花名册、新党员名册、积极分子名册、发展对象名册和变更信息库存入文书档案"

    def add_arguments(self, parser):
        parser.add_argument("org", help="组织代码")
        parser.add_argument("year", type=int, help="年度")

    def handle(self, *args, **o):
        org = Org.objects.filter(code=o["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{o['org']}”不存在")
        try:
            docs = freeze_year(actor=None, org=org, year=o["year"])
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        for d in docs:
            self.stdout.write(f"已归档：{d.title}")

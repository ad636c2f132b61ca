"""dangjian relations-survey BUREAU [--on 2026-12-31] [--json] [--save]: the 组织关系集中排查 of an org's subtree."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.lib import clock
from dangjian.lib.isodate import parse_day
from dangjian.orgs.models import Org
from dangjian.relations.selectors import relations_survey
from dangjian.relations.services import survey_save


class Command(BaseCommand):
    help = "组织关系集中排查：在职、退休、流动、失联、“口袋”党员人数与名单"

    def add_arguments(self, parser):
        parser.add_argument("org", help="组织代码")
        parser.add_argument("--on", help="排查日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--json", action="store_true", help="输出 JSON（含名单）")
        parser.add_argument("--save", action="store_true", help="存入本年度排查台账")

    def handle(self, *args, **o):
        org = Org.objects.filter(code=o["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{o['org']}”不存在")
        try:
            on = parse_day(o["on"], label="--on 日期") if o["on"] else clock.today()
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        data = relations_survey(org, on)
        if o["save"]:
            survey_save(actor=None, org=org, on=on)
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(f"经排查，{org.name}{data['sentence']}。")
            if data["pocket_note"]:
                self.stdout.write(f"  说明：{data['pocket_note']}。")
            for p in data["lists"]["pocket"]:
                self.stdout.write(f"  “口袋”党员 {p['name']}（{p['org']}）：{p['detail']}")

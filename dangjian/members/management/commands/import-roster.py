"""dangjian import-roster FILE --org CODE [--dry-run] — import a branch's roster, all or nothing."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.members.roster_io.importer import RosterFileError, import_roster
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "从 Excel 花名册（.xlsx/.xls）导入党支部人员：先全部检查，有一处错误就一个也不导入"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="花名册文件（.xlsx 或 .xls）")
        parser.add_argument("--org", required=True, help="党支部的组织代码")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"文件“{path}”不存在")
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{opts['org']}”不存在")
        try:
            result = import_roster(path, org=org, actor=None, source=path.name, dry_run=opts["dry_run"])
        except RosterFileError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem.line())
            raise CommandError(f"共 {len(result.problems)} 处问题，未导入任何人员（{org.name}）")
        if result.ignored:
            self.stdout.write("以下列未识别，已忽略：" + "、".join(result.ignored))
        if opts["dry_run"]:
            self.stdout.write(f"检查通过，可导入 {len(result.rows)} 人到{org.name}（试运行，未写入）")
        else:
            self.stdout.write(f"导入 {result.created} 人到{org.name}")

"""dangjian import-roster FILE --org CODE [--dry-run] [--column 人员类别=在职/离退休 …] — all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.members.roster_io.columns import ColumnChoiceError
from dangjian.members.roster_io.importer import RosterFileError, import_roster
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "从 Excel 花名册（.xlsx/.xls）导入党支部人员：先全部检查，有一处错误就一个也不导入"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="花名册文件（.xlsx 或 .xls）")
        parser.add_argument("--org", required=True, help="党支部的组织代码")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="列名=读法",
            help="指定含义不明的列怎样读，可重复：如 人员类别=在职/离退休、党员类别=正式/预备、职务=工作岗位、"
            "类别=不导入（读法也可写字段名 category、status、post、professional_title、skip）",
        )

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"文件“{path}”不存在")
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{opts['org']}”不存在")
        overrides = {}
        for item in opts["column"]:
            name, sep, reading = item.partition("=")
            if not sep or not name.strip() or not reading.strip():
                raise CommandError(f"--column “{item}” 应写成 列名=读法，如 人员类别=在职/离退休")
            overrides[name.strip()] = reading.strip()
        try:
            result = import_roster(
                path, org=org, actor=None, source=path.name, dry_run=opts["dry_run"], columns=overrides or None
            )
        except (RosterFileError, ColumnChoiceError) as exc:
            raise CommandError(str(exc)) from None
        if result.choices:
            self.stdout.write("列的读法（可用 --column 列名=读法 修改）：")
            for choice in result.choices:
                self.stdout.write("  " + choice.line())
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

"""dangjian export-roster --org CODE --out FILE.xlsx [--pdf FILE.pdf] — the 花名册 in 姓氏笔画 order, full ID numbers."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangjian.lib.isodate import parse_day
from dangjian.members.roster_io import exporter, pdf
from dangjian.orgs.models import Org


class Command(BaseCommand):
    help = "导出某组织及其下级的在册人员花名册（Excel，按姓氏笔画排序；可同时导出 PDF）"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="组织代码")
        parser.add_argument("--out", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--pdf", help="PDF 文件路径（可选）")
        parser.add_argument("--on", help="某一天的花名册（YYYY-MM-DD，按当日的名册历史；默认今天）")

    def handle(self, *args, **opts):
        if not opts["out"] and not opts["pdf"]:
            raise CommandError("请用 --out 指定 Excel 文件（或用 --pdf 指定 PDF 文件）")
        org = Org.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"组织代码“{opts['org']}”不存在")
        on = None
        if opts["on"]:
            try:
                on = parse_day(opts["on"], allow_future=False, future_reason="花名册只能按已经发生的记录生成")
            except ValidationError as exc:
                raise CommandError(exc.messages[0]) from None
        qs = exporter.people(org, on=on)
        for key in ("out", "pdf"):
            if opts[key] and not Path(opts[key]).resolve().parent.is_dir():
                raise CommandError(f"目录“{Path(opts[key]).parent}”不存在")
        if opts["out"]:
            total = exporter.write_xlsx(opts["out"], org, qs, show_id=True, on=on)
            self.stdout.write(f"已导出 {org.name} 花名册 {total} 人到 {opts['out']}")
        if opts["pdf"]:
            data = pdf.render_pdf(org, qs, show_id=True, limit=None)
            Path(opts["pdf"]).write_bytes(data)
            self.stdout.write(f"已生成 PDF：{opts['pdf']}")

"""dangjian report summary|duty|ledger|statistics --org CODE --year Y --out FILE"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.lib import clock
from dangjian.orgs.models import Org
from dangjian.reports.kinds import LABELS, build_document


class Command(BaseCommand):
    help = "生成报表：summary 年度党建工作总结（Word）、duty 书记述职报告（Word）、statistics 党内统计表（Excel）、ledger 台账"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["summary", "duty", "ledger", "statistics"], help="报表类型")
        parser.add_argument("--org", required=True, help="党组织代码")
        parser.add_argument("--year", type=int, default=clock.today().year, help="年度，默认今年")
        parser.add_argument("--out", help="输出文件路径（台账以 .pdf 结尾时输出 PDF，否则为 Word）；--queue 时不用")
        parser.add_argument("--fresh", action="store_true", help="忽略已保存的草稿，按最新记录重新生成")
        parser.add_argument(
            "--each-branch", action="store_true", help="为该组织下每个支部各生成一份（--out 为目录），显示进度"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="与 --each-branch 同用：每个支部一个后台任务交给 dangjian worker 处理，打印任务编号后立即返回",
        )

    def handle(self, *args, kind, org, year, out, fresh, each_branch=False, queue=False, **opts):
        node = Org.objects.filter(code=org).first()
        if node is None:
            raise CommandError(f"找不到党组织代码“{org}”")
        from dangjian.reports.years import YearRefused, check_year

        try:
            check_year(node, year)
        except YearRefused as exc:
            raise CommandError(str(exc)) from None
        if queue:
            if not each_branch:
                raise CommandError("--queue 只能与 --each-branch 一起使用")
            from dangjian.reports.tasks import start_each_branch

            job = start_each_branch(user=None, kind=kind, org=node, year=year, fresh=fresh)
            self.stdout.write(
                f"已排队 {len(job.task_ids)} 个支部的{LABELS[kind]}，任务编号 {job.pk}"
                f"（进度与下载：/jobs/{job.pk}/，系统管理员可见；由 dangjian worker 处理）"
            )
            return
        if not out:
            raise CommandError("请用 --out 指定输出文件（--each-branch 时为目录）")
        path = Path(out)
        if each_branch:
            return self._batch(kind, node, year, path, fresh)
        if not path.parent.exists():
            raise CommandError(f"输出目录不存在：{path.parent}")
        content, source = self._one(kind, node, year, fresh, pdf=path.suffix.lower() == ".pdf")
        path.write_bytes(content)
        self.stdout.write(f"已生成 {path}（{node.name} {year}年，来源：{source}）")

    def _batch(self, kind, node, year, folder: Path, fresh):
        from dangjian.lib.office.names import download_name
        from dangjian.orgs.selectors import branches_of

        if not folder.is_dir():
            raise CommandError(f"--each-branch 时 --out 须为已存在的目录：{folder}")
        branches = branches_of(node)
        total = len(branches)
        ext = "xlsx" if kind == "statistics" else "docx"
        started = time.perf_counter()
        for n, branch in enumerate(branches, 1):
            content, _ = self._one(kind, branch, year, fresh)
            (folder / download_name(branch.name, year, LABELS[kind], ext)).write_bytes(content)
            done = int(30 * n / total)
            self.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {n}/{total} {branch.name[:20]}", ending="")
        self.stderr.write("")
        self.stdout.write(f"已为{total}个支部生成{kind}，保存在 {folder}，用时{time.perf_counter() - started:.1f}秒")

    def _one(self, kind, node, year, fresh, pdf=False):
        return build_document(kind, node, year, fresh, pdf)

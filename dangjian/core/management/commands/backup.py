"""dangjian backup --out FILE: write every record (with its history), users, roles and media to one file."""
from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError, write_backup


class Command(BaseCommand):
    requires_system_checks = []  # must work even when some page's code is broken
    help = "备份全部数据（含变更历史、用户、角色、令牌和上传文件）到一个 zip 文件"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="备份文件路径，例如 backup-20260101.zip")

    def handle(self, *args, out, **options):
        verbose = options["verbosity"] > 1

        def progress(table):
            if verbose:
                self.stdout.write(f"  {table['model']}: {table['rows']} 行")

        try:
            manifest = write_backup(out, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"无法写入备份文件 {out}：{exc}") from None
        self.stdout.write(f"已备份 {len(manifest['tables'])} 张数据表共 {manifest['total_rows']} 行、"
                          f"{len(manifest['media'])} 个文件到 {out}")

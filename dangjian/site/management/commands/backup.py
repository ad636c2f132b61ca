"""dangjian backup --out FILE: write every record (with its history), users, roles and media to one file,
encrypted with a passphrase (asked on the terminal, or DANGJIAN_BACKUP_PASSPHRASE) and signed with the server's key."""

from django.core.management.base import BaseCommand, CommandError

from dangjian.site.backup import BackupError, write_backup
from dangjian.site.backup.crypto import obtain_passphrase, passphrase_problem


class Command(BaseCommand):
    requires_system_checks = []  # must work even when some page's code is broken
    help = (
        "备份全部数据（含变更历史、用户、角色和上传文件；不含 API 令牌）到一个加密文件："
        "口令在终端中输入或取自 DANGJIAN_BACKUP_PASSPHRASE，文件仅所有者可读，并以本系统密钥签名"
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="备份文件路径，例如 backup-20260101.zip")

    def handle(self, *args, out, **options):
        verbose = options["verbosity"] > 1

        def progress(table):
            if verbose:
                self.stdout.write(f"  {table['model']}: {table['rows']} 行")

        try:
            passphrase = obtain_passphrase(confirm=True)
            problem = passphrase_problem(passphrase)
            if problem:
                raise BackupError(problem)
            manifest = write_backup(out, passphrase=passphrase, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"无法写入备份文件 {out}：{exc}") from None
        self.stdout.write(
            f"已备份 {len(manifest['tables'])} 张数据表共 {manifest['total_rows']} 行、"
            f"{len(manifest['media'])} 个文件到 {out}（已加密，仅所有者可读；API 令牌不备份）"
        )

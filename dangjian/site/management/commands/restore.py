"""dangjian restore FILE: decrypt (passphrase asked on the terminal or DANGJIAN_BACKUP_PASSPHRASE), check the
signature and the whole backup, then replace the database contents in one transaction and audit the restore."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from dangjian.site.backup import BackupError, current_row_counts, restore_backup
from dangjian.site.backup.crypto import obtain_passphrase
from dangjian.site.backup.reader import opened, read_manifest

UNCHANGED = "恢复失败，数据库未作任何改动："


class Command(BaseCommand):
    requires_system_checks = []  # must work even when some page's code is broken
    help = "从备份文件恢复：先解密并完整校验文件（含签名），再在一个事务中替换数据库的全部内容"

    def add_arguments(self, parser):
        parser.add_argument("file", help="dangjian backup 生成的备份文件")
        parser.add_argument("--yes", action="store_true", help="数据库不为空时确认替换（无人值守时必须）")

    def handle(self, *args, file, yes, **options):
        try:
            passphrase = obtain_passphrase(confirm=False)
            with opened(file, passphrase) as zf:
                manifest = read_manifest(zf)
        except BackupError as exc:
            raise CommandError(f"{UNCHANGED}{exc}") from None
        existing = sum(current_row_counts().values())
        self.stdout.write(
            f"备份文件：{file}（创建于 {manifest.get('created_at', '未知')}，共 {manifest.get('total_rows', '?')} 行）"
        )
        if existing:
            self.stdout.write(
                f"将删除当前数据库中的全部数据（{existing} 行）并替换为备份内容；所有用户需要重新登录，"
                "API 令牌需重新生成。"
            )
            if not yes and not self._confirmed():
                raise CommandError("数据库不为空：确认替换请加 --yes（或在终端中输入 yes）。数据库未作任何改动。")
        try:
            manifest = restore_backup(file, passphrase=passphrase)
        except BackupError as exc:
            raise CommandError(f"{UNCHANGED}{exc}") from None
        except DatabaseError as exc:
            raise CommandError(f"{UNCHANGED}数据库拒绝写入备份中的数据（{exc}）") from None
        self.stdout.write(
            f"已恢复 {len(manifest['tables'])} 张数据表共 {manifest['total_rows']} 行、"
            f"{len(manifest.get('media') or [])} 个文件；本次恢复已记入审计日志。"
        )
        if manifest.get("_media_kept"):
            self.stdout.write(f"原有上传文件已移至 {manifest['_media_kept']}")

    def _confirmed(self) -> bool:
        try:
            if not sys.stdin or not sys.stdin.isatty():
                return False
            answer = input("确认替换请输入 yes：")
        except (OSError, EOFError):
            return False
        return answer.strip().lower() == "yes"

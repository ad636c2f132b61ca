"""Backup and restore of the whole database (every dangjian app, auth and contenttypes) as one zip file."""

from .errors import BackupError
from .restore import current_row_counts, restore_backup
from .writer import write_backup

__all__ = ["BackupError", "current_row_counts", "restore_backup", "write_backup"]

"""The one error of backup and restore, below crypto and reader (both raise it; the reader also decrypts)."""


class BackupError(Exception):
    """The backup cannot be written, read or restored; the message is for the user (Chinese)."""

"""Replace the database contents with a verified backup, all in one transaction.

Order: verify the whole file (reader.verify) → unpack media to a staging folder → in ONE transaction
delete every covered table (referencing tables first) and insert the backup's rows (referenced tables
first), reset PostgreSQL sequences → swap the media folder in. Any failure rolls everything back.
Rows are inserted with plain INSERTs rather than Model.save()/bulk_create() so that auto_now_add
timestamps (AuditEvent.at, ApiToken.created_at) keep their recorded values. Encrypted fields are encrypted
again with this server's key as they are inserted, and keyed lookup hashes (a field with `derive_from`) are
computed again from the value they index. The restore itself is the last row of the restored audit chain.
"""

import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction

from dangjian.lib import clock

from . import schema
from .errors import BackupError
from .reader import iter_rows, opened, verify
from .writer import record_event

MAX_BATCH = 1000


def current_row_counts() -> dict[str, int]:
    """Rows per covered table now; contenttypes and permissions are created by migrate, so not counted."""
    out = {}
    missing = set(schema.missing_tables())
    for model in schema.covered_models():
        if model._meta.label_lower in missing:
            continue
        if model._meta.app_label in ("contenttypes",) or model._meta.label_lower == "auth.permission":
            continue
        out[model._meta.label_lower] = model._base_manager.count()
    return out


def _batch_size(width: int) -> int:
    limit = getattr(connection.features, "max_query_params", None) or 65535
    return max(1, min(MAX_BATCH, limit // max(1, width)))


def _insert(cursor, zf, table) -> None:
    qn = connection.ops.quote_name
    fields = table.fields
    head = f"INSERT INTO {qn(table.model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = _batch_size(len(fields))
    rows: list = []

    def flush():
        if rows:
            cursor.execute(head + ", ".join([one] * len(rows)), [v for row in rows for v in row])
            rows.clear()

    position = {f.attname: i for i, f in enumerate(fields)}
    derived = [(i, f, position[f.derive_from]) for i, f in enumerate(fields) if getattr(f, "derive_from", None)]
    for values in iter_rows(zf, table):
        for i, field, source in derived:
            values[i] = field.derive(values[source])
        rows.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, values)])
        if len(rows) >= size:
            flush()
    flush()


def _replace(zf, tables) -> None:
    order = {m: i for i, m in enumerate(schema.covered_models())}
    tables = sorted(tables, key=lambda t: order[t.model])
    qn = connection.ops.quote_name
    from dangjian.core.audit import maintenance  # the append-only triggers let a whole-database restore delete

    with maintenance(), connection.cursor() as cursor:
        if apps.is_installed("django.contrib.sessions"):
            # Sessions point at user ids that now mean other people: everyone signs in again.
            from django.contrib.sessions.models import Session

            cursor.execute(f"DELETE FROM {qn(Session._meta.db_table)}")
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {qn(table.model._meta.db_table)}")
        for table in tables:
            _insert(cursor, zf, table)
        for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables]):
            cursor.execute(sql)
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table.model._meta.db_table)}")
            got = cursor.fetchone()[0]
            if got != table.rows:
                raise BackupError(f"恢复后数据表 {table.model._meta.label_lower} 有 {got} 行，应为 {table.rows} 行")


def _stage_media(zf, manifest) -> Path | None:
    entries = manifest.get("media") or []
    if not entries:
        return None
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=root.parent))
    for entry in entries:
        target = staged / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(f"media/{entry['path']}") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    return staged


def _swap_media(staged: Path | None) -> Path | None:
    """Move the current media folder aside (kept, never deleted) and put the restored one in place."""
    root = Path(settings.MEDIA_ROOT)
    kept = None
    if root.exists() and any(p.is_file() for p in root.rglob("*")):
        kept = root.with_name(f"{root.name}.before-restore-{clock.local_now():%Y%m%d%H%M%S}")
        root.rename(kept)
    if staged is not None:
        if root.exists():
            shutil.rmtree(root)  # empty folders only: files were moved aside above
        staged.rename(root)
    return kept


def restore_backup(path, *, passphrase: str) -> dict:
    """Decrypt and verify the file fully, then replace the database contents; returns the manifest."""
    with opened(path, passphrase) as zf:
        manifest, tables = verify(zf)
        staged = _stage_media(zf, manifest)
        try:
            with transaction.atomic():
                _replace(zf, tables)
                record_event("backup.restore", path, manifest)
        except Exception:
            if staged is not None:
                shutil.rmtree(staged, ignore_errors=True)
            raise
    kept = _swap_media(staged)
    manifest["_media_kept"] = str(kept) if kept else ""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return manifest

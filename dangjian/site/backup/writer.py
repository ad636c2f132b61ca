"""Write a backup: one zip with manifest.json, signature.json, one JSON-lines file per table and the media files,
encrypted with a passphrase (crypto.py) into the output file, which only its owner can read (0600).

Rows are streamed from the database in chunks and written straight into the zip, so memory stays
flat however many members there are. The whole dump reads one consistent snapshot (one transaction).
Bearer secrets (API tokens, calendar feed keys) are never written: after a restore users issue new ones.
Password hashes and ID numbers are inside the encrypted zip only. ID numbers are written decrypted, so a
backup restores under another field key (restore re-encrypts them with the server's current key).
"""

import datetime
import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import django
from django.conf import settings
from django.db import connection, transaction

from dangjian.lib import clock

from . import crypto, schema
from .errors import BackupError

CHUNK = 2000
# Tables whose rows are secrets that let someone act as a user; backed up empty.
OMITTED = ("accounts.apitoken", "core.calendartoken")


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _dump_table(zf, model) -> dict:
    fields = schema.fields_of(model)
    name = f"data/{model._meta.label_lower}.jsonl"
    digest, rows = hashlib.sha256(), 0
    qs = model._base_manager.using(connection.alias).order_by("pk").values_list(*[f.attname for f in fields])
    if model._meta.label_lower in OMITTED:
        qs = qs.none()
    with zf.open(name, "w", force_zip64=True) as out:
        for row in qs.iterator(chunk_size=CHUNK):
            line = (
                json.dumps(
                    [schema.dump_value(f, v) for f, v in zip(fields, row)], ensure_ascii=False, separators=(",", ":")
                ).encode("utf-8")
                + b"\n"
            )
            digest.update(line)
            out.write(line)
            rows += 1
    return {
        "model": model._meta.label_lower,
        "table": model._meta.db_table,
        "file": name,
        "rows": rows,
        "sha256": digest.hexdigest(),
        "columns": [f.attname for f in fields],
    }


def _dump_media(zf) -> list:
    root = Path(settings.MEDIA_ROOT)
    out = []
    for path in _media_files():
        rel = path.relative_to(root).as_posix()
        digest, size = hashlib.sha256(), 0
        with open(path, "rb") as src, zf.open(f"media/{rel}", "w", force_zip64=True) as dst:
            while block := src.read(1 << 20):
                digest.update(block)
                size += len(block)
                dst.write(block)
        out.append({"path": rel, "size": size, "sha256": digest.hexdigest()})
    return out


def write_backup(out_path, *, passphrase: str, progress=None) -> dict:
    """Write the encrypted, signed backup to out_path (via a private temporary file renamed at the end);
    return the manifest."""
    problem = crypto.passphrase_problem(passphrase)
    if problem:
        raise BackupError(problem)
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".partial")
    models = schema.covered_models()
    missing = schema.missing_tables()
    if missing:
        raise BackupError(f"数据库尚未完成迁移，缺少数据表：{', '.join(missing)}。请先运行 dangjian migrate")
    fd, plain = tempfile.mkstemp(
        prefix=".dangjian-backup-", suffix=".zip"
    )  # 0600; the clear zip never sits beside the output
    os.close(fd)
    try:
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as zf:
            fresh = not connection.in_atomic_block
            with transaction.atomic():
                if fresh and connection.vendor == "postgresql":
                    connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                tables = []
                for model in models:
                    tables.append(_dump_table(zf, model))
                    if progress:
                        progress(tables[-1])
                migrations = schema.migration_state()
            manifest = {
                "format": schema.FORMAT_NAME,
                "format_version": schema.FORMAT_VERSION,
                "created_at": clock.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
                "django": django.get_version(),
                "database_vendor": connection.vendor,
                "apps": [c.label for c in schema.covered_app_configs()],
                "migrations": migrations,
                "tables": tables,
                "omitted": list(OMITTED),
                "total_rows": sum(t["rows"] for t in tables),
                "media": _dump_media(zf),
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            zf.writestr("manifest.json", manifest_bytes)
            zf.writestr(crypto.SIGNATURE_FILE, crypto.sign(manifest_bytes))
        if tmp.exists():
            tmp.unlink()  # left by a crashed run
        with crypto.private_file(tmp) as fh:
            crypto.encrypt_file(plain, fh, passphrase)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    finally:
        os.unlink(plain)
        if tmp.exists():
            tmp.unlink()
    record_event("backup.create", out_path, manifest)
    return manifest


def operator() -> str:
    """The operating-system account running the command (a backup or restore has no logged-in user)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def record_event(kind: str, path, manifest: dict) -> None:
    """An audit row for a backup written or restored: who (OS account, host), when, which file."""
    import socket

    from dangjian.core.models import AuditEvent

    AuditEvent(
        at=clock.now(),
        actor=None,
        org=None,
        kind=kind,
        subject_type="backup",
        subject_id=0,
        data={
            "file": str(Path(path).resolve()),
            "os_user": operator(),
            "host": socket.gethostname(),
            "backup_created_at": manifest.get("created_at", ""),
            "total_rows": manifest.get("total_rows"),
        },
    ).save()

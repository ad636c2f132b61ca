"""Write a backup: one zip with manifest.json, one JSON-lines file per table, and the media files.

Rows are streamed from the database in chunks and written straight into the zip, so memory stays
flat however many members there are. The whole dump reads one consistent snapshot (one transaction).
"""
import datetime
import hashlib
import json
import os
import zipfile
from pathlib import Path

import django
from django.conf import settings
from django.db import connection, transaction

from . import schema
from .reader import BackupError

CHUNK = 2000


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
    with zf.open(name, "w", force_zip64=True) as out:
        for row in qs.iterator(chunk_size=CHUNK):
            line = json.dumps([schema.dump_value(f, v) for f, v in zip(fields, row)], ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8") + b"\n"
            digest.update(line)
            out.write(line)
            rows += 1
    return {"model": model._meta.label_lower, "table": model._meta.db_table, "file": name, "rows": rows,
            "sha256": digest.hexdigest(), "columns": [f.attname for f in fields]}


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


def write_backup(out_path, *, progress=None) -> dict:
    """Write the backup to out_path (via a temporary file renamed at the end); return the manifest."""
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".partial")
    models = schema.covered_models()
    missing = schema.missing_tables()
    if missing:
        raise BackupError(f"数据库尚未完成迁移，缺少数据表：{', '.join(missing)}。请先运行 dangjian migrate")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as zf:
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
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "django": django.get_version(),
                "database_vendor": connection.vendor,
                "apps": [c.label for c in schema.covered_app_configs()],
                "migrations": migrations,
                "tables": tables,
                "total_rows": sum(t["rows"] for t in tables),
                "media": _dump_media(zf),
            }
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, out_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return manifest

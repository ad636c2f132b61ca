"""Uploaded rosters kept between validate and commit: MEDIA_ROOT/imports/<token>.<ext> plus <token>.json.

A token belongs to the user and the org it was uploaded for; anyone else gets a 404. Files older than
a day are removed whenever a new one is stored.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_AGE = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass
class Upload:
    token: str
    path: Path
    name: str  # the file name the user uploaded
    columns: dict | None = None  # readings chosen on the preview: {column index: field or "skip"}


def _root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "imports"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _cleanup(root: Path) -> None:
    cutoff = time.time() - MAX_AGE
    for f in root.iterdir():
        try:
            if f.stat().st_mtime < cutoff:
                f.unlink()
        except OSError:
            pass


def save(uploaded, *, user, org) -> str:
    """Store an uploaded file; raise ValueError with a Chinese reason for a wrong file type."""
    name = Path(uploaded.name or "").name
    ext = Path(name).suffix.lower()
    if ext not in EXTENSIONS:
        raise ValueError("请上传 Excel 表格（.xlsx 或 .xls）")
    root = _root()
    _cleanup(root)
    token = secrets.token_urlsafe(24)
    with open(root / f"{token}{ext}", "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    meta = {"user": user.pk, "org": org.pk, "name": name, "ext": ext, "at": time.time()}
    (root / f"{token}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return token


def load(token: str, *, user, org) -> Upload:
    if not _TOKEN.match(token or ""):
        raise Http404("导入文件不存在或已过期")
    root = _root()
    try:
        meta = json.loads((root / f"{token}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404("导入文件不存在或已过期") from None
    path = root / f"{token}{meta.get('ext', '')}"
    if meta.get("user") != user.pk or meta.get("org") != org.pk or not path.is_file():
        raise Http404("导入文件不存在或已过期")
    chosen = meta.get("columns")
    columns = {int(col): fld for col, fld in chosen.items()} if isinstance(chosen, dict) else None
    return Upload(token=token, path=path, name=meta.get("name", path.name), columns=columns)


def save_columns(upload: Upload, columns: dict | None) -> None:
    """Keep the secretary's readings with the upload, so the preview, error table and commit all use them."""
    meta_path = upload.path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["columns"] = {str(col): fld for col, fld in columns.items()} if columns else None
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    upload.columns = dict(columns) if columns else None


def discard(upload: Upload) -> None:
    for f in (upload.path, upload.path.with_suffix(".json")):
        try:
            f.unlink()
        except OSError:
            pass

"""Every uploaded file passes here before it is stored, and every stored file leaves through `download`.

accept(upload) identifies the content by its bytes, never by the name or the browser's Content-Type:
  images  JPEG, PNG, GIF, WebP      re-encoded with Pillow (drops metadata and anything appended to the picture)
  PDF     %PDF-
  Office  .docx/.xlsx/.pptx         a zip whose [Content_Types].xml names the document's main part
          .doc/.xls/.ppt            an OLE2 compound file holding a Word/Excel/PowerPoint stream
Everything else (HTML, SVG, scripts, archives, executables, text...) is refused with a Chinese message naming
the file. The stored name is random; the uploader's name is kept for display and download.

download(fieldfile, name) answers with Content-Disposition: attachment and nosniff; pictures that went through
the re-encoding (stored under a random name by accept) may be shown inline.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse

IMAGE, DOCUMENT = "image", "document"
DEFAULT_LIMITS = {IMAGE: 10 * 1024 * 1024, DOCUMENT: 20 * 1024 * 1024}
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is already far beyond any phone; bigger is a decompression bomb

ALLOWED_ZH = "照片（JPG、PNG、GIF、WebP）、PDF 或 Office 文档（Word、Excel、PowerPoint）"
IMAGES_ZH = "照片（JPG、PNG、GIF、WebP）"

# sniffed type -> (extension, content type, kind)
TYPES = {
    "jpeg": (".jpg", "image/jpeg", IMAGE),
    "png": (".png", "image/png", IMAGE),
    "gif": (".gif", "image/gif", IMAGE),
    "webp": (".webp", "image/webp", IMAGE),
    "pdf": (".pdf", "application/pdf", DOCUMENT),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCUMENT),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DOCUMENT),
    "pptx": (".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", DOCUMENT),
    "doc": (".doc", "application/msword", DOCUMENT),
    "xls": (".xls", "application/vnd.ms-excel", DOCUMENT),
    "ppt": (".ppt", "application/vnd.ms-powerpoint", DOCUMENT),
}
# Extensions that may stay on the uploader's name for each type (else the right one is put on).
NAME_EXTENSIONS = {"jpeg": (".jpg", ".jpeg", ".jpe", ".jfif")}

# The main part of each Office Open XML document, as declared in [Content_Types].xml (ECMA-376 Part 2).
# Macro-enabled variants (.docm, .xlsm, .pptm) declare other types and are refused.
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE2 directory are UTF-16LE; each application writes its own main stream.
OLE2_STREAMS = [("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"), ("PowerPoint Document", "ppt")]

PILLOW_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
RANDOM_NAME = re.compile(r"(^|/)[0-9a-f]{32}(\.[a-z]+$|/)")


@dataclass
class Accepted:
    file: ContentFile  # content to store (re-encoded for images), named for the FileField
    name: str  # the uploader's file name (extension matching the content), for display and download
    type: str  # key of TYPES
    kind: str  # IMAGE or DOCUMENT


def sniff(data: bytes) -> str | None:
    """The type of a whole file's bytes (a key of TYPES), or None when it is not one we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    if data.startswith(OLE2_MAGIC):
        for stream, kind in OLE2_STREAMS:
            if stream.encode("utf-16-le") in data:
                return kind
    return None


def _ooxml(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:  # a real one is a few KB; do not inflate a bomb
                return None
            types = zf.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, OSError, EOFError):
        return None
    for content_type, kind in OOXML_MAIN.items():
        if f'ContentType="{content_type}"' in types:
            return kind
    return None


def _size_zh(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _refuse(field, message):
    raise ValidationError({field: message} if field else message)


def _display_name(original: str, type_: str) -> str:
    base = os.path.basename(original.replace("\\", "/")).strip() or "文件"
    stem, ext = os.path.splitext(base)
    allowed = NAME_EXTENSIONS.get(type_, (TYPES[type_][0],))
    if ext.lower() not in allowed:  # e.g. a PNG named 照片.svg is stored and offered as 照片.png
        base = (stem or base) + TYPES[type_][0]
    if len(base) > 120:
        stem, ext = os.path.splitext(base)
        base = stem[: 120 - len(ext)] + ext
    return base


def _reencode(data: bytes, type_: str, name: str, field) -> bytes:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as img:
            if PILLOW_FORMATS.get(img.format) != type_:
                raise ValueError("format mismatch")
            if img.width * img.height > MAX_PIXELS:
                _refuse(field, f"“{name}”图片尺寸过大（{img.width}×{img.height} 像素），请缩小后再上传")
            img.load()
            img = ImageOps.exif_transpose(img)  # keep phone photos upright once the EXIF tag is gone
            out = io.BytesIO()
            if type_ == "jpeg":
                img.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            elif type_ == "png":
                img.save(out, "PNG", optimize=True)
            elif type_ == "gif":
                img.save(out, "GIF")  # first frame only: an evidence photo, not an animation
            else:
                img = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P", "PA") else "RGB")
                img.save(out, "WEBP", quality=90)
            return out.getvalue()
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file; all mean "not a picture"
        _refuse(field, f"“{name}”无法识别为图片（文件可能已损坏），请重新拍照或另存后上传")


def accept(upload, *, field: str | None = None, images_only: bool = False, keep_name_in_path: bool = False) -> Accepted:
    """Check one uploaded file; raise ValidationError (on `field` when given) naming the file and the reason.

    keep_name_in_path: for models with no column for the uploader's name, store it as <random>/<name>
    (still unguessable and collision-free) so the download can offer the original name.
    """
    name = os.path.basename((getattr(upload, "name", "") or "文件").replace("\\", "/"))
    allowed = IMAGES_ZH if images_only else ALLOWED_ZH
    limits = {**DEFAULT_LIMITS, **getattr(settings, "DANGJIAN_UPLOAD_LIMITS", {})}
    size = getattr(upload, "size", None)
    if size is not None and size > max(limits.values()):  # refuse before reading a huge file into memory
        _refuse(
            field,
            f"“{name}”太大（{_size_zh(size)}），照片最大 {_size_zh(limits[IMAGE])}，"
            f"文档最大 {_size_zh(limits[DOCUMENT])}",
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if not data:
        _refuse(field, f"“{name}”是空文件，请重新选择")
    type_ = sniff(data)
    if type_ is None or (images_only and TYPES[type_][2] != IMAGE):
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(b"<"):
            why = "网页（HTML）、SVG 图片等文本文件可能含有脚本"
        else:
            why = "不是可识别的照片或文档"
        _refuse(field, f"“{name}”不能上传：{why}；只能上传{allowed}")
    ext, _, kind = TYPES[type_]
    if len(data) > limits[kind]:
        what = "照片" if kind == IMAGE else "文档"
        _refuse(field, f"“{name}”太大（{_size_zh(len(data))}），{what}最大 {_size_zh(limits[kind])}")
    if kind == IMAGE:
        data = _reencode(data, type_, name, field)
    display = _display_name(name, type_)
    token = secrets.token_hex(16)
    stored = f"{token}/{display}" if keep_name_in_path else f"{token}{ext}"
    return Accepted(file=ContentFile(data, name=stored), name=display[:200], type=type_, kind=kind)


def accept_all(uploads, **kwargs) -> list[Accepted]:
    """Check every file first, so a refused second file leaves nothing of the first behind."""
    return [accept(u, **kwargs) for u in uploads or () if u]


def download(fieldfile, name: str | None = None) -> FileResponse:
    """Serve a stored file: attachment + nosniff; re-encoded pictures (random stored name) may show inline."""
    name = name or os.path.basename(fieldfile.name)
    fh = fieldfile.open("rb")
    head = fh.read(64)
    fh.seek(0)
    type_ = sniff(head)  # enough bytes for the picture and PDF signatures; Office files stay attachments
    inline = type_ is not None and TYPES[type_][2] == IMAGE and bool(RANDOM_NAME.search(fieldfile.name))
    resp = FileResponse(fh, as_attachment=not inline, filename=name)
    # Only a re-encoded picture gets a real type; anything else is opaque bytes the browser must save.
    resp["Content-Type"] = TYPES[type_][1] if inline else _download_type(name)
    resp["X-Content-Type-Options"] = "nosniff"
    # Even if a browser did render it, nothing in it may run.
    resp["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return resp


def _download_type(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    for e, content_type, _ in TYPES.values():
        if e == ext:
            return content_type
    return "application/octet-stream"

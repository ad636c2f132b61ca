"""Chinese download names: "飞龙中学党支部2026年度民主评议结果.xlsx", sent with RFC 6266/5987 headers.

Browsers read ``filename*=UTF-8''…`` (percent-encoded UTF-8); the plain ``filename="…"`` is an ASCII
fallback (pinyin) for old clients that cannot decode it.
"""

import re
from urllib.parse import quote

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
ZIP = "application/zip"
_MIME = {"xlsx": XLSX, "docx": DOCX, "pdf": PDF, "csv": CSV, "zip": ZIP}

# Characters Windows forbids in a file name, plus control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def clean_filename(name: str) -> str:
    """Drop characters a file system refuses; collapse blanks."""
    name = _FORBIDDEN.sub("", name)
    return re.sub(r"\s+", " ", name).strip() or "download"


def download_name(org_name: str = "", year=None, what: str = "", ext: str = "xlsx") -> str:
    """("飞龙中学党支部", 2026, "民主评议结果", "xlsx") -> "飞龙中学党支部2026年度民主评议结果.xlsx".

    ``year`` may be an int (年度), a ready string such as "2026年11月" or "2026年11月22日", or None.
    """
    if year is None or year == "":
        period = ""
    elif isinstance(year, int) or str(year).isdigit():
        period = f"{int(year)}年度"
    else:
        period = str(year)
    return clean_filename(f"{org_name}{period}{what}.{ext.lstrip('.')}")


def _ascii_fallback(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    try:
        from pypinyin import lazy_pinyin

        stem = "".join(lazy_pinyin(stem))
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        pass
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem.encode("ascii", "ignore").decode()).strip("_") or "download"
    return f"{stem}.{ext}" if ext else stem


def content_disposition(filename: str, inline: bool = False) -> str:
    """``attachment; filename="pinyin.xlsx"; filename*=UTF-8''%E9%A3%9E…``."""
    filename = clean_filename(filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{_ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes, filename: str, mime: str | None = None, *, inline: bool = False) -> HttpResponse:
    """An HttpResponse that downloads ``content`` under its Chinese name."""
    if mime is None:
        mime = _MIME.get(filename.rpartition(".")[2].lower(), "application/octet-stream")
    resp = HttpResponse(content, content_type=mime)
    resp["Content-Disposition"] = content_disposition(filename, inline=inline)
    return resp

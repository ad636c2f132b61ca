"""Real files for upload tests, made by independent writers (Pillow, openpyxl, python-docx) or shipped data,
so the upload check is tested against the formats as the world writes them, not against its own idea of them."""

import io
from pathlib import Path

DATA = Path(__file__).parent / "members" / "data"


def png(size=(40, 30), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg(size=(64, 48), color=(30, 120, 200), exif_comment: str | None = None) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    img = Image.new("RGB", size, color)
    if exif_comment is None:
        img.save(out, "JPEG", quality=92)
    else:
        exif = Image.Exif()
        exif[0x010E] = exif_comment  # ImageDescription
        img.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def pdf() -> bytes:
    """A one-page PDF written by Pillow's PDF writer."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, "PDF")
    return out.getvalue()


def xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "党费明细"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx() -> bytes:
    import docx as python_docx

    doc = python_docx.Document()
    doc.add_paragraph("会议记录")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xls() -> bytes:
    """A real Excel 97-2003 (.xls, OLE2) workbook from the roster test data."""
    return (DATA / "roster.xls").read_bytes()


HTML = (
    b"<!doctype html><html><body><script>fetch('/api/v1/members/').then(r=>r.text()).then(alert)</script></body></html>"
)
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
    b'onload="alert(document.cookie)"><rect width="10" height="10"/></svg>'
)

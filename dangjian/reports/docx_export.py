"""Write a draft (list of paragraphs) as an official .docx (GB/T 9704-2012, via dangjian.lib.office.word).

Paragraph styles of a draft: title, subtitle, h1 / h2 / h3 (Word's 标题 1/2/3: 一、 （一） 1.), body, signature.
A signature paragraph carries {"org": name, "date": "YYYY-MM-DD"} or its text lines ("org\\n2026年12月31日").
"""

import datetime
import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangjian.lib.office import word
from dangjian.lib.office.docx_fonts import set_font

_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}


def _font(run, name: str, size: int, bold: bool = False):
    """Kept for callers that style a run directly (eastAsia face set)."""
    set_font(run, name, size, bold)


def _parse_day(text: str) -> datetime.date | None:
    text = (text or "").strip()
    m = _ZH_DATE.fullmatch(text)
    if m:
        try:
            return datetime.date(*map(int, m.groups()))
        except ValueError:
            return None
    try:
        return datetime.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def _signature(doc, p: dict):
    if p.get("org") or p.get("date"):
        day = _parse_day(str(p.get("date") or ""))
        word.add_signature(doc, p.get("org") or "", day)
        return
    lines = [ln.strip() for ln in (p.get("text") or "").split("\n") if ln.strip()]
    if not lines:
        return
    day = _parse_day(lines[-1])
    if day is not None:
        lines = lines[:-1]
    word.add_signature(doc, "".join(lines[:1]), day)
    for extra in lines[1:]:  # more than one signer: each right-aligned above the date is unusual; keep the text
        word.add_plain(doc, extra, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _signature_org(paragraphs: list[dict]) -> str:
    for p in paragraphs:
        if p.get("style") == "signature":
            if p.get("org"):
                return p["org"]
            lines = [ln.strip() for ln in (p.get("text") or "").split("\n") if ln.strip()]
            if lines and _parse_day(lines[0]) is None:
                return lines[0]
    return ""


def paragraphs_docx(paragraphs: list[dict], *, title: str = "", author: str = "", subject: str = "") -> bytes:
    """The draft as a GB/T 9704 document; ``author`` (the issuing organization) defaults to the 落款's name."""
    if not title:
        title = "".join((p.get("text") or "").replace("\n", "") for p in paragraphs if p.get("style") == "title")
    author = author or _signature_org(paragraphs) or "中国共产党基层组织"
    doc = word.official_document(title=title, author=author, subject=subject or title)
    for p in paragraphs:
        style = p.get("style", "body")
        text = p.get("text") or ""
        if style == "signature":
            _signature(doc, p)
            continue
        if style == "title":
            # a two-line title stays one paragraph (one 标题 in the navigation), broken where the draft breaks it
            word.add_title(doc, text)
            continue
        for line in text.split("\n"):
            if not line.strip():
                continue
            if style == "subtitle":
                word.add_subtitle(doc, line)
            elif style in _HEADINGS:
                word.add_heading(doc, line, _HEADINGS[style])
            else:
                word.add_body(doc, line)
    return word.to_bytes(doc)

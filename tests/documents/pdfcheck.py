"""Reading a PDF the way a reviewer at the bureau would, with poppler's command-line tools (Debian poppler-utils):
page sizes (pdfinfo), words with their boxes (pdftotext -bbox), plain text (pdftotext), fonts (pdffonts), and
the first page as a picture (pdftoppm). No code of the project is used here."""

import html
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
A4 = (595.28, 841.89)
# GB/T 9704-2012 5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so 下白边 35 mm, 右白边 26 mm).
GB_MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120).stdout


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)


@dataclass
class Pdf:
    path: Path
    pages: list[Page]
    text: str
    fonts: list[tuple[str, str]]  # (name, emb)

    @property
    def flat(self) -> str:
        """The text without any white space: sentences read across line and page breaks."""
        return re.sub(r"\s+", "", self.text)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', re.S)


def read(path: Path) -> Pdf:
    bbox = run("pdftotext", "-bbox", str(path), "-")
    pages = [
        Page(
            float(w),
            float(h),
            [Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body)],
        )
        for w, h, body in _PAGE.findall(bbox)
    ]
    fonts = []
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 6:
            fonts.append((cols[0], cols[-5]))  # … emb sub uni object ID
    return Pdf(path, pages, run("pdftotext", str(path), "-"), fonts)


def first_page_png(path: Path, out_prefix: Path) -> None:
    run("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(out_prefix))


def is_a4(page: Page) -> bool:
    """210 mm × 297 mm (595 × 842 pt) ± 2 pt, upright or turned (a wide table is printed 横排 on A4)."""
    w, h = sorted((page.width, page.height))
    return abs(w - A4[0]) <= 2 and abs(h - A4[1]) <= 2


def page_number_words(page: Page) -> list[Word]:
    """Words in the bottom 15 % or the top 10 % of the page, where a page number is printed."""
    return [w for w in page.words if w.y0 >= page.height * 0.85 or w.y1 <= page.height * 0.10]


def numbered(page: Page, n: int, dashes: bool) -> bool:
    """The page carries its number n: "— n —" (GB/T 9704 7.5) when dashes, else n in any form (第n页, n/7 …)."""
    zone = page_number_words(page)
    if dashes:
        line = "".join(w.text for w in sorted(zone, key=lambda w: (round(w.y0), w.x0)))
        return re.search(rf"[—–-]{n}[—–-]", line) is not None
    return any(str(n) in re.findall(r"\d+", w.text) for w in zone)


HANGING = "。，、；：？！）》”’"


def outside_text_block(page: Page, tolerance_mm: float = 3) -> list[Word]:
    """Words outside the GB/T 9704 版心 (± tolerance), leaving out the page number below it."""
    m, t = GB_MARGINS, tolerance_mm * MM
    left, right = m["left"] * MM - t, page.width - m["right"] * MM + t
    top, bottom = m["top"] * MM - t, page.height - m["bottom"] * MM + t
    out = []
    for w in page.words:
        if w.y0 >= bottom - t and re.fullmatch(r"[—–\-\d\s]+", w.text):
            continue  # the page number, 7 mm below the text block
        x1 = w.x1
        if len(w.text) > 1 and w.text[-1] in HANGING:  # 标点溢出边界: a line-end 。，、 may hang into the margin
            x1 -= (w.x1 - w.x0) / len(w.text)
        if w.x0 < left or x1 > right or w.y0 < top or w.y1 > bottom:
            out.append(w)
    return out


# What no document handed to the bureau may say.
# "系统": the software speaking ("系统中未录入", "由党建系统生成", "本系统自当月起计"). The word has honest uses
# (教育系统), but the software uses the same words about itself, so none is let through.
SYSTEM = re.compile("系统")
RULE_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2,}-\d{2}(?!\d)")
PLACEHOLDER = re.compile(r"X人|XX|××|(?<![A-Za-z])(?:None|nan|NaN|TODO)(?![A-Za-z])|（未填写）")
ENGLISH = re.compile(r"[A-Za-z]{2,}")
# Roman letters a Chinese official document does use. Kept short on purpose: an org code such as "FLZX" or a
# word such as "Page" is the system talking, not the secretary.
ENGLISH_OK = {"PDF"}


def english_words(text: str) -> list[str]:
    return sorted({w for w in ENGLISH.findall(text) if w not in ENGLISH_OK})


def repeated_sentences(flat_text: str, min_chars: int = 8) -> list[str]:
    """Sentences (ended by 。！？) said twice or more. Table cells rarely end with 。, so tables are not counted."""
    seen, twice = set(), []
    for s in re.split(r"(?<=[。！？])", flat_text):
        s = s.strip()
        if len(re.findall(r"[\u4e00-\u9fff]", s)) < min_chars or not s.endswith(("。", "！", "？")):
            continue
        if s in seen and s not in twice:
            twice.append(s)
        seen.add(s)
    return twice

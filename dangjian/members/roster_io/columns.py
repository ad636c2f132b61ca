"""Which field each roster column is read as: by its header, and for headers that mean different things in
different rosters (人员类别, 党员类别, 类别, 身份, 职务) also by the values it holds.

Real rosters use 人员类别 both for 正式/预备 (our `status`) and for 在职/离退休 (our `category`), and 党员类别
the other way round; 职务 is a post (校长, 教师) in some and a professional title (高级教师) in others. Reading
such a column by its name alone turned a good 60,000-row roster into 120,000 value errors.

`decide_columns` is pure (no database, no files): the importer passes the header row and a sample of each
ambiguous column's non-blank values, plus any reading the secretary chose on the preview or with --column.
"""

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from . import parse

SAMPLE = 200  # non-blank values looked at per ambiguous column

# How a reading is named to the secretary: "「人员类别」按 在职/离退休 读取".
READING = {
    "status": "正式/预备",
    "category": "在职/离退休",
    "post": "工作岗位",
    "professional_title": "专业技术职务",
}
SKIP = "skip"
SKIP_LABEL = "不导入"

# Words accepted for a reading in `dangjian import-roster --column 人员类别=...`.
_READING_WORDS = {
    **{f: f for f in READING},
    **{label: f for f, label in READING.items()},
    "正式/预备党员": "status",
    "人员类别": "status",
    "党员身份": "status",
    "正式": "status",
    "预备": "status",
    "在职/退休": "category",
    "党员类别": "category",
    "在职": "category",
    "离退休": "category",
    "岗位": "post",
    "专业技术职务（职称）": "professional_title",
    "职称": "professional_title",
    SKIP: SKIP,
    SKIP_LABEL: SKIP,
    "ignore": SKIP,
    "none": SKIP,
    "忽略": SKIP,
}


class ColumnChoiceError(ValueError):
    """A chosen reading cannot be used (unknown column or reading, or two columns read as one field)."""


@dataclass(frozen=True)
class Choice:
    """How one ambiguous column is read, and why (shown on the preview page and by the CLI)."""

    col: int
    header: str  # as written in the file
    field: str | None  # None: not imported
    options: tuple  # fields the secretary may pick for this column (SKIP is always allowed too)
    why: str
    chosen: bool = False  # the secretary picked it (preview page or --column)

    @property
    def value(self) -> str:
        return self.field or SKIP

    @property
    def summary(self) -> str:
        if self.field is None:
            return f"「{self.header}」{SKIP_LABEL}"
        return f"「{self.header}」按 {READING[self.field]} 读取"

    def line(self) -> str:
        return f"{self.summary}（{self.why}）"


@dataclass
class Decision:
    columns: dict  # column index -> field, every column that is imported
    choices: list = dc_field(default_factory=list)  # Choice per ambiguous column, in column order


def reading_field(text: str) -> str:
    """A reading typed by a person ("category", "在职/离退休", "不导入") as a field name or SKIP."""
    key = parse.normalize_header(text)
    found = _READING_WORDS.get(key) or _READING_WORDS.get(key.lower())
    if found is None:
        allowed = "、".join([*READING, *READING.values(), SKIP_LABEL])
        raise ColumnChoiceError(f"不认识的读法“{text}”，可写：{allowed}")
    return found


def _fits(fld: str, values: list) -> int:
    """How many of the values are a way of writing this field (free-text fields fit nothing by value)."""
    if parse.BY_FIELD[fld].kind != "enum":
        return 0
    n = 0
    for raw in values:
        try:
            parse.enum_value(fld, raw)
        except ValueError:
            continue
        n += 1
    return n


def _bare(header) -> str:
    """A header without spaces, marks and a bracketed note: "人员类别（在职/退休）" -> "人员类别"."""
    return re.sub(r"[(（][^)）]*[)）]", "", parse.normalize_header(header))


def _resolve_overrides(overrides: dict, headers: list, ambiguous: list[int]) -> dict[int, str]:
    """Keys may be column indexes (the preview page) or header text (the CLI); values fields, SKIP or None."""
    out: dict[int, str] = {}
    for key, value in (overrides or {}).items():
        fld = SKIP if value in (None, "", SKIP) else value
        if fld != SKIP and fld not in READING:
            fld = reading_field(fld)
        if isinstance(key, int):
            cols = [key] if key in ambiguous else []
        else:
            wanted = _bare(key)
            cols = [c for c in ambiguous if wanted in (parse.normalize_header(headers[c]), _bare(headers[c]))]
        if not cols:
            names = "、".join(f"「{parse.clean_text(headers[c])}」" for c in ambiguous) or "（无）"
            raise ColumnChoiceError(f"表中没有需要选择读法的列“{key}”；可以选择读法的列：{names}")
        for c in cols:
            out[c] = fld
    return out


def decide_columns(headers: list, samples: dict[int, list], overrides: dict | None = None) -> Decision:
    """Map every recognised column to a field.

    headers: the header row's cells; samples: column index -> its first non-blank values (only ambiguous
    columns are looked at); overrides: {column index or header text: field | "skip"}.

    A header with one meaning takes its field (the first such column wins, as before). An ambiguous column
    goes to the candidate more than half of its values are written as; a column whose values fit none of
    its candidates keeps its name-based reading (the first candidate; the other one if another column
    already supplies that) and its rows then get the usual value errors. When two columns compete for one
    field, the clearer fit takes it; a column whose values fit only a field another column already
    supplies is not imported (职务 falls back to the post), and says so. Chosen readings come first.
    """
    candidates = {col: parse.header_candidates(h) for col, h in enumerate(headers)}
    candidates = {col: c for col, c in candidates.items() if c}
    columns: dict[int, str] = {}
    owner: dict[str, int] = {}
    for col, cands in candidates.items():
        if len(cands) == 1 and cands[0] not in owner:
            owner[cands[0]] = col
            columns[col] = cands[0]
    fixed = dict(owner)
    ambiguous = [col for col, cands in candidates.items() if len(cands) > 1]
    forced = _resolve_overrides(overrides, headers, ambiguous)

    def label(col: int) -> str:
        return parse.clean_text(headers[col])

    def options(col: int) -> tuple:
        return tuple(f for f in candidates[col] if f not in fixed)

    choices: dict[int, Choice] = {}

    def take(col: int, fld: str | None, why: str, chosen: bool = False) -> None:
        if fld is not None:
            owner[fld] = col
            columns[col] = fld
        choices[col] = Choice(col=col, header=label(col), field=fld, options=options(col), why=why, chosen=chosen)

    # 1. what the secretary chose
    for col in sorted(forced):
        fld = forced[col]
        if fld == SKIP:
            take(col, None, "已选择不导入此列", chosen=True)
            continue
        if fld not in candidates[col]:
            allowed = "、".join(READING[f] for f in candidates[col])
            raise ColumnChoiceError(f"「{label(col)}」只能按 {allowed} 读取或不导入，不能按 {READING[fld]} 读取")
        if fld in owner:
            raise ColumnChoiceError(
                f"「{label(owner[fld])}」和「{label(col)}」不能都按 {READING[fld]} 读取，请把其中一列改为其他读法或“{SKIP_LABEL}”"
            )
        take(col, fld, "已手动选择", chosen=True)

    # 2. the rest by their values: the clearest fit claims its field first
    scored = []
    for col in ambiguous:
        if col in forced:
            continue
        values = [v for v in samples.get(col, ()) if not parse.is_blank(v)][:SAMPLE]
        fits = {f: _fits(f, values) for f in candidates[col]}
        best = max(candidates[col], key=lambda f: fits[f])  # max keeps the name order on ties
        share = fits[best] / len(values) if values else 0.0
        scored.append((-share, col, values, fits, best if 2 * fits[best] > len(values) else None))
    for _, col, values, fits, best in sorted(scored, key=lambda s: (s[0], s[1])):
        cands = candidates[col]
        if best is not None:
            how = f"前{len(values)}个非空值中有{fits[best]}个是{READING[best]}"
            spare = [f for f in cands if parse.BY_FIELD[f].kind != "enum" and f not in owner]
            if best not in owner:
                take(col, best, how)
            elif spare:  # e.g. 职务 full of titles while 职称 gives the titles: keep it as the post, as before
                take(
                    col,
                    spare[0],
                    f"{how}，但{READING[best]}已由「{label(owner[best])}」读取，按{READING[spare[0]]}读取",
                )
            else:
                take(col, None, f"{how}，但{READING[best]}已由「{label(owner[best])}」读取，本列不导入")
            continue
        text_fields = [f for f in cands if parse.BY_FIELD[f].kind != "enum"]
        if text_fields:  # free text fits any value: read it as text, or not at all (as a duplicate was before)
            targets = text_fields[:1]
            why = "内容不是" + "、".join(READING[f] for f in cands if f not in text_fields) + "的写法"
        else:  # keep the name-based reading; its rows then get the usual value errors
            targets = list(cands)
            why = "内容既不像" + "，也不像".join(READING[f] for f in cands) + "，按列名读取，不能识别的值会逐行列出"
        if not values:
            why = "此列没有内容，按列名读取"
        free = [f for f in targets if f not in owner]
        if free:
            take(col, free[0], why)
        else:
            taken = "、".join(f"{READING[f]}已由「{label(owner[f])}」读取" for f in targets)
            take(col, None, f"{taken}，本列不导入")
    return Decision(columns=dict(sorted(columns.items())), choices=[choices[c] for c in sorted(choices)])

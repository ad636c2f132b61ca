"""LocalSettings <-> JSON, Chinese labels of setting values, and the per-field descriptions."""

from __future__ import annotations

from dataclasses import fields
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from dangjian.rules.settings import DEFAULTS, LocalSettings

# Chinese labels for choice values (the engine keeps codes); unknown values show as they are.
VALUE_ZH = {
    True: "是",
    False: "否",
    "mar1": "3月1日",
    "feb28": "2月28日",
    "quarterly": "每季度1次",
    "twice_per_half_year": "每半年2次",
    "yearly": "每年1次",
    "none": "不作统一要求",
    "present": "实到会人数",
    "expected": "应到会人数",
    "per_month": "按月核定（随工资变化）",
    "annual": "年初核定（年内不变）",
    "approval": "上级党委审批日期",
    "meeting": "支部大会通过日期",
    ROUND_HALF_UP: "四舍五入",
    ROUND_DOWN: "舍去",
    ROUND_UP: "进一",
}
QUANTUM_ZH = {Decimal("0.01"): "分（0.01元）", Decimal("0.1"): "角（0.1元）", Decimal("1"): "元（取整）"}
# Extra choices for knobs the engine leaves open.
EXTRA_CHOICES = {"dues_rounding": (ROUND_HALF_UP, ROUND_DOWN, ROUND_UP)}


def value_zh(name: str, value) -> str:
    if name == "dues_quantum":
        return QUANTUM_ZH.get(Decimal(str(value)), f"{value}元")
    if isinstance(value, bool):
        return VALUE_ZH[value]
    if name == "appraisal_grades":
        return f"{value}个等次"
    if isinstance(value, (str, bool)) and value in VALUE_ZH:
        return VALUE_ZH[value]
    return str(value)


def _field_map():
    return {f.name: f for f in fields(LocalSettings)}


NAMES: tuple[str, ...] = tuple(f.name for f in fields(LocalSettings))


def label(name: str) -> str:
    f = _field_map().get(name)
    return f.metadata["label_zh"] if f else name


def decode(values: dict) -> dict:
    """Stored JSON → typed keyword arguments for LocalSettings (unknown keys dropped)."""
    out = {}
    for name, f in _field_map().items():
        if name not in values:
            continue
        raw, default = values[name], f.default
        if isinstance(default, bool):
            if isinstance(raw, str):
                if raw.strip().lower() not in ("true", "false", "1", "0", "on", "off", "是", "否", ""):
                    raise ValueError(f"{raw!r} is not a yes/no value")
                raw = raw.strip().lower() in ("true", "1", "on", "是")
            out[name] = bool(raw)
        elif isinstance(default, int):
            out[name] = int(raw)
        elif isinstance(default, Decimal):
            out[name] = Decimal(str(raw))
        else:
            out[name] = str(raw)
    return out


def encode(settings: LocalSettings) -> dict:
    """Only the fields that differ from the defaults, JSON-safe."""
    out = {}
    for name in _field_map():
        value = getattr(settings, name)
        if value != getattr(DEFAULTS, name):
            out[name] = str(value) if isinstance(value, Decimal) else value
    return out


def jsonable(value):
    return str(value) if isinstance(value, Decimal) else value


def build(values: dict) -> LocalSettings:
    """LocalSettings from stored values; raises ValueError (engine validation) on bad values."""
    return LocalSettings(**decode(values))


def choices_for(name: str, f=None) -> tuple:
    f = f or _field_map()[name]
    return tuple(f.metadata.get("choices") or ()) or EXTRA_CHOICES.get(name, ())

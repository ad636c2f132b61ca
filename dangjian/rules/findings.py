"""Findings: what every rule check returns.

A finding names its rule (an ID of regulations.md), a level and a Chinese message that
ends with the citation, e.g. 「……（DEV-07，《中国共产党发展党员工作细则》第十三条）」.

Levels follow GEN-04: ``error`` where the text says 必须/不得/不能 (or the condition is a
precondition of validity), ``warning`` for 一般/原则上 and missed "应当" deadlines,
``info`` for notices that need no correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[str, ...] = ("error", "warning", "info")

_STRICT_WORDS = ("必须", "不得", "不能")
_SOFT_WORDS = ("一般", "原则上")


@dataclass(frozen=True)
class Finding:
    """One result of a rule check (see DESIGN.md "Rules are pure and explain themselves").

    ``code`` is an optional stable machine code (e.g. ``UNDER_18``, ``LAPSE_REVIEW``) that
    regulations.md names for some outcomes; it is not shown to users.
    """

    rule_id: str
    level: Level
    message_zh: str
    due_date: date | None = None
    subject: str | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown finding level {self.level!r}")

    def as_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "level": self.level,
            "message_zh": self.message_zh,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "subject": self.subject,
            "code": self.code,
        }


def level_for_wording(text: str) -> Level:
    """GEN-04: 必须/不得/不能 → error; 一般/原则上 → warning; anything else → warning."""
    if any(word in text for word in _STRICT_WORDS):
        return "error"
    return "warning"


def citation(rule_id: str, version: str | None = None) -> str:
    """The bracketed citation that ends a message, e.g. 「（DEV-03，《…细则》第七条）」."""
    from .catalog import get_rule  # local import: catalog has no dependencies on us

    rule = get_rule(rule_id)
    return f"（{rule_id}，{rule.cite(version)}）"


def make(
    rule_id: str,
    level: Level,
    text: str,
    *,
    due_date: date | None = None,
    subject: str | None = None,
    code: str | None = None,
    version: str | None = None,
) -> Finding:
    """Build a finding whose message is ``text`` followed by the rule's citation."""
    text = text.rstrip("。")
    return Finding(rule_id, level, f"{text}{citation(rule_id, version)}", due_date, subject, code)


def worst(findings: list[Finding]) -> Level | None:
    """The most severe level among findings, or None when there are none."""
    for level in LEVELS:
        if any(f.level == level for f in findings):
            return level
    return None

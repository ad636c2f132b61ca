"""Dated events of a development case and a small read-only view over them.

An event is a dict ``{"step": code, "date": date, "data": {...}}`` or any object with
``step``, ``date`` and ``data`` attributes; a mapping ``{step: date}`` is also accepted
(the 时间节点计算器 enters one date per step). Step codes are those of ``steps.STEPS``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping, NamedTuple

from .steps import STEP_BY_CODE


class Event(NamedTuple):
    step: str
    date: date
    data: Mapping[str, Any]


def _one(raw) -> Event:
    if isinstance(raw, Event):
        return raw
    if isinstance(raw, Mapping):
        step, day, data = raw["step"], raw["date"], raw.get("data") or {}
    else:
        step, day, data = raw.step, raw.date, getattr(raw, "data", None) or {}
    if step not in STEP_BY_CODE:
        raise ValueError(f"unknown development step {step!r}")
    if not isinstance(day, date):
        raise TypeError(f"event {step!r} needs a date, got {day!r}")
    return Event(step, day, data)


def normalize(events: Iterable | Mapping[str, date]) -> list[Event]:
    """Events as ``Event`` tuples sorted by date (stable for the same day)."""
    if isinstance(events, Mapping):
        items = [{"step": k, "date": v} for k, v in events.items() if v is not None]
    else:
        items = list(events)
    return sorted((_one(e) for e in items), key=lambda e: e.date)


class Case:
    """Lookups over a case's normalised events."""

    def __init__(self, events):
        self.events = normalize(events)

    def all(self, step: str) -> list[Event]:
        return [e for e in self.events if e.step == step]

    def first(self, step: str) -> Event | None:
        found = self.all(step)
        return found[0] if found else None

    def last(self, step: str) -> Event | None:
        found = self.all(step)
        return found[-1] if found else None

    def has(self, step: str) -> bool:
        return any(e.step == step for e in self.events)

    def flag(self, key: str) -> bool:
        """True when any event's data sets ``key`` (e.g. ``mobile``)."""
        return any(bool(e.data.get(key)) for e in self.events)

    def value(self, key: str, *steps: str):
        """The first value of ``key`` in the data of the given steps (any step when none given)."""
        for e in self.events:
            if (not steps or e.step in steps) and e.data.get(key) is not None:
                return e.data[key]
        return None

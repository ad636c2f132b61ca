"""Composition statistics for the root org (dangjian.members.stats.composition)."""

from .timing import sample


def measure(org, *, runs: int, warmup: int) -> dict:
    try:
        from dangjian.members.stats import composition
    except ImportError as exc:
        return {"status": "not available", "reason": str(exc)}
    result = {}

    def call():
        result["value"] = composition(org)

    out = sample(call, runs=runs, warmup=warmup)
    value = result.get("value") or {}
    out["members_counted"] = value.get("members", value.get("total"))
    return out

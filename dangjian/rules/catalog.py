"""The rule catalogue: every rule of regulations.md as data (nothing is parsed at run time).

``RULES`` is ordered as in regulations.md. Each entry has the ID, a Chinese title, a short
Chinese summary written for dangjian, the source document and article, the confidence
(T verified-from-text, S secondary source, R recalled, C project convention), the local
settings that bend it (``Rule.setting_keys``, from LocalSettings metadata) and the functions
that compute it (``Rule.functions``; empty means catalogued only).
"""

from __future__ import annotations

from ._catalog_br_life_fee import BR_RULES, FEE_RULES, LIFE_RULES
from ._catalog_gen_dev import DEV_RULES, GEN_RULES
from ._catalog_misc import CON_RULES, EDU_RULES, MGMT_RULES, OTHER_RULES
from ._rule import CONFIDENCE_ZH, Rule

__all__ = ["RULES", "Rule", "CONFIDENCE_ZH", "get_rule", "rules_with_prefix", "rule_ids", "catalogue_only", "as_rows"]

RULES: list[Rule] = [
    *GEN_RULES,
    *DEV_RULES,
    *BR_RULES,
    *LIFE_RULES,
    *FEE_RULES,
    *EDU_RULES,
    *MGMT_RULES,
    *OTHER_RULES,
    *CON_RULES,
]

_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
if len(_BY_ID) != len(RULES):  # pragma: no cover - guards against a copy-paste slip
    raise RuntimeError("duplicate rule id in the catalogue")


def get_rule(rule_id: str) -> Rule:
    """The catalogue entry for ``rule_id``; KeyError for an unknown ID."""
    return _BY_ID[rule_id]


def rule_ids() -> list[str]:
    return [r.id for r in RULES]


def rules_with_prefix(prefix: str) -> list[Rule]:
    """All rules of one family, e.g. ``rules_with_prefix("FEE")``."""
    return [r for r in RULES if r.id.split("-")[0] == prefix]


def catalogue_only() -> list[Rule]:
    """Rules with no computing function (see the closing note of the engine)."""
    return [r for r in RULES if not r.computable]


def as_rows() -> list[dict]:
    """Plain dicts for the 规则库 page and the API."""
    return [
        {
            "id": r.id,
            "title_zh": r.title_zh,
            "summary_zh": r.summary_zh,
            "source_zh": r.source_zh,
            "confidence": r.confidence,
            "confidence_zh": CONFIDENCE_ZH[r.confidence],
            "settings": list(r.setting_keys),
            "computable": r.computable,
        }
        for r in RULES
    ]

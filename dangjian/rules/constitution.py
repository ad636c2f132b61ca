"""党章 articles the engine relies on (CON-01 … CON-11), as data, and the oath (CON-03).

Verified against a copy of the 2017 党章; "unchanged in 2022" is recalled (regulations.md §8).
"""

from __future__ import annotations

from typing import NamedTuple


class Article(NamedTuple):
    rule_id: str
    article_zh: str
    used_by: tuple[str, ...]


ARTICLES: tuple[Article, ...] = (
    Article("CON-01", "第一条", ("DEV-01", "GEN-05", "FEE-02")),
    Article("CON-02", "第五条", ("DEV-09", "DEV-14")),
    Article("CON-03", "第六条", ("DEV-18",)),
    Article("CON-04", "第七条", ("DEV-19", "DEV-20", "DEV-24")),
    Article("CON-05", "第八条", ("MGMT-04",)),
    Article("CON-06", "第九条", ("FEE-12", "MGMT-06")),
    Article("CON-07", "第十条", ("PUB-01", "PUB-02")),
    Article("CON-08", "第十一条", ("BR-07",)),
    Article("CON-09", "第三十条", ("BR-01",)),
    Article("CON-10", "第三十一条", ("BR-04", "BR-06")),
    Article("CON-11", "第三十四条", ()),
)

# CON-03: the oath of 党章第六条.
OATH_TEXT = (
    "我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，"
    "保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。"
)


def article_for(rule_id: str) -> Article:
    """The 党章 article behind a CON rule ID."""
    for article in ARTICLES:
        if article.rule_id == rule_id:
            return article
    raise KeyError(rule_id)


def articles_for_rule(rule_id: str) -> list[Article]:
    """党章 articles that back a non-CON rule, e.g. FEE-12 → CON-06 (第九条)."""
    return [a for a in ARTICLES if rule_id in a.used_by]

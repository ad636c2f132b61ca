"""The Rule record of the catalogue and the names of the source documents."""

from __future__ import annotations

from dataclasses import dataclass

DOC_DEV = "《中国共产党发展党员工作细则》"
DOC_BR = "《中国共产党支部工作条例（试行）》"
DOC_FEE = "《关于中国共产党党费收缴、使用和管理的规定》"
DOC_EDU = "《中国共产党党员教育管理工作条例》"
DOC_PLAN = "《全国党员教育培训工作规划》"
DOC_CON = "《中国共产党章程》"
DOC_CIVIL = "《中华人民共和国民法典》"
DOC_ELECT = "《中国共产党基层组织选举工作条例》"
DOC_TERM = "《关于党的基层组织任期的意见》"
DOC_PUB = "《中国共产党党务公开条例（试行）》"
DOC_EVAL = "《关于对党员进行民主评议的意见》"
DOC_STAT = "《党内统计年报表填报说明》"
DOC_HOLIDAY = "国务院办公厅节假日安排通知"
DOC_PROJECT = "本系统约定"

CONFIDENCE_ZH = {
    "T": "已核对文本（第三方全文）",
    "S": "二手资料",
    "R": "凭记忆，待核",
    "C": "项目约定（无条文依据）",
}


@dataclass(frozen=True)
class Rule:
    """One rule of regulations.md.

    ``functions`` are dotted names inside ``dangjian.rules`` that compute the rule; a rule
    without functions is catalogued only. ``article_2014_zh`` is set for 发展党员 rules whose
    2014 article number is known (articles 1–17 kept their numbers, 预审 was 第十九条).
    """

    id: str
    title_zh: str
    summary_zh: str
    document_zh: str
    article_zh: str
    confidence: str
    functions: tuple[str, ...] = ()
    article_2014_zh: str | None = None

    def __post_init__(self) -> None:
        if self.confidence not in CONFIDENCE_ZH:
            raise ValueError(f"{self.id}: unknown confidence {self.confidence!r}")

    @property
    def source_zh(self) -> str:
        return f"{self.document_zh}{self.article_zh}"

    @property
    def computable(self) -> bool:
        return bool(self.functions)

    @property
    def setting_keys(self) -> tuple[str, ...]:
        """Local settings that bend this rule (from the metadata of LocalSettings)."""
        from .settings import settings_for_rule

        return tuple(settings_for_rule(self.id))

    @property
    def setting(self) -> str | None:
        keys = self.setting_keys
        return keys[0] if keys else None

    def cite(self, version: str | None = None) -> str:
        """Document and article; for version '2014' of a 细则 rule, the 2014 text."""
        if version == "2014" and self.document_zh == DOC_DEV:
            return f"{DOC_DEV}（2014年）{self.article_2014_zh or ''}"
        return self.source_zh


def rule(id, title, summary, doc, article, conf, functions="", art2014=None) -> Rule:
    """Compact constructor used by the data modules; ``functions`` is space-separated."""
    return Rule(id, title, summary, doc, article, conf, tuple(functions.split()), art2014)

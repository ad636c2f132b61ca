"""党务公开 (PUB) — 《中国共产党党务公开条例（试行）》 (2017); 党章 第十条 (CON-07)."""

from __future__ import annotations

from datetime import date
from typing import Mapping

from .findings import Finding, make

# PUB-01: what a grassroots organisation discloses, and to whom by default.
DISCLOSURE_TOPICS: dict[str, str] = {
    "implementation": "贯彻落实党中央和上级组织决策部署情况",
    "org_life": "组织生活和党员教育管理情况",
    "recruitment": "发展党员情况",
    "election": "换届选举情况",
    "appraisal": "民主评议党员情况",
    "dues": "党费收缴、使用和管理情况",
    "self_building": "自身建设和服务群众情况",
}
SCOPES = ("internal", "public")  # 党内 (to members, the default) / 向社会
# PUB-02: the four steps, each needing a record.
DISCLOSURE_STEPS: tuple[tuple[str, str], ...] = (
    ("propose", "提出"),
    ("review", "审核"),
    ("approve", "审批"),
    ("publish", "实施"),
)
# PUB-03: methods per scope.
METHODS: dict[str, dict[str, str]] = {
    "internal": {"meeting": "会议", "document": "文件", "bulletin": "简报", "intranet": "内网", "notice": "公告栏"},
    "public": {"communique": "公报", "press_conference": "新闻发布会", "newspaper": "报刊", "website": "网站"},
}


def topic_scope(topic: str, *, affects_public: bool = False) -> str:
    """PUB-01: the default scope — within the organisation, or the public for matters that
    closely affect the public."""
    if topic not in DISCLOSURE_TOPICS:
        raise ValueError(f"unknown disclosure topic {topic!r}")
    return "public" if affects_public else "internal"


def disclosure_findings(steps: Mapping[str, date | None], *, subject: str | None = None) -> list[Finding]:
    """PUB-02: a publication needs a dated record of 提出 → 审核 → 审批 → 实施, in that order."""
    out = []
    previous: date | None = None
    for code, zh in DISCLOSURE_STEPS:
        when = steps.get(code)
        if when is None:
            out.append(
                make(
                    "PUB-02", "error", f"党务公开缺少“{zh}”环节的记录", subject=subject, code=f"MISSING_{code.upper()}"
                )
            )
            continue
        if previous and when < previous:
            out.append(
                make(
                    "PUB-02", "error", f"“{zh}”环节日期早于前一环节，请核对", subject=subject, code="STEP_OUT_OF_ORDER"
                )
            )
        previous = when
    return out


def method_findings(
    scope: str, method: str, *, secret: bool = False, topic: str | None = None, subject: str | None = None
) -> list[Finding]:
    """PUB-03: the method fits the scope; secrets are never disclosed; dues go by notice or meeting."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    out = []
    if secret:
        out.append(make("PUB-03", "error", "涉及党和国家秘密的内容不得公开", subject=subject, code="SECRET_CONTENT"))
    if method not in METHODS[scope]:
        where = "党内" if scope == "internal" else "向社会"
        out.append(
            make(
                "PUB-03",
                "warning",
                f"{where}公开一般采取{'、'.join(METHODS[scope].values())}等方式",
                subject=subject,
                code="METHOD_UNUSUAL",
            )
        )
    if topic == "dues" and method not in ("notice", "meeting"):
        out.append(
            make(
                "PUB-03",
                "warning",
                "党费收缴、使用和管理情况应以公告或会议形式公布",
                subject=subject,
                code="DUES_METHOD",
            )
        )
    return out

"""The documents `dangjian report` makes, by kind: shared by the command and the background tasks."""

# The file names a secretary finds in the folder: "飞龙中学党支部2026年度党建工作总结.docx".
LABELS = {
    "summary": "党建工作总结",
    "duty": "书记抓基层党建工作述职报告",
    "ledger": "党建工作台账",
    "statistics": "党内统计年报",
}


def build_document(kind, node, year, fresh=False, pdf=False) -> tuple[bytes, str]:
    """(content, where it came from) of one org's document of ``kind``."""
    if kind in ("summary", "duty"):
        from dangjian.reports.docx_export import paragraphs_docx
        from dangjian.reports.drafting import build
        from dangjian.reports.selectors import draft_for

        draft = None if fresh else draft_for(node, year, kind)
        content = paragraphs_docx(draft.paragraphs if draft else build(node, year, kind))
        return content, "已保存的草稿" if draft else "工作记录（新生成）"
    if kind == "statistics":
        from dangjian.reports.statistics import statistics_xlsx

        return statistics_xlsx(node, year), "工作记录"
    from dangjian.reports.ledger import ledger_docx, ledger_pdf

    return (ledger_pdf if pdf else ledger_docx)(node, year), "工作记录"

"""The 整改台账 as .xlsx, in the shape of the paper ledger:
序号、问题、来源、整改措施、责任人、整改时限、完成情况、销号日期."""
import io

import xlsxwriter

from .models import Status

HEADERS = ["序号", "问题", "来源", "整改措施", "责任人", "整改时限", "完成情况", "销号日期"]
WIDTHS = [6, 44, 16, 36, 10, 12, 36, 12]


def _done_text(item, today) -> str:
    if item.status == Status.CANCELLED:
        return f"已撤销：{item.cancel_reason}"
    parts = []
    if item.closure_note:
        parts.append(item.closure_note)
    if item.status == Status.CLOSED:
        parts.append("已销号")
    elif item.status == Status.DONE:
        parts.append(f"{item.reported_on:%Y-%m-%d}报告完成，待验收")
    else:
        parts.append("整改中（已逾期）" if item.is_overdue(today) else "整改中")
    return "；".join(parts)


def ledger_xlsx(title: str, items, today, *, with_org: bool = False) -> bytes:
    """with_org: add a 整改单位 column after 序号 (for the ledger of a school or bureau with several branches)."""
    headers, widths = list(HEADERS), list(WIDTHS)
    if with_org:
        headers.insert(1, "整改单位")
        widths.insert(1, 18)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("整改台账")
    title_fmt = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "bg_color": "#F2F2F2"})
    cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    struck = wb.add_format({"border": 1, "valign": "top", "text_wrap": True, "font_strikeout": True,
                            "font_color": "#808080"})
    ws.merge_range(0, 0, 0, len(headers) - 1, title, title_fmt)
    ws.set_row(0, 30)
    ws.write_row(1, 0, headers, head)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for i, item in enumerate(items, 1):
        source = item.get_source_display() + (f"（{item.rule_id}）" if item.rule_id else "")
        row = [i, item.problem, source, item.measure, item.owner.name if item.owner else "",
               f"{item.due_date:%Y-%m-%d}" if item.due_date else "", _done_text(item, today),
               f"{item.closed_on:%Y-%m-%d}" if item.closed_on else ""]
        if with_org:
            row.insert(1, item.org.name)
        ws.write_row(i + 1, 0, row, struck if item.status == Status.CANCELLED else cell)
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    wb.close()
    return buf.getvalue()

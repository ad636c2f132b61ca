"""The 整改台账 as .xlsx, in the shape of the paper ledger:
序号、问题、来源、整改措施、责任人、整改时限、完成情况、销号日期."""

import io
import re

import xlsxwriter

from dangjian.lib.office import sheets
from dangjian.lib.office.dates import zh_date

from .models import RectificationStatus

HEADERS = ["序号", "问题", "来源", "整改措施", "责任人", "整改时限", "完成情况", "销号日期"]
WIDTHS = [6, 44, 16, 36, 10, 12, 36, 12]


# Rule codes ("（LIFE-01）") that a problem's text took over from the check that found it: they are for the
# pages (检查提示), not for a ledger handed to the 党委.
_CODES = re.compile(r"（(?:[A-Z]{2,5}-\d{2}[、，,\s]*)+）|\b[A-Z]{2,5}-\d{2}\b")


def _plain(text: str) -> str:
    return _CODES.sub("", text or "")


def _done_text(item, today) -> str:
    if item.status == RectificationStatus.CANCELLED:
        return f"已撤销：{item.cancel_reason}"
    parts = []
    if item.closure_note:
        parts.append(item.closure_note)
    if item.status == RectificationStatus.CLOSED:
        parts.append("已销号")
    elif item.status == RectificationStatus.DONE:
        parts.append(f"{zh_date(item.reported_on)}报告完成，待验收")
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
    f = sheets.xw_formats(wb)
    head, cell = f["head"], wb.add_format({"border": 1, "valign": "top", "text_wrap": True, "font_name": "宋体"})
    struck = wb.add_format(
        {
            "border": 1,
            "valign": "top",
            "text_wrap": True,
            "font_strikeout": True,
            "font_color": "#808080",
            "font_name": "宋体",
        }
    )
    sheets.xw_title(ws, title, len(headers) - 1, fmt=f["title"])
    ws.write_row(1, 0, headers, head)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for i, item in enumerate(items, 1):
        # The rule code stays on the pages (检查提示); the ledger handed to the 党委 names the source in words.
        source = item.get_source_display()
        row = [
            i,
            _plain(item.problem),
            source,
            _plain(item.measure),
            item.owner.name if item.owner else "",
            f"{item.due_date:%Y-%m-%d}" if item.due_date else "",
            _plain(_done_text(item, today)),
            f"{item.closed_on:%Y-%m-%d}" if item.closed_on else "",
        ]
        if with_org:
            row.insert(1, item.org.name)
        ws.write_row(i + 1, 0, row, struck if item.status == RectificationStatus.CANCELLED else cell)
    ws.freeze_panes(2, 0)
    sheets.xw_print_setup(ws, header_row=1, last_col=len(headers) - 1)
    wb.close()
    return buf.getvalue()

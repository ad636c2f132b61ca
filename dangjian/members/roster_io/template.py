"""The downloadable import template: Chinese headers, allowed values as comments and drop-down lists."""

import io

import xlsxwriter

from dangjian.lib.office import sheets
from dangjian.orgs.models import Org, OrgKind

from . import parse

# Column order of the template (also the export's order, minus 序号 and 所在支部).
TEMPLATE_FIELDS = [
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "native_place",
    "education",
    "degree",
    "professional_title",
    "post",
    "subject",
    "phone",
    "status",
    "join_date",
    "confirmation_date",
    "category",
    "group",
    "is_mobile",
    "mobile_since",
    "is_lost_contact",
    "lost_contact_since",
]
REQUIRED = {"name", "gender", "birth_date"}
WIDTHS = {"id_number": 22, "phone": 14, "native_place": 12, "post": 14, "professional_title": 13, "group": 12}
NOTES = {
    "name": "必填。",
    "gender": "男 或 女。填了身份证号可不填，系统按身份证号判断。",
    "ethnicity": "如：汉族、回族。",
    "birth_date": "填了身份证号可不填。日期可写 2019-11-05、2019.11.05、2019年11月5日 或 2019.11。",
    "id_number": "18位，末位可为X。本列已设为文本格式；从别处粘贴时请用“选择性粘贴→数值”，不要让它变成数字。",
    "join_date": "预备党员、正式党员必填。",
    "confirmation_date": "正式党员填写；必须晚于入党时间。",
    "status": "不填按“正式党员”导入。",
    "category": "不填按“在职”导入（离退休支部按“离退休”）。",
    "group": "填本支部已有党小组的名称，可不填。",
    "is_mobile": "是 或 否；是流动党员时请填流动开始日期。",
    "is_lost_contact": "是 或 否；是失联党员时请填失联日期。",
}


def allowed(field: str) -> list[str]:
    if field in parse.ENUM_LABELS:
        return [label for value, label in parse.ENUM_LABELS[field].choices]
    if parse.BY_FIELD[field].kind == "bool":
        return ["是", "否"]
    return []


def build_template(org: Org | None = None) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("花名册")
    title = book.add_format({"bold": True, "font_size": 14})
    hint = book.add_format({"font_color": "#666666", "text_wrap": True, "valign": "top"})
    head = book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1, "align": "center"})
    text = book.add_format({"num_format": "@"})
    name = org.name if org else "党支部"
    sheet.write_string(0, 0, f"{name} 党员花名册（导入模板）", title)
    sheet.merge_range(
        1,
        0,
        1,
        10,
        (
            "填写说明：第3行是表头，请从第4行开始填写，每人一行；带 * 的列必填。鼠标停在表头上可看到填写要求和可选值。"
            "日期可写 2019-11-05、2019.11.05、2019年11月5日 或 2019.11。有一行出错时整张表都不会导入，请按提示改正后重新上传。"
        ),
        hint,
    )
    sheet.set_row(1, 48)
    groups = list(Org.objects.filter(parent=org, kind=OrgKind.GROUP).values_list("name", flat=True)) if org else []
    for col, field in enumerate(TEMPLATE_FIELDS):
        spec = parse.BY_FIELD[field]
        label = spec.label + (" *" if field in REQUIRED else "")
        sheet.write_string(2, col, label, head)
        kind_fmt = text if spec.kind in ("id", "phone", "text", "date") else None
        sheet.set_column(col, col, WIDTHS.get(field, 11), kind_fmt)
        choices = groups if field == "group" else allowed(field)
        note = NOTES.get(field, "")
        if choices:
            note += ("可选：" if field != "group" else "本支部党小组：") + "、".join(choices)
            sheet.data_validation(
                3,
                col,
                5002,
                col,
                {
                    "validate": "list",
                    "source": choices,
                    "error_type": "warning",
                    "error_message": "请从下拉列表中选择：" + "、".join(choices)[:200],
                },
            )
        if note:
            sheet.write_comment(2, col, note, {"x_scale": 2, "y_scale": 1.5})
    sheet.freeze_panes(3, 1)
    sheets.xw_print_setup(sheet, header_row=2, last_col=len(TEMPLATE_FIELDS) - 1)
    book.close()
    return out.getvalue()

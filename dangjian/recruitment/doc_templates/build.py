"""Build the .docx templates of 发展党员 documents with the shared GB/T 9704 helper (run: python -m
dangjian.recruitment.doc_templates.build).

The outputs are committed and may be edited in Word/WPS afterwards; they contain docxtpl (Jinja) tags and the
official page (A4, 版心 156 × 225 mm, page numbers "— 1 —"), real styles (标题, 正文文本, 落款, 表格文字) and
fonts named only (仿宋_GB2312 body, 方正小标宋简体 titles), never embedded. The 落款 paragraphs are placed by
docs.render_docx from the rendered text (GB/T 9704-2012 7.3.5.2).
"""

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from dangjian.lib.office import docx_page, word

HERE = Path(__file__).resolve().parent


def _doc(title: str):
    # Properties are set again from the case when a document is rendered (docs.render_docx).
    return word.official_document(title=title, author="中国共产党基层组织", subject="发展党员工作")


def _form_table(doc, pairs):
    table = doc.add_table(rows=len(pairs), cols=2)
    table.style = doc.styles["Table Grid"]
    for i, (k, v) in enumerate(pairs):
        for c, text in enumerate((k, v)):
            cell = table.cell(i, c)
            cell.text = text
            cell.paragraphs[0].style = doc.styles[docx_page.TABLE_TEXT_STYLE]
            if c == 1:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    word.set_column_widths(table, [56, 100])
    return table


def filing():
    doc = _doc("备案表")
    word.add_title(doc, "{{ title }}")
    word.add_plain(doc, "填报单位（盖章）：{{ org_name }}")
    word.add_plain(doc, "填报日期：{{ today }}")
    _form_table(
        doc,
        [
            ("姓名", "{{ name }}"),
            ("性别", "{{ gender }}"),
            ("出生日期", "{{ birth_date }}"),
            ("学历", "{{ education }}"),
            ("工作岗位", "{{ post }}"),
            ("所在党支部", "{{ org_name }}"),
            ("递交入党申请书时间", "{{ application_date }}"),
            ("党组织派人谈话时间", "{{ talk_date }}"),
            ("确定为入党积极分子时间", "{{ activist_date }}"),
            ("推荐方式", "{{ recommendation }}"),
            ("培养联系人", "{{ mentors }}"),
            ("确定为发展对象时间", "{{ candidate_date }}"),
            ("公示情况", "{{ publicity }}"),
            ("入党介绍人", "{{ sponsors }}"),
            ("支部委员会意见", "{{ committee_opinion }}"),
        ],
    )
    word.add_plain(doc, "")
    word.add_plain(doc, "党支部书记（签字）：")
    word.add_plain(doc, "上级党委（盖章）：")
    doc.save(HERE / "filing.docx")


def publicity():
    doc = _doc("发展对象公示")
    word.add_title(doc, "关于{{ name }}同志拟确定为发展对象的公示")
    word.add_body(
        doc,
        "经党支部委员会研究并报上级党委同意，拟确定{{ name }}同志（{{ profile }}）为发展对象。"
        "该同志于{{ application_date }}递交入党申请书，{{ activist_date }}被确定为入党积极分子。",
    )
    word.add_body(
        doc,
        "根据《中国共产党发展党员工作细则》第十三条，现予公示。公示时间为{{ start }}至{{ end }}"
        "（{{ workdays }}个工作日）。公示地点：{{ channels }}。",
    )
    word.add_body(
        doc, "公示期间，党员和群众可通过来信、来电、来访等方式向党支部反映情况。反映问题应实事求是，并提供具体事实。"
    )
    word.add_signature(doc, "{{ org_name }}", None)
    doc.add_paragraph("{{ start }}", style=docx_page.SIGNATURE_STYLE)
    doc.save(HERE / "publicity.docx")


def resolution():
    doc = _doc("党员大会决议")
    word.add_title(doc, "{{ org_name }}党员大会决议")
    word.add_body(
        doc,
        "{{ meeting_date }}，{{ org_name }}召开党员大会，讨论{{ name }}同志{{ subject }}。"
        "本支部应到会有表决权的正式党员{{ expected }}名，实到会{{ present }}名，"
        "因故未到会的有表决权正式党员提交书面意见{{ written_yes }}份。",
    )
    word.add_body(
        doc, "经无记名投票表决，赞成{{ total_yes }}票（含书面意见），超过应到会有表决权正式党员的半数，{{ result }}"
    )
    word.add_plain(doc, "{%p if probation_end %}")
    word.add_body(doc, "预备期自{{ meeting_date }}起计算，至{{ probation_end }}止。")
    word.add_plain(doc, "{%p endif %}")
    word.add_body(doc, "报请上级党委审批。")
    word.add_signature(doc, "{{ org_name }}", None)
    doc.add_paragraph("{{ meeting_date }}", style=docx_page.SIGNATURE_STYLE)
    word.add_plain(doc, "")
    word.add_plain(doc, "党支部书记（签字）：")
    doc.save(HERE / "resolution.docx")


def record():
    doc = _doc("发展党员工作全程记实表")
    word.add_title(doc, "发展党员工作全程记实表")
    word.add_plain(doc, "姓名：{{ name }}　　性别：{{ gender }}　　出生日期：{{ birth_date }}")
    word.add_plain(doc, "所在党支部：{{ org_name }}　　当前阶段：{{ stage }}")
    word.add_plain(doc, "{%p if join_date %}")
    word.add_plain(
        doc, "入党时间：{{ join_date }}{% if confirmation_date %}　　转正时间：{{ confirmation_date }}{% endif %}"
    )
    word.add_plain(doc, "{%p endif %}")
    table = doc.add_table(rows=4, cols=4)
    table.style = doc.styles["Table Grid"]
    rows = [
        ("序号", "日期", "环节", "情况记载"),
        ("{%tr for s in steps %}", "", "", ""),
        ("{{ loop.index }}", "{{ s.date }}", "{{ s.name }}", "{{ s.text }}"),
        ("{%tr endfor %}", "", "", ""),
    ]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            cell.text = text
            cell.paragraphs[0].style = doc.styles[docx_page.TABLE_TEXT_STYLE]
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True
            if r == 2 and c == 3:  # 情况记载 reads as text
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    word.set_column_widths(table, [13, 42, 45, 56])
    word.add_plain(doc, "")
    word.add_plain(doc, "党支部书记（签字）：")
    word.add_plain(doc, "填表日期：{{ today }}")
    doc.save(HERE / "record.docx")


if __name__ == "__main__":
    filing()
    publicity()
    resolution()
    record()
    print("built:", ", ".join(sorted(p.name for p in HERE.glob("*.docx"))))

"""Build the .docx templates of 发展党员 documents once with python-docx (run: python build.py).

The outputs are committed and may be edited in Word/WPS afterwards; they contain docxtpl
(Jinja) tags. Fonts are referenced by name only (仿宋_GB2312 body, 宋体 tables, 黑体 titles).
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def _font(run_or_style, name: str, size: float | None = None, bold: bool = False):
    font = run_or_style.font
    font.name = name
    if size:
        font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _doc() -> Document:
    doc = Document()
    _font(doc.styles["Normal"], "仿宋_GB2312", 14)
    return doc


def _title(doc, text):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), "黑体", 18, bold=True)


def _para(doc, text, align=None):
    p = doc.add_paragraph()
    if align:
        p.alignment = align
    p.add_run(text)
    return p


def _table(doc, rows, cols):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    return table


def _cell(table, r, c, text):
    cell = table.cell(r, c)
    cell.text = text
    for p in cell.paragraphs:
        for run in p.runs:
            _font(run, "宋体", 11)


def filing():
    doc = _doc()
    _title(doc, "{{ title }}")
    _para(doc, "填报单位（盖章）：{{ org_name }}        填报日期：{{ today }}")
    pairs = [("姓名", "{{ name }}"), ("性别", "{{ gender }}"), ("出生日期", "{{ birth_date }}"),
             ("学历", "{{ education }}"), ("工作岗位", "{{ post }}"), ("所在党支部", "{{ org_name }}"),
             ("递交入党申请书时间", "{{ application_date }}"), ("党组织派人谈话时间", "{{ talk_date }}"),
             ("确定为入党积极分子时间", "{{ activist_date }}"), ("推荐方式", "{{ recommendation }}"),
             ("培养联系人", "{{ mentors }}"), ("确定为发展对象时间", "{{ candidate_date }}"),
             ("公示情况", "{{ publicity }}"), ("入党介绍人", "{{ sponsors }}"),
             ("支部委员会意见", "{{ committee_opinion }}")]
    table = _table(doc, len(pairs), 2)
    for i, (k, v) in enumerate(pairs):
        _cell(table, i, 0, k)
        _cell(table, i, 1, v)
    _para(doc, "")
    _para(doc, "党支部书记（签字）：              上级党委（盖章）：", WD_ALIGN_PARAGRAPH.LEFT)
    doc.save(HERE / "filing.docx")


def publicity():
    doc = _doc()
    _title(doc, "关于{{ name }}同志拟确定为发展对象的公示")
    _para(doc, "    经党支部委员会研究并报上级党委同意，拟确定{{ name }}同志（{{ gender }}，{{ birth_date }}出生，"
               "{{ education }}，{{ post }}）为发展对象。该同志于{{ application_date }}递交入党申请书，"
               "{{ activist_date }}被确定为入党积极分子。")
    _para(doc, "    根据《中国共产党发展党员工作细则》第十三条，现予公示。公示时间为{{ start }}至{{ end }}"
               "（{{ workdays }}个工作日）。公示地点：{{ channels }}。")
    _para(doc, "    公示期间，党员和群众可通过来信、来电、来访等方式向党支部反映情况。反映问题应实事求是，"
               "并提供具体事实。")
    _para(doc, "")
    _para(doc, "{{ org_name }}", WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ start }}", WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(HERE / "publicity.docx")


def resolution():
    doc = _doc()
    _title(doc, "{{ org_name }}党员大会决议")
    _para(doc, "    {{ meeting_date }}，{{ org_name }}召开党员大会，讨论{{ name }}同志{{ subject }}。"
               "本支部应到会有表决权的正式党员{{ expected }}名，实到会{{ present }}名，"
               "因故未到会的有表决权正式党员提交书面意见{{ written_yes }}份。")
    _para(doc, "    经无记名投票表决，赞成{{ total_yes }}票（含书面意见），超过应到会有表决权正式党员的半数，"
               "{{ result }}")
    _para(doc, "{% if probation_end %}    预备期自{{ meeting_date }}起计算，至{{ probation_end }}止。{% endif %}")
    _para(doc, "    报请上级党委审批。")
    _para(doc, "")
    _para(doc, "党支部书记（签字）：", WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ meeting_date }}", WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(HERE / "resolution.docx")


def record():
    doc = _doc()
    _title(doc, "发展党员工作全程记实表")
    _para(doc, "姓名：{{ name }}    性别：{{ gender }}    出生日期：{{ birth_date }}    所在党支部：{{ org_name }}")
    _para(doc, "当前阶段：{{ stage }}    入党时间：{{ join_date }}    转正时间：{{ confirmation_date }}")
    table = _table(doc, 4, 4)
    for c, head in enumerate(("序号", "日期", "环节", "情况记载")):
        _cell(table, 0, c, head)
    _cell(table, 1, 0, "{%tr for s in steps %}")
    for c, value in enumerate(("{{ loop.index }}", "{{ s.date }}", "{{ s.name }}", "{{ s.text }}")):
        _cell(table, 2, c, value)
    _cell(table, 3, 0, "{%tr endfor %}")
    _para(doc, "")
    _para(doc, "检查提示：{% for f in findings %}{{ f }}；{% endfor %}{% if not findings %}无{% endif %}")
    _para(doc, "党支部书记（签字）：              填表日期：{{ today }}")
    doc.save(HERE / "record.docx")


if __name__ == "__main__":
    filing()
    publicity()
    resolution()
    record()
    print("built:", ", ".join(sorted(p.name for p in HERE.glob("*.docx"))))

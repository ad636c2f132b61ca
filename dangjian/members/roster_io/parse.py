"""Reading a roster spreadsheet: which column is which, and turning cell values into field values.

Every parser raises ValueError with a Chinese reason; the importer turns that into a row problem.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..models import Category, Degree, Education, Gender, Status, Title


@dataclass(frozen=True)
class Col:
    field: str
    label: str  # the canonical Chinese header (template, export, messages)
    aliases: tuple = ()
    kind: str = "text"  # text | date | enum | bool | id | phone | group


COLUMNS = [
    Col("name", "姓名", ("党员姓名", "名字")),
    Col("gender", "性别", (), "enum"),
    Col("ethnicity", "民族"),
    Col("birth_date", "出生日期", ("出生年月", "出生年月日", "生日", "出生时间"), "date"),
    Col(
        "id_number",
        "公民身份号码",
        ("身份证号", "身份证号码", "身份证", "证件号码", "身份证件号码", "居民身份证号码"),
        "id",
    ),
    Col("native_place", "籍贯"),
    Col("education", "学历", ("文化程度", "最高学历", "学历层次"), "enum"),
    Col("degree", "学位", ("最高学位",), "enum"),
    Col("professional_title", "专业技术职务", ("职称", "专业技术职称", "专技职务", "职称等级"), "enum"),
    Col("post", "工作岗位", ("岗位", "职务", "现任职务", "行政职务", "工作单位及职务")),
    Col("subject", "任教学科", ("学科", "所教学科", "任教科目")),
    Col("phone", "联系电话", ("手机", "电话", "手机号", "手机号码", "联系方式", "电话号码"), "phone"),
    Col("status", "人员类别", ("党员身份", "政治面貌"), "enum"),
    Col("join_date", "入党时间", ("入党日期", "入党年月", "加入党组织日期", "加入党组织时间"), "date"),
    Col("confirmation_date", "转正时间", ("转正日期", "转正年月", "转为正式党员日期", "转为正式党员时间"), "date"),
    Col("category", "党员类别", ("在职情况", "人员性质", "在职状态", "工作状态"), "enum"),
    Col("group", "党小组", ("所在党小组", "党小组名称"), "group"),
    Col("is_mobile", "流动党员", ("是否流动党员",), "bool"),
    Col("mobile_since", "流动开始日期", ("流动日期", "外出流动日期", "流动时间"), "date"),
    Col("is_lost_contact", "失联党员", ("是否失联党员", "失联"), "bool"),
    Col("lost_contact_since", "失联日期", ("失去联系日期", "失联时间"), "date"),
]
BY_FIELD = {c.field: c for c in COLUMNS}
# Headers that mean different fields in different rosters: the candidates, the name-based reading first.
# columns.decide_columns picks one by the column's values.
AMBIGUOUS = {
    "人员类别": ("status", "category"),
    "党员类别": ("category", "status"),
    "类别": ("category", "status"),
    "身份": ("status", "category"),
    "职务": ("post", "professional_title"),
}
_HEADERS = {h: c.field for c in COLUMNS for h in (c.label, *c.aliases) if h not in AMBIGUOUS}
IGNORED = {
    "序号",
    "编号",
    "备注",
    "说明",
    "所在支部",
    "所在党支部",
    "支部",
    "党组织",
    "所在党组织",
    "年龄",
    "党龄",
    "工作单位",
}

ENUM_LABELS = {
    "gender": Gender,
    "education": Education,
    "degree": Degree,
    "professional_title": Title,
    "status": Status,
    "category": Category,
}
ENUM_ALIASES = {
    "gender": {"男性": "male", "女性": "female"},
    "education": {
        "博士研究生": "postgraduate",
        "硕士研究生": "postgraduate",
        "研究生（博士）": "postgraduate",
        "研究生（硕士）": "postgraduate",
        "博士": "postgraduate",
        "硕士": "postgraduate",
        "本科": "bachelor",
        "大学": "bachelor",
        "专科": "college",
        "大专": "college",
        "中等专科": "secondary",
        "中技": "secondary",
        "技校": "secondary",
        "中师": "secondary",
        "职高": "secondary",
        "高中": "high_school",
        "初中": "high_school",
        "小学": "high_school",
        "初中及以下": "high_school",
    },
    "degree": {"博士学位": "doctor", "硕士学位": "master", "学士学位": "bachelor", "无学位": "", "": ""},
    "professional_title": {
        "正高": "senior_full",
        "正高级教师": "senior_full",
        "副高": "senior_deputy",
        "高级": "senior_deputy",
        "高级教师": "senior_deputy",
        "中学高级教师": "senior_deputy",
        "一级教师": "intermediate",
        "一级": "intermediate",
        "中学一级教师": "intermediate",
        "小学高级教师": "intermediate",
        "二级教师": "junior",
        "三级教师": "junior",
        "二级": "junior",
        "三级": "junior",
        "小学一级教师": "junior",
        "无": "none",
        "未评": "none",
        "未定": "none",
        "暂无": "none",
    },
    "status": {
        "正式": "full_member",
        "中共党员": "full_member",
        "党员": "full_member",
        "中共正式党员": "full_member",
        "预备": "probationary_member",
        "中共预备党员": "probationary_member",
        "申请人": "applicant",
        "积极分子": "activist",
    },
    "category": {
        "在岗": "employed",
        "在职教职工": "employed",
        "教职工": "employed",
        "在编": "employed",
        "退休": "retired",
        "离休": "retired",
        "退休教师": "retired",
        "离退休教师": "retired",
        "退休党员": "retired",
        "在校学生": "student",
        "在职人员": "employed",
        "在职党员": "employed",
        "在职教师": "employed",
        "退休人员": "retired",
        "离退休人员": "retired",
        "离退休党员": "retired",
        "离休干部": "retired",
        "退休干部": "retired",
        "学生党员": "student",
    },
}
TRUE_WORDS = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "流动", "失联", "已失联"}
FALSE_WORDS = {"否", "", "×", "n", "no", "false", "0", "不是", "无"}


def clean_text(value) -> str:
    """Cell value as trimmed text; NFKC turns full-width digits and punctuation into plain ones."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.strip()


def normalize_header(value) -> str:
    text = re.sub(r"[\s*＊]", "", clean_text(value))
    return text.rstrip(":：")


def header_candidates(value) -> tuple[str, ...]:
    """Fields a header cell may mean, the name-based reading first; () if unknown."""
    text = normalize_header(value)
    for candidate in (text, re.sub(r"[(（][^)）]*[)）]", "", text)):
        if candidate in AMBIGUOUS:
            return AMBIGUOUS[candidate]
        if candidate in _HEADERS:
            return (_HEADERS[candidate],)
    return ()


def header_field(value) -> str | None:
    """The name-based reading of a header cell, None if unknown (see columns.decide_columns for values)."""
    found = header_candidates(value)
    return found[0] if found else None


def find_header(rows: list[list], scan: int = 30) -> tuple[int, dict[int, str]] | None:
    """Index of the header row and {column index: field}; the first row naming 姓名 and two more known columns."""
    for index, row in enumerate(rows[:scan]):
        found: dict[int, str] = {}
        for col, cell in enumerate(row):
            field = header_field(cell)
            if field and field not in found.values():
                found[col] = field
        if "name" in found.values() and len(found) >= 3:
            return index, found
    return None


@lru_cache(maxsize=None)
def _enum_lookup(field: str) -> dict[str, str]:
    choices = ENUM_LABELS[field].choices
    table = dict(ENUM_ALIASES.get(field, {}))
    table.update({value: value for value, label in choices if value})
    table.update({label: value for value, label in choices})
    return table


def enum_value(field: str, raw) -> str:
    text = _WS.sub("", clean_text(raw))
    try:
        return _enum_lookup(field)[text]
    except KeyError:
        allowed = "、".join(label for value, label in ENUM_LABELS[field].choices)
        raise ValueError(f"不是允许的值，可选：{allowed}") from None


def bool_value(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = clean_text(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("应填“是”或“否”（或留空）")


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*[日号]?|月)?$")
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_FORMS = "可写 2019-11-05、2019/11/05、2019.11.05、2019年11月5日、20191105 或 2019.11"


def _make_date(year: int, month: int, day: int, shown: str) -> datetime.date:
    if not 1900 <= year <= 2100:
        raise ValueError(f"年份 {year} 不合理")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"日期 {shown} 不存在") from None


def _date_from_text(text: str) -> datetime.date:
    text = _TIME.sub("", text).strip()
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})?", text)
    if not m:
        m = _YMD.match(text)
    if not m:
        raise ValueError(f"无法识别的日期（{DATE_FORMS}）")
    year, month, day = int(m[1]), int(m[2]), int(m[3] or 1)
    shown = f"{m[1]}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "")
    return _make_date(year, month, day, shown)


def date_value(raw) -> datetime.date:
    """Any common way a date is written in a Chinese roster; year-month alone means the 1st."""
    if type(raw) in (str, float, int):  # the same dates recur down a column: parse each once
        return _cached_date(raw)
    return _date_value(raw)


@lru_cache(maxsize=50000)
def _cached_date(raw) -> datetime.date:
    return _date_value(raw)


def _date_value(raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, bool):
        raise ValueError(f"无法识别的日期（{DATE_FORMS}）")
    if isinstance(raw, (int, float)):
        if float(raw).is_integer():
            n = int(raw)
            if 1900 <= n <= 2100:
                raise ValueError("只有年份，缺少月份")
            if 190001 <= n <= 210012 or 19000101 <= n <= 21001231:
                return _date_from_text(str(n))
            if 1 <= n <= 80000:  # an Excel serial day number
                return _EXCEL_EPOCH + datetime.timedelta(days=n)
            raise ValueError(f"无法识别的日期（{DATE_FORMS}）")
        text = repr(float(raw))
        if re.fullmatch(r"\d{4}\.1", text):
            raise ValueError(
                f"数字 {text} 分不清是1月还是10月（Excel 会去掉末尾的0），请写成 {text[:4]}-01 或 {text[:4]}-10"
            )
        return _date_from_text(text)
    text = clean_text(raw)
    if not text:
        raise ValueError("为空")
    return _date_from_text(text)


_WS = re.compile(r"\s")


def id_value(raw) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise ValueError(
            "身份证号被存成了数字：Excel 只保留15位有效数字，第16–18位已经丢失。请把该列设置为“文本”格式后重新录入"
        )
    return _WS.sub("", clean_text(raw)).upper()


def phone_value(raw) -> str:
    from ..validation import normalize_phone  # stored as the form and API store it; checked in check_person

    return normalize_phone(_WS.sub("", clean_text(raw)))


def shown(raw) -> str:
    """How a cell value is quoted back in a problem message."""
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, float):
        if abs(raw) >= 1e15:  # show a long number as Excel keeps it: 15 significant digits
            raw = float(f"{raw:.15g}")
        return f"{raw:.0f}" if raw.is_integer() else repr(raw)
    if isinstance(raw, bool):
        return "是" if raw else "否"
    return "" if raw is None else str(raw).strip()


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())

"""The official bands of the year-end tables (党员基本情况, 入党时间, 学历, 发展党员)."""

import datetime
import re

from dangjian.rules.periods import add_years

# 第二表 age bands (whole years at 12-31), as the 公报 report them.
AGE = [
    ("30岁及以下", None, 30),
    ("31至35岁", 31, 35),
    ("36至40岁", 36, 40),
    ("41至45岁", 41, 45),
    ("46至50岁", 46, 50),
    ("51至55岁", 51, 55),
    ("56至60岁", 56, 60),
    ("61岁及以上", 61, None),
]
# 发展党员 tables split the youngest band.
DEV_AGE = [("25岁及以下", None, 25), ("26至30岁", 26, 30)] + AGE[1:]

# 第三表: the periods of joining (first day of each period).
JOIN_PERIODS = [
    ("1949年9月及以前", None),
    ("1949年10月至1966年4月", datetime.date(1949, 10, 1)),
    ("1966年5月至1976年10月", datetime.date(1966, 5, 1)),
    ("1976年11月至1978年12月", datetime.date(1976, 11, 1)),
    ("1979年1月至2002年10月", datetime.date(1979, 1, 1)),
    ("2002年11月至2012年10月", datetime.date(2002, 11, 1)),
    ("2012年11月以来", datetime.date(2012, 11, 1)),
]

EDUCATION = [
    ("postgraduate", "研究生"),
    ("bachelor", "大学本科"),
    ("college", "大学专科"),
    ("secondary", "中专"),
    ("high_school", "高中及以下"),
]

# 职业 (第二表 and 发展党员（二）). A school is a 事业单位: teachers are its 专业技术人员.
JOBS = ["专业技术人员", "管理人员", "工勤技能人员", "学生", "离退休人员", "其他职业人员"]
_WORKER = re.compile(r"工勤|后勤|保安|门卫|司机|厨|炊事|保洁|电工|水电|宿管|技工|工人")
_MANAGER = re.compile(r"(?<!班)主任|校长|书记|局长|科长|科员|干事|行政|管理|会计|出纳|办公室|人事|财务")


def years_between(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def band(value: int | None, bands) -> str | None:
    if value is None:
        return None
    for label, lo, hi in bands:
        if (lo is None or value >= lo) and (hi is None or value <= hi):
            return label
    return None


def age_band(born: datetime.date | None, on: datetime.date, bands=AGE) -> str | None:
    return band(years_between(born, on), bands) if born else None


def join_period(join: datetime.date | None) -> str | None:
    if join is None:
        return None
    label = JOIN_PERIODS[0][0]
    for name, start in JOIN_PERIODS[1:]:
        if join >= start:
            label = name
    return label


def job(category: str, post: str) -> tuple[str, str]:
    """(职业, how it was decided) — the second part names a guess the secretary should check, else ""."""
    if category == "retired":
        return "离退休人员", ""
    if category == "student":
        return "学生", ""
    if category == "other":
        return "其他职业人员", ""
    post = post or ""
    if _WORKER.search(post):
        return "工勤技能人员", f"按工作岗位“{post}”计为工勤技能人员"
    if _MANAGER.search(post):
        return "管理人员", f"按工作岗位“{post}”计为管理人员"
    if not post.strip():
        return "专业技术人员", "工作岗位未填写，按专业技术人员（教师）统计"
    return "专业技术人员", ""


def is_minority(ethnicity: str) -> bool:
    return bool(ethnicity) and ethnicity not in ("汉族", "汉")


__all__ = ["AGE", "DEV_AGE", "EDUCATION", "JOBS", "JOIN_PERIODS", "add_years"]

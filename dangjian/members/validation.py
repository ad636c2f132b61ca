"""Cross-field checks for a person's record, shared by the form, the API and the roster import.

Each problem is (field_name, Chinese reason); an empty list means the record is consistent.
"""

import datetime
import re

from dangjian.lib import clock, idcard
from dangjian.rules.periods import add_years

from .models import MEMBER_STATUSES, Status

# Mainland mobile (11 digits, 13x–19x; a +86 prefix allowed) or a fixed line with its area code
# (010/02x + 8 digits, 0xxx + 7–8 digits, e.g. 0571-88888888), optionally with an extension.
PHONE_RE = re.compile(r"(?:\+86-?)?1[3-9]\d{9}|0(?:10|2\d|[3-9]\d{2})-?[2-9]\d{6,7}(?:-\d{1,6})?")
PHONE_PROBLEM = "联系电话格式不正确：应为11位手机号（如 13812345678）或带区号的固定电话（如 0571-88888888）"


def normalize_phone(value) -> str:
    """Spaces and full-width characters people type (＋、－) out; the rest is checked by PHONE_RE."""
    text = str(value or "").translate(str.maketrans("０１２３４５６７８９－＋（）", "0123456789-+()"))
    text = re.sub(r"\s", "", text)
    # "(0571)88888888" is the same number as 0571-88888888
    m = re.fullmatch(r"\((0\d{2,3})\)(.*)", text)
    return f"{m.group(1)}-{m.group(2)}" if m else text


def phone_problem(value) -> str | None:
    """Chinese reason when a phone number is not a mainland mobile or fixed line; None when fine or empty."""
    text = normalize_phone(value)
    if not text or PHONE_RE.fullmatch(text):
        return None
    return PHONE_PROBLEM


def check_person(
    values: dict, today: datetime.date | None = None, id_info: idcard.IdInfo | None = None
) -> list[tuple[str, str]]:
    """``id_info``: the number already parsed by the caller (the roster import parses each once)."""
    today = today or clock.today()
    problems: list[tuple[str, str]] = []
    phone = phone_problem(values.get("phone"))
    if phone:
        problems.append(("phone", phone))
    birth = values.get("birth_date")
    number = (values.get("id_number") or "").strip()
    if number:
        try:
            info = id_info if id_info is not None and id_info.number == number else idcard.parse(number, today=today)
        except idcard.IdNumberError as exc:
            problems.append(("id_number", f"公民身份号码{exc}"))
        else:
            if birth and birth != info.birth_date:
                problems.append(("birth_date", f"出生日期与身份证号不一致（身份证为 {info.birth_date.isoformat()}）"))
            gender = values.get("gender")
            if gender and gender != info.gender:
                problems.append(
                    ("gender", "性别与身份证号不一致（身份证为%s）" % ("男" if info.gender == "male" else "女"))
                )
    if birth and birth > today:
        problems.append(("birth_date", "出生日期不能晚于今天"))
    join = values.get("join_date")
    confirm = values.get("confirmation_date")
    status = values.get("status")
    if status in MEMBER_STATUSES and not join:
        problems.append(("join_date", "党员必须填写入党时间"))
    if join and birth and join < add_years(birth, 18):
        problems.append(("join_date", "入党时未满18周岁（党章第一条）"))
    if join and join > today:
        problems.append(("join_date", "入党时间不能晚于今天"))
    if confirm and join and confirm <= join:
        problems.append(("confirmation_date", "转正时间必须晚于入党时间"))
    if status == Status.FULL and join and not confirm and join >= datetime.date(1990, 1, 1):
        # Older records often lack the date; recent ones must have it.
        problems.append(("confirmation_date", "正式党员应填写转正时间"))
    if status == Status.PROBATIONARY and confirm:
        problems.append(("confirmation_date", "预备党员不应有转正时间"))
    if values.get("is_mobile") and not values.get("mobile_since"):
        problems.append(("mobile_since", "流动党员应填写流动开始日期"))
    if values.get("is_lost_contact") and not values.get("lost_contact_since"):
        problems.append(("lost_contact_since", "失联党员应填写失联日期"))
    return problems

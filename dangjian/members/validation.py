"""Cross-field checks for a person's record, shared by the form, the API and the roster import.

Each problem is (field_name, Chinese reason); an empty list means the record is consistent.
"""
import datetime

from dangjian.lib import idcard
from dangjian.rules.periods import add_years

from .models import MEMBER_STATUSES, Status
from dangjian.lib import clock


def check_person(values: dict, today: datetime.date | None = None) -> list[tuple[str, str]]:
    today = today or clock.today()
    problems: list[tuple[str, str]] = []
    birth = values.get("birth_date")
    number = (values.get("id_number") or "").strip()
    if number:
        try:
            info = idcard.parse(number, today=today)
        except idcard.IdNumberError as exc:
            problems.append(("id_number", f"公民身份号码{exc}"))
        else:
            if birth and birth != info.birth_date:
                problems.append(("birth_date", f"出生日期与身份证号不一致（身份证为 {info.birth_date.isoformat()}）"))
            gender = values.get("gender")
            if gender and gender != info.gender:
                problems.append(("gender", "性别与身份证号不一致（身份证为%s）" % ("男" if info.gender == "male" else "女")))
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

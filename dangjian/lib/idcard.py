"""公民身份号码 (GB 11643) checks.

`stdnum.cn.ric.validate` also rejects area codes created after the holder's birth year; many
older teachers' real IDs carry such codes, so we check format, check digit and birth date only.
"""
import datetime
import re
from dataclasses import dataclass

from stdnum.cn.ric import calc_check_digit

_PATTERN = re.compile(r"^[1-8]\d{16}[\dX]$")


class IdNumberError(ValueError):
    pass


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: datetime.date
    gender: str  # "male" | "female"


def parse(raw, today: datetime.date | None = None) -> IdInfo:
    """Validate and return birth date and gender; raise IdNumberError with a Chinese reason."""
    number = str(raw or "").strip().upper().replace(" ", "")
    if len(number) != 18:
        raise IdNumberError(f"应为18位，实际{len(number)}位")
    if not _PATTERN.match(number):
        raise IdNumberError("格式不正确（前17位应为数字，末位为数字或X）")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError(f"出生日期 {number[6:14]} 不存在") from None
    today = today or datetime.date.today()
    if birth > today or birth.year < 1900:
        raise IdNumberError(f"出生日期 {birth.isoformat()} 不合理")
    if calc_check_digit(number[:17]) != number[17]:
        raise IdNumberError("校验码错误（末位应为 %s）" % calc_check_digit(number[:17]))
    gender = "male" if int(number[16]) % 2 == 1 else "female"
    return IdInfo(number=number, birth_date=birth, gender=gender)


def make(area: str, birth: datetime.date, seq: int, gender: str) -> str:
    """Build a checksum-valid number (for demo and scale data; not real people)."""
    seq = seq % 500
    third = seq * 2 + (1 if gender == "male" else 0)
    body = f"{area}{birth:%Y%m%d}{third:03d}"
    return body + calc_check_digit(body)

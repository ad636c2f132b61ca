"""公民身份号码 (GB 11643) checks.

`stdnum.cn.ric.validate` also rejects area codes created after the holder's birth year; many
older teachers' real IDs carry such codes, so we check format, check digit and birth date only.
"""

import datetime
import re
from dataclasses import dataclass

from dangjian.lib import clock

_PATTERN = re.compile(r"^[1-8]\d{16}[\dX]$")
# GB 11643-1999 §6.2 (ISO 7064 MOD 11-2): weight of position i (1-based from the left) is 2^(18-i) mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"  # indexed by the weighted sum mod 11


class IdNumberError(ValueError):
    pass


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: datetime.date
    gender: str  # "male" | "female"


def check_digit(body: str) -> str:
    """The 18th character for the first 17 digits (exactly 17 digits, without the check digit)."""
    if len(body) != 17 or not body.isdigit():
        raise ValueError(f"need the first 17 digits, got {body!r}")
    return _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS)) % 11]


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
    today = today or clock.today()
    if birth > today or birth.year < 1900:
        raise IdNumberError(f"出生日期 {birth.isoformat()} 不合理")
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"校验码错误（末位应为 {expected}）")
    gender = "male" if int(number[16]) % 2 == 1 else "female"
    return IdInfo(number=number, birth_date=birth, gender=gender)


def problem(raw, today: datetime.date | None = None) -> str | None:
    """The Chinese reason a stored number fails `parse`, or None when it passes (blank counts as passing)."""
    if not str(raw or "").strip():
        return None
    try:
        parse(raw, today=today)
    except IdNumberError as exc:
        return str(exc)
    return None


def make(area: str, birth: datetime.date, seq: int, gender: str) -> str:
    """Build a checksum-valid number (for demo and scale data; not real people)."""
    seq = seq % 500
    third = seq * 2 + (1 if gender == "male" else 0)
    body = f"{area}{birth:%Y%m%d}{third:03d}"
    return body + check_digit(body)

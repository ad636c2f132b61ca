"""Study hours and training (EDU) — 党员教育管理工作条例 (2019) and the 党员教育培训工作规划."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable

from .findings import Finding, make
from .periods import add_months, add_years
from .settings import DEFAULTS, LocalSettings

HOURS_PER_DAY = 8  # EDU-01 local conversion: 1 day = 8 学时, half a day = 4, 1 hour = 1
HOURS_PER_HALF_DAY = 4


def study_hours(days=0, half_days=0, hours=0) -> Decimal:
    """EDU-01: 学时 from full days, half days and hours."""
    return Decimal(days) * HOURS_PER_DAY + Decimal(half_days) * HOURS_PER_HALF_DAY + Decimal(str(hours))


def required_hours(role: str, settings: LocalSettings = DEFAULTS) -> int:
    """EDU-01/02: 32 for members, 56 for secretaries and committee members (``cadre``)."""
    return settings.cadre_study_hours if role == "cadre" else settings.member_study_hours


def check_study_hours(
    hours,
    role: str = "member",
    *,
    had_central_training: bool = True,
    year: int | None = None,
    settings: LocalSettings = DEFAULTS,
    subject: str | None = None,
) -> list[Finding]:
    """EDU-01/02: yearly hours below the threshold → warning; a cadre without one centralised
    training → warning. Hours are per calendar year and do not carry over."""
    out = []
    need = required_hours(role, settings)
    rule_id = "EDU-02" if role == "cadre" else "EDU-01"
    label = f"{year}年度" if year else "本年度"
    if Decimal(str(hours)) < need:
        who = "书记和班子成员" if role == "cadre" else "党员"
        out.append(
            make(
                rule_id,
                "warning",
                f"{label}学时{hours}，{who}每年一般不少于{need}学时",
                subject=subject,
                code="STUDY_HOURS_SHORT",
            )
        )
    if role == "cadre" and not had_central_training:
        out.append(
            make(
                "EDU-02",
                "warning",
                f"{label}尚未参加集中培训，书记和班子成员每年至少参加一次",
                subject=subject,
                code="CENTRAL_TRAINING_MISSING",
            )
        )
    return out


def new_secretary_training_due(took_office: date) -> date:
    """EDU-02: a new 书记 is generally trained within half a year of taking office."""
    return add_months(took_office, 6)


def new_member_training_findings(
    admitted: date, conversion: date, trainings: Iterable[date], today: date, *, subject: str | None = None
) -> list[Finding]:
    """EDU-03: one centralised training between admission (branch meeting) and one year after conversion."""
    limit = add_years(conversion, 1)
    if any(admitted <= t <= limit for t in trainings) or today <= limit:
        return []
    return [
        make(
            "EDU-03",
            "warning",
            f"预备期内和转正后一年内（{limit.isoformat()}前）一般应参加一次集中培训，未见记录",
            due_date=limit,
            subject=subject,
            code="NEW_MEMBER_TRAINING_MISSING",
        )
    ]

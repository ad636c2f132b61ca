"""民主评议党员 (EVAL-01): grades, their consequences, and the follow-up checks."""

from __future__ import annotations

from datetime import date

from .findings import Finding, make
from .periods import add_months
from .settings import DEFAULTS, LocalSettings

GRADES_4 = (
    ("excellent", "优秀"),
    ("qualified", "合格"),
    ("basically_qualified", "基本合格"),
    ("unqualified", "不合格"),
)
GRADES_3 = (("excellent", "优秀"), ("qualified", "合格"), ("unqualified", "不合格"))
CONSEQUENCES_ZH = {
    "excellent": "可作为表彰对象",
    "qualified": "",
    "basically_qualified": "应制定改进措施",
    "unqualified": "按处置不合格党员的规定办理（限期改正、劝退或除名）",
}


def grade_choices(settings: LocalSettings = DEFAULTS) -> tuple[tuple[str, str], ...]:
    """The grade set in force: four grades by default, three where the locality uses three."""
    return GRADES_3 if settings.appraisal_grades == 3 else GRADES_4


def normalize_grade(value: str, settings: LocalSettings = DEFAULTS) -> str | None:
    """The grade code for a code or Chinese label, or None when it is not a valid grade."""
    for code, zh in grade_choices(settings):
        if value in (code, zh):
            return code
    return None


def validate_grade(value: str, settings: LocalSettings = DEFAULTS, *, subject: str | None = None) -> list[Finding]:
    """EVAL-01: "良好" or a grade outside the configured set → error."""
    if normalize_grade(value, settings):
        return []
    allowed = "、".join(zh for _, zh in grade_choices(settings))
    return [make("EVAL-01", "error", f"评议等次“{value}”无效，应为：{allowed}", subject=subject, code="INVALID_GRADE")]


def grade_consequence(grade: str, settings: LocalSettings = DEFAULTS) -> str:
    """What follows from a grade (shown to the secretary)."""
    code = normalize_grade(grade, settings)
    if code is None:
        raise ValueError(f"invalid grade {grade!r}")
    return CONSEQUENCES_ZH[code]


def unqualified_followup_findings(
    grade: str,
    appraised_on: date,
    followup_on: date | None,
    today: date,
    *,
    settings: LocalSettings = DEFAULTS,
    subject: str | None = None,
) -> list[Finding]:
    """EVAL-01: an 不合格 grade with no follow-up record within the configured months → warning."""
    if normalize_grade(grade, settings) != "unqualified" or followup_on is not None:
        return []
    due = add_months(appraised_on, settings.unqualified_followup_months)
    if today <= due:
        return []
    return [
        make(
            "EVAL-01",
            "warning",
            f"评为不合格后应按规定作出组织处置，{due.isoformat()}前未见处置记录",
            due_date=due,
            subject=subject,
            code="UNQUALIFIED_NO_FOLLOWUP",
        )
    ]


def result_notice_findings(*, reported_upper: bool, told_member: bool, subject: str | None = None) -> list[Finding]:
    """EVAL-01: the result is reported to the upper organisation and told to the member."""
    out = []
    if not reported_upper:
        out.append(make("EVAL-01", "warning", "评议结果应报上级党组织", subject=subject, code="RESULT_NOT_REPORTED"))
    if not told_member:
        out.append(make("EVAL-01", "warning", "评议结果应告知党员本人", subject=subject, code="RESULT_NOT_TOLD"))
    return out

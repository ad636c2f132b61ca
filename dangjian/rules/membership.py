"""Member management (MGMT) — 《中国共产党党员教育管理工作条例》 (2019) 第二十四、二十五条 and
党章 第八、九条 (CON-05, CON-06). The engine flags; people decide (nobody is removed here)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from .findings import Finding, make
from .periods import add_months, add_years, consecutive_months, month_label, month_start
from .settings import DEFAULTS, LocalSettings

LOST_CONTACT_MONTHS = 6  # MGMT-03 "六个月以上" (inclusive)
REMOVAL_AFTER_YEARS = 2  # MGMT-03
ABROAD_YEARS = 5  # MGMT-02 "超过五年" (exclusive)
TRANSFER_MONTHS = 6  # MGMT-04
LAPSE_MONTHS = 6  # CON-06
TRANSFER_REASONS = ("employer_change", "residence_change", "study", "work", "living")


def party_standing_start(meeting_date: date, approved: bool) -> date | None:
    """MGMT-01: 党籍 runs from the 支部党员大会 date, provided the 基层党委 approved."""
    return meeting_date if approved else None


def abroad_review_date(left: date) -> date:
    """MGMT-02: studying abroad "超过五年" — eligible for review from the day after 5 years."""
    return add_years(left, ABROAD_YEARS) + timedelta(days=1)


def suspension_eligible_from(last_contact: date) -> date:
    """MGMT-03: lost contact "六个月以上" → 停止党籍 possible from last contact + 6 months."""
    return add_months(last_contact, LOST_CONTACT_MONTHS)


def removal_eligible_from(suspended: date) -> date:
    """MGMT-03: 2 years after suspension, if still unreachable → 自行脱党 removal possible."""
    return add_years(suspended, REMOVAL_AFTER_YEARS)


def membership_findings(org_count: int, *, subject: str | None = None) -> list[Finding]:
    """MGMT-04 / CON-05: every member belongs to exactly one branch, group or specified organisation."""
    if org_count == 1:
        return []
    text = (
        "党员必须编入党的一个支部、小组或其他特定组织，当前未编入任何组织"
        if org_count == 0
        else f"党员只能编入一个党组织，当前编入{org_count}个"
    )
    return [make("MGMT-04", "error", text, subject=subject, code="NO_ORG" if org_count == 0 else "MULTIPLE_ORGS")]


def transfer_required(reason: str, expected_months: int | None = None, *, fixed_place: bool = True) -> bool:
    """MGMT-04: a change of employer or usual residence requires a transfer; study, work or living
    elsewhere requires one when it lasts 6 months or more at a relatively fixed place."""
    if reason not in TRANSFER_REASONS:
        raise ValueError(f"unknown transfer reason {reason!r}")
    if reason in ("employer_change", "residence_change"):
        return True
    return fixed_place and expected_months is not None and expected_months >= TRANSFER_MONTHS


def is_mobile(away_months: int | None, *, fixed_place: bool) -> bool:
    """MGMT-05: away without a fixed place or for under 6 months → 流动党员, relationship stays."""
    return not fixed_place or away_months is None or away_months < TRANSFER_MONTHS


def transfer_findings(
    left_on: date,
    today: date,
    reason: str,
    *,
    expected_months: int | None = None,
    fixed_place: bool = True,
    transferred: bool = False,
    subject: str | None = None,
) -> list[Finding]:
    """MGMT-04: info while a required transfer is pending; warning once 6 months have passed."""
    if transferred or not transfer_required(reason, expected_months, fixed_place=fixed_place):
        return []
    limit = add_months(left_on, TRANSFER_MONTHS)
    if today >= limit:
        return [
            make(
                "MGMT-04",
                "warning",
                f"已于{left_on.isoformat()}离开，满六个月仍未转移组织关系",
                due_date=limit,
                subject=subject,
                code="TRANSFER_OVERDUE",
            )
        ]
    return [make("MGMT-04", "info", "应当及时转移党员组织关系", due_date=limit, subject=subject, code="TRANSFER_DUE")]


def correction_deadline(start: date, settings: LocalSettings = DEFAULTS) -> date:
    """MGMT-06: end of the 限期改正 period (3 months by default, local rules use 3–6)."""
    return add_months(start, settings.correction_months)


def disposal_findings(
    action: str,
    *,
    branch_resolution: bool,
    upper_approval: bool,
    correction_started: date | None = None,
    decided_on: date | None = None,
    basis: str = "unqualified",
    settings: LocalSettings = DEFAULTS,
    subject: str | None = None,
) -> list[Finding]:
    """MGMT-06 / CON-06: 劝退 (``persuade``) and 除名 (``remove``) need a 支部党员大会 decision and
    upper approval; for an unqualified member (``basis="unqualified"``) 劝退 follows a 限期改正
    period that has ended. ``basis="lapse"`` is the 6-month 自行脱党 case, no 限期改正 needed."""
    if action not in ("persuade", "remove"):
        raise ValueError("action is 'persuade' or 'remove'")
    label = "劝退" if action == "persuade" else "除名"
    out = []
    if not (branch_resolution and upper_approval):
        out.append(
            make(
                "MGMT-06",
                "error",
                f"{label}须经支部党员大会讨论决定并报上级党组织批准",
                subject=subject,
                code="DISPOSAL_NOT_APPROVED",
            )
        )
    if action == "persuade" and basis == "unqualified":
        if correction_started is None:
            out.append(
                make(
                    "MGMT-06",
                    "error",
                    "劝退前应先教育并限期改正，未见限期改正记录",
                    subject=subject,
                    code="CORRECTION_MISSING",
                )
            )
        elif decided_on and decided_on < correction_deadline(correction_started, settings):
            due = correction_deadline(correction_started, settings)
            out.append(
                make(
                    "MGMT-06",
                    "warning",
                    f"限期改正期限至{due.isoformat()}，期满前不宜作出劝退决定",
                    due_date=due,
                    subject=subject,
                    code="CORRECTION_NOT_OVER",
                )
            )
    return out


def org_life_lapse_finding(
    attended_months: Iterable, today: date, exempt_months: Iterable = (), *, since=None, subject: str | None = None
) -> Finding | None:
    """CON-06 (党章第九条): 6 consecutive elapsed months without organisational life → flag for the
    支部党员大会 (never removal by the engine). Counting as in dues_arrears.unpaid_run."""
    last = add_months(month_start(today), -1)
    run = consecutive_months(attended_months, last, exempt=exempt_months, since=since)
    if len(run) < LAPSE_MONTHS:
        return None
    listed = "、".join(month_label(m) for m in run)
    return make(
        "CON-06",
        "error",
        f"已连续{len(run)}个月未参加党的组织生活（{listed}）。如确认无正当理由，"
        "应提交支部党员大会讨论是否按自行脱党处理，并报上级党组织批准",
        subject=subject,
        code="LAPSE_REVIEW",
    )

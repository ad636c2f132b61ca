"""党支部 setup, size, committee and terms (BR) — 《中国共产党支部工作条例（试行）》 (2018),
党章 第三十、三十一条, 《关于党的基层组织任期的意见》 (2018), 选举工作条例 (2020)."""

from __future__ import annotations

from datetime import date

from .findings import Finding, make
from .periods import add_years

MIN_FULL_MEMBERS = 3  # BR-01 / CON-09
MAX_JOINT_UNITS = 5  # BR-01
MAX_MEMBERS = 50  # BR-02
COMMITTEE_THRESHOLD = 7  # BR-03
TERM_YEARS = 3  # BR-04 (schools and most units)
VILLAGE_TERM_YEARS = 5  # BR-04 (村、社区)
MAX_ELECTION_DELAY_YEARS = 1  # BR-05


def must_set_up_branch(full_members: int) -> bool:
    """BR-01 / CON-09: a unit with 3 or more 正式党员 must set up a branch (预备党员 not counted)."""
    return full_members >= MIN_FULL_MEMBERS


def committee_required(full_members: int) -> bool:
    """BR-03: 7 or more 正式党员 → a 支部委员会; fewer → a 书记 (and maybe a 副书记)."""
    return full_members >= COMMITTEE_THRESHOLD


def term_end(elected: date, *, village: bool = False) -> date:
    """BR-04: 3-year terms (5 for 村 and 社区): elected 2026-06-10 → 2029-06-10."""
    return add_years(elected, VILLAGE_TERM_YEARS if village else TERM_YEARS)


def election_findings(
    term_end_date: date, today: date, *, delay_approved: bool = False, subject: str | None = None
) -> list[Finding]:
    """BR-05: elect when the term ends; a delay needs approval and is generally ≤ 1 year."""
    if today <= term_end_date:
        return []
    limit = add_years(term_end_date, MAX_ELECTION_DELAY_YEARS)
    if today > limit:
        return [
            make(
                "BR-05",
                "error",
                f"任期已于{term_end_date.isoformat()}届满，延期换届已超过一年（{limit.isoformat()}），须立即换届",
                due_date=limit,
                subject=subject,
                code="ELECTION_OVERDUE",
            )
        ]
    if delay_approved:
        return [
            make(
                "BR-05",
                "warning",
                f"任期已于{term_end_date.isoformat()}届满，经批准延期换届，最迟应于{limit.isoformat()}前换届",
                due_date=limit,
                subject=subject,
                code="ELECTION_DELAYED",
            )
        ]
    return [
        make(
            "BR-05",
            "error",
            f"任期已于{term_end_date.isoformat()}届满，未按期换届且未见上级党组织批准延期",
            due_date=limit,
            subject=subject,
            code="ELECTION_OVERDUE",
        )
    ]


def secretary_findings(
    elected: date, approved: date | None, *, role_zh: str = "书记", subject: str | None = None
) -> list[Finding]:
    """BR-06 / CON-10: a 书记 or 副书记 takes office only once the upper organisation approves."""
    if approved is None:
        return [
            make(
                "BR-06",
                "warning",
                f"{role_zh}选举产生后应报上级党组织批准，批准前不能任职",
                subject=subject,
                code="SECRETARY_NOT_APPROVED",
            )
        ]
    if approved < elected:
        return [
            make(
                "BR-06",
                "error",
                f"{role_zh}的批准日期早于选举日期，请核对",
                subject=subject,
                code="SECRETARY_APPROVAL_DATE",
            )
        ]
    return []


def check_branch(
    full_members: int,
    probationary: int,
    committee_size: int | None,
    term_end: date | None,
    today: date,
    *,
    is_joint: bool = False,
    units: int = 1,
    delay_approved: bool = False,
    subject: str | None = None,
) -> list[Finding]:
    """BR-01, BR-02, BR-03 and BR-05 for one branch.

    ``committee_size`` is the number of 支部委员 (0 or None when the branch has only a 书记);
    ``units`` is how many units a 联合党支部 covers; ``term_end`` the current term's end.
    """
    out: list[Finding] = []
    if not is_joint and not must_set_up_branch(full_members):
        out.append(
            make(
                "BR-01",
                "error",
                f"正式党员{full_members}人，不足三人，不能单独成立党支部，应与其他单位成立联合党支部",
                subject=subject,
                code="TOO_FEW_FULL_MEMBERS",
            )
        )
    if is_joint and units > MAX_JOINT_UNITS:
        out.append(
            make(
                "BR-01",
                "warning",
                f"联合党支部覆盖{units}个单位，一般不超过五个",
                subject=subject,
                code="JOINT_TOO_MANY_UNITS",
            )
        )
    total = full_members + probationary
    if total > MAX_MEMBERS:
        out.append(
            make(
                "BR-02",
                "warning",
                f"党支部党员{total}人，一般不超过五十人，宜分设党支部或成立党总支",
                subject=subject,
                code="BRANCH_TOO_LARGE",
            )
        )
    size = committee_size or 0
    if committee_required(full_members) and size == 0:
        out.append(
            make(
                "BR-03",
                "error",
                f"正式党员{full_members}人（七人以上），应当设立支部委员会",
                subject=subject,
                code="COMMITTEE_REQUIRED",
            )
        )
    elif size and size < 3:
        out.append(
            make(
                "BR-03", "error", f"支部委员会由三至五人组成，当前{size}人", subject=subject, code="COMMITTEE_TOO_SMALL"
            )
        )
    elif size > 7:
        out.append(
            make(
                "BR-03", "error", f"支部委员会一般不超过七人，当前{size}人", subject=subject, code="COMMITTEE_TOO_LARGE"
            )
        )
    elif size > 5:
        out.append(
            make(
                "BR-03",
                "warning",
                f"支部委员会一般由三至五人组成，当前{size}人",
                subject=subject,
                code="COMMITTEE_ABOVE_FIVE",
            )
        )
    if term_end is not None:
        out += election_findings(term_end, today, delay_approved=delay_approved, subject=subject)
    return out

"""Every document a user downloads, by URL, as the user who downloads it: the branch secretary (feilong, 飞龙中学党支部),
the 党总支 secretary (kunshan, 昆山市第二中学党总支) and the bureau officer (jyj, 江北区教育局党委), for a year with
records (the suite's year, 2026) and a year without (2024, when the demo has no work records)."""

import datetime
from dataclasses import dataclass

from dangjian.lib import clock

YEARS = (2026, 2024)
ORGS = {"FLZX": "feilong", "KSEZ": "kunshan", "JBJYJ": "jyj"}  # branch, 党总支, bureau


def year_end(year: int) -> datetime.date:
    """The day a year's figures are taken: 12-31, or today while the year runs (STAT-01)."""
    return min(datetime.date(year, 12, 31), clock.today())


@dataclass(frozen=True)
class Doc:
    id: str  # also the file name (ASCII) under the output directory
    kind: str  # what the user calls it
    user: str
    url: str
    ext: str  # docx | xlsx | pdf: what the download must be
    org: str = ""
    year: int = 0
    cover: bool = False  # first page is a cover without a page number
    official: bool = False  # an official document: GB/T 9704 margins and "— 1 —" page numbers
    members_stated: bool = False  # states the org's member count at the year's end in prose
    roster_rows: bool = False  # one row per member on the roll that day (花名册)


def _per_org_year(code: str, user: str, y: int) -> list[Doc]:
    day = year_end(y).isoformat()
    base = dict(user=user, org=code, year=y)
    docs = [
        Doc(
            f"{code}-{y}-summary",
            "工作总结",
            url=f"/reports/org/{code}/summary/{y}.docx",
            ext="docx",
            official=True,
            members_stated=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-duty",
            "述职报告",
            url=f"/reports/org/{code}/summary/{y}.docx?kind=duty",
            ext="docx",
            official=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-ledger-docx",
            "台账（Word）",
            url=f"/reports/org/{code}/ledger/{y}.docx",
            ext="docx",
            official=True,
            cover=True,
            members_stated=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-ledger-pdf",
            "台账（PDF）",
            url=f"/reports/org/{code}/ledger/{y}.pdf",
            ext="pdf",
            official=True,
            cover=True,
            members_stated=True,
            **base,
        ),
        Doc(f"{code}-{y}-statistics", "党内统计", url=f"/reports/org/{code}/statistics/{y}.xlsx", ext="xlsx", **base),
        Doc(
            f"{code}-{y}-recordbook-docx",
            "会议记录本（Word）",
            url=f"/meetings/org/{code}/book/{y}.docx",
            ext="docx",
            official=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-recordbook-pdf",
            "会议记录本（PDF）",
            url=f"/meetings/org/{code}/book/{y}.pdf",
            ext="pdf",
            **base,
        ),
        Doc(
            f"{code}-{y}-roster-xlsx",
            "花名册（Excel）",
            url=f"/orgs/{code}/roster/export.xlsx?on={day}",
            ext="xlsx",
            roster_rows=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-roster-pdf", "花名册（PDF）", url=f"/orgs/{code}/roster/roster.pdf?on={day}", ext="pdf", **base
        ),
        Doc(f"{code}-{y}-appraisal", "民主评议结果", url=f"/appraisal/results/{code}/{y}.xlsx", ext="xlsx", **base),
        Doc(
            f"{code}-{y}-rectification",
            "整改台账",
            url=f"/rectification/org/{code}/export.xlsx?year={y}",
            ext="xlsx",
            **base,
        ),
        Doc(
            f"{code}-{y}-catalog-xlsx",
            "档案目录（Excel）",
            url=f"/archive/org/{code}/{y}/catalog.xlsx",
            ext="xlsx",
            **base,
        ),
        Doc(
            f"{code}-{y}-catalog-docx",
            "档案目录（Word）",
            url=f"/archive/org/{code}/{y}/catalog.docx",
            ext="docx",
            official=True,
            **base,
        ),
        Doc(
            f"{code}-{y}-catalog-pdf", "档案目录（PDF）", url=f"/archive/org/{code}/{y}/catalog.pdf", ext="pdf", **base
        ),
        Doc(
            f"{code}-{y}-dues-annual-xlsx",
            "党费年度报表（Excel）",
            url=f"/dues/org/{code}/reports/annual.xlsx?year={y}",
            ext="xlsx",
            **base,
        ),
        Doc(
            f"{code}-{y}-dues-annual-pdf",
            "党费年度报表（PDF）",
            url=f"/dues/org/{code}/reports/annual.pdf?year={y}",
            ext="pdf",
            **base,
        ),
        Doc(
            f"{code}-{y}-dues-monthly-xlsx",
            "党费收缴明细表",
            url=f"/dues/org/{code}/reports/monthly.xlsx?month={y}-06",
            ext="xlsx",
            **base,
        ),
        Doc(
            f"{code}-{y}-dues-notice-pdf",
            "党费公示",
            url=f"/dues/org/{code}/reports/notice.pdf?year={y}",
            ext="pdf",
            **base,
        ),
    ]
    for kind, name in (
        ("applicant", "入党申请人名册"),
        ("activist", "入党积极分子名册"),
        ("candidate", "发展对象名册"),
        ("probationary_member", "预备党员名册"),
    ):
        docs.append(
            Doc(
                f"{code}-{y}-recruitment-{kind}",
                name,
                url=f"/recruitment/org/{code}/rosters/{kind}/?year={y}&format=xlsx",
                ext="xlsx",
                **base,
            )
        )
    return docs


# 发展党员 documents belong to one person's case, not to a year: the branch's case with the most recorded steps.
CASE_DOCS = {"record": "全程记实表", "filing": "备案表", "publicity": "公示", "resolution": "支部大会决议"}


def case_docs() -> list[Doc]:
    return [
        Doc(
            f"FLZX-case-{kind}",
            f"发展党员{name}",
            user="feilong",
            url=f"/recruitment/cases/{{case}}/docs/{kind}.docx",
            ext="docx",
            official=True,
            org="FLZX",
        )
        for kind, name in CASE_DOCS.items()
    ]


DOCS = [d for code, user in ORGS.items() for y in YEARS for d in _per_org_year(code, user, y)] + case_docs()

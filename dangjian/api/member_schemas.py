"""Schemas of /api/v1/members/ (kept apart so the router module stays short)."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from dangjian.api.types import PageNo, StrictIn
from dangjian.members.models import Category, Degree, Education, Gender, Person, Status, Title

GenderV = Literal[tuple(Gender.values)]
StatusV = Literal[tuple(Status.values)]
CategoryV = Literal[tuple(Category.values)]
EducationV = Literal[("",) + tuple(Education.values)]
DegreeV = Literal[tuple(dict.fromkeys(("",) + tuple(Degree.values)))]
TitleV = Literal[("",) + tuple(Title.values)]

# PATCH: null clears these; for every other field null means "leave unchanged".
NULLABLE = {"group", "join_date", "confirmation_date", "mobile_since", "lost_contact_since"}


class MemberFilter(Schema):
    org: str | None = Field(None, description="组织代码：列出该组织及其下级的人员")
    status: StatusV | None = None
    category: CategoryV | None = None
    q: str = Field("", description="姓名、拼音或手机号开头")
    on_roll: bool = Field(True, description="false 列出已离开花名册的人员")
    page: PageNo = 1
    page_size: int = Field(50, ge=1, le=200)


class MemberRow(Schema):
    id: int
    name: str
    gender: str
    gender_zh: str
    birth_date: datetime.date
    id_number: str = Field(description="无权查看时为脱敏号码，如 330203********1234")
    org_code: str
    org_name: str
    group_code: str | None
    status: str
    status_zh: str
    category: str
    category_zh: str
    education: str
    education_zh: str
    professional_title: str
    professional_title_zh: str
    phone: str
    join_date: datetime.date | None
    on_roll: bool


class MemberOut(MemberRow):
    ethnicity: str
    native_place: str
    degree: str
    post: str
    subject: str
    confirmation_date: datetime.date | None
    is_mobile: bool
    mobile_since: datetime.date | None
    is_lost_contact: bool
    lost_contact_since: datetime.date | None
    left_reason: str
    left_on: datetime.date | None
    left_note: str


class MemberPage(Schema):
    total: int
    page: int
    page_size: int
    items: list[MemberRow]


class _MemberFields(StrictIn):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored
    ethnicity: str = Field("汉族", max_length=20)
    id_number: str = Field("", max_length=18)
    native_place: str = Field("", max_length=50)
    education: EducationV = ""
    degree: DegreeV = ""
    professional_title: TitleV = ""
    post: str = Field("", max_length=50)
    subject: str = Field("", max_length=30)
    phone: str = Field("", max_length=20)
    status: StatusV = "full_member"
    join_date: datetime.date | None = None
    confirmation_date: datetime.date | None = None
    category: CategoryV = "employed"
    is_mobile: bool = False
    mobile_since: datetime.date | None = None
    is_lost_contact: bool = False
    lost_contact_since: datetime.date | None = None


class MemberIn(_MemberFields):
    org: str = Field(..., description="所在支部的组织代码")
    group: str | None = Field(None, description="党小组的组织代码")
    name: str = Field(..., min_length=1, max_length=50)
    gender: GenderV
    birth_date: datetime.date


class MemberPatch(StrictIn):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored
    org: str | None = Field(
        None,
        max_length=32,
        description=(
            "所在支部的组织代码：调到本人管理范围内的另一支部（如教育局党委调整），花名册历史保留；"
            "转到不归本人管理的支部请用 POST /members/{id}/transfer（对方支部接收）"
        ),
    )
    effective: datetime.date | None = Field(None, description="调整支部、党小组或党员类别的生效日期（默认今天）")
    group: str | None = None
    name: str | None = Field(None, min_length=1, max_length=50)
    gender: GenderV | None = None
    birth_date: datetime.date | None = None
    ethnicity: str | None = Field(None, max_length=20)
    id_number: str | None = Field(None, max_length=18)
    native_place: str | None = Field(None, max_length=50)
    education: EducationV | None = None
    degree: DegreeV | None = None
    professional_title: TitleV | None = None
    post: str | None = Field(None, max_length=50)
    subject: str | None = Field(None, max_length=30)
    phone: str | None = Field(None, max_length=20)
    status: StatusV | None = None
    join_date: datetime.date | None = None
    confirmation_date: datetime.date | None = None
    category: CategoryV | None = None
    is_mobile: bool | None = None
    mobile_since: datetime.date | None = None
    is_lost_contact: bool | None = None
    lost_contact_since: datetime.date | None = None


class Change(Schema):
    field: str
    label: str
    old: object = None  # stored value (org and 党小组 as names), for clients that compare values
    new: object = None
    old_zh: str = ""  # as the person page shows it: choice labels, 是/否, 2026年11月22日, masked ID
    new_zh: str = ""


class HistoryEntry(Schema):
    at: datetime.datetime
    day_zh: str = ""
    actor: str | None
    actor_role: str = ""
    kind: str
    kind_zh: str
    summary: str = ""
    changes: list[Change]


def person_out(p: Person, *, show_id: bool) -> dict:
    """Every field of MemberOut (a superset of MemberRow) for one person."""
    return {
        "id": p.id,
        "name": p.name,
        "gender": p.gender,
        "gender_zh": p.get_gender_display(),
        "birth_date": p.birth_date,
        "id_number": p.id_number if show_id else p.masked_id_number,
        "org_code": p.org.code,
        "org_name": p.org.name,
        "group_code": p.group.code if p.group_id else None,
        "status": p.status,
        "status_zh": p.get_status_display(),
        "category": p.category,
        "category_zh": p.get_category_display(),
        "education": p.education,
        "education_zh": p.get_education_display() if p.education else "",
        "professional_title": p.professional_title,
        "professional_title_zh": p.get_professional_title_display() if p.professional_title else "",
        "phone": p.phone,
        "join_date": p.join_date,
        "on_roll": p.on_roll,
        "ethnicity": p.ethnicity,
        "native_place": p.native_place,
        "degree": p.degree,
        "post": p.post,
        "subject": p.subject,
        "confirmation_date": p.confirmation_date,
        "is_mobile": p.is_mobile,
        "mobile_since": p.mobile_since,
        "is_lost_contact": p.is_lost_contact,
        "lost_contact_since": p.lost_contact_since,
        "left_reason": p.left_reason,
        "left_on": p.left_on,
        "left_note": p.left_note,
    }

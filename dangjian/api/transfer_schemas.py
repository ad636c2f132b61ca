"""Schemas of the system-internal transfer endpoints under /api/v1/members/ (names unique in the OpenAPI)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from .types import StrictIn


class MemberTransferIn(StrictIn):
    to_org: str = Field(..., min_length=1, max_length=32, description="转入支部的组织代码（本系统内任一党支部）")
    issued_on: datetime.date | None = Field(None, description="转出日期（默认今天）")
    letter_no: str = Field("", max_length=50, description="介绍信编号（不填自动生成）")
    valid_days: int = Field(30, ge=1, le=365, description="有效期（天）")
    note: str = Field("", max_length=300, description="说明")


class MemberTransferAcceptIn(StrictIn):
    on: datetime.date | None = Field(None, description="接收日期（默认今天）：自该日起在本支部花名册")
    group: str | None = Field(None, max_length=32, description="编入的党小组（组织代码，可不填）")
    note: str = Field("", max_length=300, description="说明")


class MemberTransferReturnIn(StrictIn):
    on: datetime.date | None = Field(None, description="退回日期（默认今天）")
    reason: str = Field(..., min_length=1, max_length=300, description="退回原因")


class MemberTransferRevokeIn(StrictIn):
    on: datetime.date | None = Field(None, description="撤回日期（默认今天）")
    note: str = Field("", max_length=300, description="说明")


class MemberTransferFilter(Schema):
    org: str | None = Field(None, max_length=32, description="组织代码：该组织及其下级转出或转入的")
    direction: Literal["in", "out"] | None = Field(None, description="in 转入本人管理的支部；out 从本人管理的支部转出")
    status: Literal["issued", "registered", "returned", "revoked"] | None = Field(
        None, description="issued 待接收；registered 已接收；returned 已退回；revoked 已撤回"
    )


class MemberTransferPerson(Schema):
    id: int
    name: str
    gender: str
    birth_date: datetime.date
    id_number: str
    status: str
    status_zh: str
    join_date: datetime.date | None
    confirmation_date: datetime.date | None
    category: str


class MemberTransferOrg(Schema):
    code: str
    name: str


class MemberTransferOut(Schema):
    id: int
    status: str
    status_zh: str
    sides: list[str] = Field(..., description="本人所在的一方：out 转出支部、in 转入支部")
    person: MemberTransferPerson
    from_org: MemberTransferOrg
    to_org: MemberTransferOrg
    letter_no: str
    issued_on: datetime.date
    valid_days: int
    done_on: datetime.date | None = Field(None, description="接收、退回或撤回的日期")
    out_letter_id: int
    in_letter_id: int

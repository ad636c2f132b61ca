"""The shapes of /api/v1/accounts/: what a call sends and what it answers (the routes are in api/accounts.py)."""

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from dangjian.accounts.models import Role

from .types import PageNo

RoleCode = Literal[tuple(Role.values)]


class RoleOut(Schema):
    id: int
    org_code: str
    org_name: str
    role: str
    role_zh: str
    can_see_id_numbers: bool


class UserOut(Schema):
    id: int
    username: str
    name: str
    is_active: bool
    must_change_password: bool
    person_id: int | None
    roles: list[RoleOut]


class MeOut(UserOut):
    is_superuser: bool
    token_created_at: str | None
    token_last_used_at: str | None
    token_expires_at: str | None = None


class UserPage(Schema):
    total: int
    page: int
    page_size: int
    items: list[UserOut]


class UserIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field("", max_length=50, description="姓名；填 person_id 时可不填（取花名册中的姓名）")
    org: str = Field("", description="组织代码；填 person_id 时可不填（取其所在支部）")
    role: RoleCode = Role.MEMBER
    username: str = Field("", max_length=30, description="不填则按姓名拼音生成，重名加数字")
    person_id: int | None = Field(None, description="花名册人员 id：账号与该人员关联")
    can_see_id_numbers: bool = False


class CreatedOut(Schema):
    user: UserOut
    initial_password: str


class BulkIn(Schema):
    model_config = ConfigDict(extra="forbid")
    org: str = Field(..., description="组织代码：为其（含下级）在册且尚无账号的人员开通")
    person_ids: list[int] | None = Field(None, description="只为这些人员开通；不填则为全部")


class SlipOut(Schema):
    person_id: int
    name: str
    org_code: str
    username: str
    initial_password: str


class RoleIn(Schema):
    model_config = ConfigDict(extra="forbid")
    org: str
    role: RoleCode
    can_see_id_numbers: bool = False


class ResetOut(Schema):
    username: str
    initial_password: str


class PasswordIn(Schema):
    model_config = ConfigDict(extra="forbid")
    old_password: str
    new_password: str


class UserFilter(Schema):
    org: str | None = None
    q: str = ""
    status: Literal["", "active", "inactive"] = ""
    page: PageNo = 1
    page_size: int = Field(50, ge=1, le=500)

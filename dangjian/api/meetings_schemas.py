"""The shapes of /api/v1/meetings/: what a call sends (the routes are in api/meetings.py)."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from dangjian.meetings.models import Kind

from .types import StrictIn

KindName = Literal[tuple(Kind.values)]  # type: ignore[valid-type]


class MeetingIn(StrictIn):
    org: str = Field(description="组织代码（支部）")
    kind: KindName
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = Field(None, description="结束时间（选填，须晚于开始时间）")
    for_year: int | None = Field(
        None, description="所属年度（组织生活会、民主评议党员、民主生活会；不填按召开日期确定）"
    )
    topic: str = Field(min_length=1, max_length=200)
    group: str | None = Field(None, description="党小组代码（党小组会）")
    place: str = ""
    host_id: int | None = None
    recorder_id: int | None = None
    lecturer_id: int | None = None
    lecturer_name: str = ""
    agenda: str = ""
    minutes: str = ""
    resolutions: str = ""
    study_hours: Decimal = Decimal("0")
    has_vote: bool = False
    vote_subject: str = ""
    vote_yes: int = Field(0, ge=0)
    vote_written_yes: int = Field(0, ge=0)
    plan_item_id: int | None = None
    participant_ids: list[int] = []


class MeetingPatch(StrictIn):
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = Field(None, description="结束时间；填 null 清除")
    for_year: int | None = Field(None, description="所属年度；填 null 按召开日期重新确定")
    topic: str | None = Field(None, min_length=1, max_length=200)
    place: str | None = None
    host_id: int | None = None
    host_delegated: bool | None = None
    recorder_id: int | None = None
    lecturer_id: int | None = None
    lecturer_name: str | None = None
    agenda: str | None = None
    minutes: str | None = None
    resolutions: str | None = None
    study_hours: Decimal | None = None
    has_vote: bool | None = None
    vote_subject: str | None = None
    vote_yes: int | None = Field(None, ge=0)
    vote_written_yes: int | None = Field(None, ge=0)


class VoidIn(StrictIn):
    reason: str = Field(min_length=1, max_length=200)


class AttendanceRow(StrictIn):
    person_id: int
    status: Literal["present", "leave", "absent"]
    reason: str = ""


class AttendanceIn(StrictIn):
    rows: list[AttendanceRow]


class MeetingFilter(Schema):
    org: str
    year: int | None = None
    kind: KindName | None = None

"""The shapes of /api/v1/recruitment/: what a call sends and what it answers (the routes are in api/recruitment.py)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from .types import PositiveId, StrictIn, Year


class CaseIn(StrictIn):
    person: PositiveId
    application_date: datetime.date
    plan_year: Year | None = None
    is_mobile: bool = False
    transferred_in: bool = False
    join_date: datetime.date | None = None


class StepIn(StrictIn):
    code: str
    date: datetime.date
    data: dict = {}
    override_reason: str = ""
    note: str = ""


class CorrectIn(StrictIn):
    date: datetime.date
    data: dict | None = Field(None, description="更正后的环节信息；不填则沿用原记录")
    reason: str = Field(..., description="更正原因")
    override_reason: str = ""


class PublicityIn(StrictIn):
    start: datetime.date = Field(..., description="公示开始日期（须在上级党委同意之后，2026年细则）")
    channels: list[Annotated[str, Field(max_length=100)]] = Field(
        ..., max_length=5, description="公示地点/方式；流动人员须填两处（流出地和流入地）"
    )


class PublicityCloseIn(StrictIn):
    result: Literal["passed", "blocked"] = Field(
        ..., description="passed 无异议（或异议已查清不影响发展）；blocked 反映问题影响发展"
    )
    objections: str = Field("", max_length=2000, description="反映的问题（无则不填）")
    handling: str = Field("", max_length=2000, description="调查处理情况（反映了问题时必填）")


class CaseFindingOut(Schema):
    rule_id: str
    level: str
    message_zh: str
    due_date: datetime.date | None = None

"""/api/v1/stats/{code}: composition statistics of an org's subtree (same numbers as the stats page and CLI)."""

import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from dangjian.core.dbrouter import replica_reads
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get

router = Router(tags=["统计 stats"])


class StatsFilter(Schema):
    on: datetime.date | None = Field(None, description="统计日期（默认今天），YYYY-MM-DD")


@router.get("/{code}", response=dict, summary="党员构成统计（按状态、性别、民族、年龄段、学历、职称、党龄、类别……）")
@replica_reads
def org_stats(request, code: str, filters: Query[StatsFilter]):
    from dangjian.members.stats import composition  # written alongside; imported lazily

    org = org_get(request.user, code=code, manage=True)
    if filters.on and filters.on > clock.today():
        raise ValidationError({"on": "统计日期不能晚于今天"})
    return composition(org, on=filters.on)

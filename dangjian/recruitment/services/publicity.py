"""The 公示 of a development candidate (DEV-08): recorded, proposed for 党务公开, closed with its result."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, versioning
from dangjian.lib import clock
from dangjian.rules import recruitment as dev

from .. import engine
from ..models import DevelopmentCase, Publicity, PublicityResult


@transaction.atomic
def publicity_record(*, actor, case: DevelopmentCase, start: datetime.date, channels: list[str]) -> Publicity:
    """DEV-08: a 公示 of 5 working days (both places for 流动人员), after the 上级党委 agreed (2026)."""
    versioning.claim(case, None)  # the case changes: a step form opened before this is stale
    channels = [c.strip() for c in channels if c and c.strip()]
    if not channels:
        raise ValidationError({"channels": "请填写公示地点或方式"})
    need = 2 if case.is_mobile else 1
    if len(channels) < need:
        raise ValidationError({"channels": "流动人员须在流出地和流入地同时公示，请填写两处公示地点（DEV-08）"})
    if start > clock.today():
        raise ValidationError({"start": "日期不能晚于今天"})
    events = engine.case_events(case)
    consent = next((e for e in events if e["step"] == "upper_consent"), None)
    if dev.regulation_version(start) == "2026" and (consent is None or consent["date"] > start):
        raise ValidationError(
            {
                "start": "应在上级党委同意后再进行公示，请先登记“报上级党委同意”（DEV-08，《中国共产党发展党员工作细则》第十三条）"
            }
        )
    if case.publicities.filter(result=PublicityResult.PENDING).exists():
        raise ValidationError("已有一次公示尚未登记结果")
    end = dev.publicity_end(start, need)
    pub = Publicity(
        case=case, start=start, channels=channels, end=end.date, end_provisional=end.provisional, actor=actor
    )
    pub.full_clean()
    pub.save()
    audit.record(
        actor=actor,
        org=case.org,
        kind="recruitment.publicity",
        subject=case,
        data={"publicity": pub.pk, "start": start.isoformat(), "end": end.date.isoformat(), "channels": channels},
    )
    _propose_disclosure(actor, case, pub)
    return pub


def _propose_disclosure(actor, case: DevelopmentCase, pub: Publicity) -> None:
    """Record once: the 公示 also becomes a 党务公开 item (PUB-01) for the secretary to review and publish."""
    from dangjian.disclosure.services import disclosure_propose

    name = case.person.name
    disclosure_propose(
        actor=actor,
        org=case.org,
        topic="recruitment",
        scope="school",
        title=f"关于拟将{name}同志列为发展对象的公示",
        content=(
            f"经党支部研究，拟将{name}同志列为发展对象。公示时间：{pub.start:%Y年%m月%d日}至{pub.end:%Y年%m月%d日}"
            f"（公示地点：{'、'.join(pub.channels)}）。公示期间如有意见，请向{case.org.name}反映。"
        ),
        publish_from=pub.start,
        publish_until=pub.end,
        source="发展对象公示",
        source_ref=f"/recruitment/cases/{case.pk}/",
    )


@transaction.atomic
def publicity_close(
    *,
    actor,
    publicity: Publicity,
    result: str,
    objections: str = "",
    handling: str = "",
    today: datetime.date | None = None,
) -> Publicity:
    today = today or clock.today()
    pub = Publicity.objects.select_for_update().get(pk=publicity.pk)
    if pub.complete:
        raise ValidationError("该公示结果已登记")
    if result not in (PublicityResult.PASSED, PublicityResult.BLOCKED):
        raise ValidationError({"result": "请选择公示结果"})
    if today < pub.end:
        raise ValidationError({"result": f"公示期至{pub.end.isoformat()}，期满后方可登记结果（DEV-08）"})
    if objections.strip() and not handling.strip():
        raise ValidationError({"handling": "公示期间反映了问题，请填写调查处理情况"})
    pub.result, pub.objections, pub.handling = result, objections.strip(), handling.strip()
    pub.save(update_fields=["result", "objections", "handling"])
    versioning.claim(pub.case, None)  # the case changes: a step form opened before this is stale
    audit.record(
        actor=actor,
        org=pub.case.org,
        kind="recruitment.publicity_close",
        subject=pub.case,
        data={"publicity": pub.pk, "result": result, "objections": pub.objections, "handling": pub.handling},
    )
    return pub

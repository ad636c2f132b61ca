"""组织关系 to-dos (MGMT-03/04/05) for orgs the user manages: lost-contact reviews, removal reviews,
expired transfer letters, mobile members past their expected return."""

import datetime

from django.urls import reverse

from dangjian.accounts.scope import visible_org_ids
from dangjian.members.models import MEMBER_STATUSES, LeaveReason, Person
from dangjian.rules.membership import removal_eligible_from, suspension_eligible_from

from .models import MobileRecord, Transfer, TransferDirection, TransferStatus

AHEAD = datetime.timedelta(days=60)  # show a deadline this long before it falls


def todos_for(user, today: datetime.date) -> list[dict]:
    managed = visible_org_ids(user, manage=True)
    out = []
    for p in Person.objects.filter(
        org_id__in=managed,
        on_roll=True,
        is_lost_contact=True,
        status__in=MEMBER_STATUSES,
        lost_contact_since__isnull=False,
    ).values("id", "name", "org_id", "org__code", "lost_contact_since")[:1000]:
        due = suspension_eligible_from(p["lost_contact_since"])
        if due <= today + AHEAD:
            out.append(
                {
                    "due_date": due,
                    "rule_id": "MGMT-03",
                    "org_id": p["org_id"],
                    "title_zh": f"{p['name']}失联满六个月，应研究是否停止党籍",
                    "url": reverse("relations:home", args=[p["org__code"]]) + "#lost",
                    "level": "warning" if due <= today else "info",
                }
            )
    for p in Person.objects.filter(
        org_id__in=managed, on_roll=False, left_reason=LeaveReason.SUSPENDED, left_on__isnull=False
    ).values("id", "name", "org_id", "org__code", "left_on")[:1000]:
        due = removal_eligible_from(p["left_on"])
        if due <= today + AHEAD:
            out.append(
                {
                    "due_date": due,
                    "rule_id": "MGMT-03",
                    "org_id": p["org_id"],
                    "title_zh": f"{p['name']}停止党籍满两年，仍无法取得联系的应按自行脱党除名",
                    "url": reverse("relations:home", args=[p["org__code"]]) + "#lost",
                    "level": "warning" if due <= today else "info",
                }
            )
    for t in Transfer.objects.filter(
        org_id__in=managed, direction=TransferDirection.OUT, status=TransferStatus.ISSUED
    ).values("id", "name", "org_id", "letter_no", "issued_on", "valid_days")[:1000]:
        due = t["issued_on"] + datetime.timedelta(days=t["valid_days"])
        if due < today:
            out.append(
                {
                    "due_date": due,
                    "rule_id": "MGMT-04",
                    "org_id": t["org_id"],
                    "level": "error",
                    "title_zh": f"{t['name']}的转出介绍信{t['letter_no']}已过期未收到回执，请核实去向（防止“口袋”党员）",
                    "url": reverse("relations:transfer", args=[t["id"]]),
                }
            )
    for t in Transfer.objects.filter(
        org_id__in=managed, direction=TransferDirection.IN, status=TransferStatus.ISSUED, internal_in__isnull=False
    ).values("id", "name", "org_id", "other_org", "issued_on")[:1000]:
        # 系统内转接: the person is waiting to be accepted onto this branch's roll
        out.append(
            {
                "due_date": t["issued_on"],
                "rule_id": "MGMT-04",
                "org_id": t["org_id"],
                "level": "warning",
                "title_zh": f"{t['name']}由{t['other_org']}转入本支部，待接收",
                "url": reverse("relations:transfer", args=[t["id"]]),
            }
        )
    for m in MobileRecord.objects.filter(
        org_id__in=managed,
        returned_on__isnull=True,
        expected_return__lt=today,
        person__is_mobile=True,
        person__on_roll=True,
    ).values("id", "person__name", "org_id", "org__code", "expected_return")[:1000]:
        out.append(
            {
                "due_date": m["expected_return"],
                "rule_id": "MGMT-05",
                "org_id": m["org_id"],
                "level": "info",
                "title_zh": f"流动党员{m['person__name']}已过预计返回日期，请联系核实",
                "url": reverse("relations:home", args=[m["org__code"]]) + "#mobile",
            }
        )
    return out

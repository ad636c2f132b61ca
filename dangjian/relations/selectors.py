"""Reads for 组织关系: letters, whereabouts, lost contact, pocket members and the 排查 ledger
(``relations_survey(org, on)``, used by the reports issue). Every read is scoped by the caller's org_get."""
import datetime

from django.db.models import Exists, OuterRef
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.members.models import MEMBER_STATUSES, Category, LeaveReason, Person
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.periods import add_months

from .models import Direction, MobileRecord, Transfer, TransferStatus

INACTIVE_MONTHS = 6  # no attendance and no dues for six months → possible 口袋党员


def transfer_get(user, pk) -> Transfer:
    t = (Transfer.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk)
         .select_related("person", "org").first())
    if t is None:
        raise Http404("介绍信不存在或无权查看")
    return t


def mobile_get(user, pk) -> MobileRecord:
    r = (MobileRecord.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk)
         .select_related("person").first())
    if r is None:
        raise Http404("记录不存在或无权查看")
    return r


def members(org):
    """On-roll 党员 (正式 and 预备) of the subtree."""
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES)


def transfers(org, direction: str | None = None):
    qs = Transfer.objects.filter(org_id__in=subtree_ids(org)).select_related("person", "org")
    return qs.filter(direction=direction) if direction else qs


def expired_letters(org, today: datetime.date) -> list[Transfer]:
    """Out-letters past their validity with no receipt (open letters are few: filter dates in Python)."""
    open_out = transfers(org, Direction.OUT).filter(status=TransferStatus.ISSUED)
    return [t for t in open_out if t.issued_on + datetime.timedelta(days=t.valid_days) < today]


def _inactive_filter(today: datetime.date):
    """Q for members with neither attendance nor a dues payment since the cutoff; None if those modules are absent."""
    cutoff = add_months(today, -INACTIVE_MONTHS)
    try:
        from dangjian.dues.models import DuesPayment
        from dangjian.meetings.models import Attendance
    except ImportError:  # meetings or dues not installed: the inactivity test is off, letters still count
        return None
    attended = Attendance.objects.filter(person=OuterRef("pk"), status="present", meeting__voided=False,
                                         meeting__held_on__gte=cutoff, meeting__held_on__lte=today)
    # Reversal entries (冲正) carry the negative amount. "amount >= 0" rather than "reverses IS NULL": SQLite
    # took the unique reverses index for IS NULL (matching nearly every payment) instead of (person, paid_on),
    # which made the city-wide survey take five minutes.
    paid = DuesPayment.objects.filter(person=OuterRef("pk"), amount__gte=0, paid_on__gte=cutoff, paid_on__lte=today)
    return ~Exists(attended) & ~Exists(paid)


POCKET_LISTED = 2000  # the page lists this many; the count is always the whole number


def _inactive_members(org, today: datetime.date, exclude_ids):
    inactive = _inactive_filter(today)
    if inactive is None:
        return None
    return (members(org).filter(is_mobile=False, is_lost_contact=False).filter(inactive)
            .exclude(pk__in=[i for i in exclude_ids if i]))


def pocket_count(org, today: datetime.date) -> int:
    letters = {t.person_id for t in expired_letters(org, today)}
    qs = _inactive_members(org, today, letters)
    return len(letters) + (qs.count() if qs is not None else 0)


def pocket_members(org, today: datetime.date) -> list[dict]:
    """'口袋'党员 suspects: (a) a transfer letter past validity with no receipt; (b) an on-roll member (not
    mobile, not lost contact) with no attendance and no dues payment in the last six months."""
    out, seen = [], set()
    for t in expired_letters(org, today):
        due = t.issued_on + datetime.timedelta(days=t.valid_days)
        out.append({"id": t.person_id, "name": t.name, "org": t.org.name, "reason": "letter",
                    "detail": f"介绍信{t.letter_no}（转往{t.other_org}）已于{due.isoformat()}过期，未收到回执",
                    "transfer_id": t.pk})
        seen.add(t.person_id)
    qs = _inactive_members(org, today, seen)
    if qs is not None:
        for p in qs.select_related("org").order_by("stroke_key", "id")[:POCKET_LISTED]:
            out.append({"id": p.pk, "name": p.name, "org": p.org.name, "reason": "inactive",
                        "detail": f"近{INACTIVE_MONTHS}个月无参加组织生活记录，也无交纳党费记录"})
    return out


def lost_contact(org):
    return members(org).filter(is_lost_contact=True).select_related("org").order_by("lost_contact_since")


def suspended(org):
    """停止党籍 (off the roll, reason suspended): the MGMT-03 two-year removal clock."""
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=False,
                                 left_reason=LeaveReason.SUSPENDED).select_related("org")


def mobile(org):
    return (MobileRecord.objects.filter(org_id__in=subtree_ids(org), returned_on__isnull=True,
                                        person__on_roll=True).select_related("person", "org"))


def _rows(qs) -> list[dict]:
    return [{"id": p["id"], "name": p["name"], "org": p["org__name"]}
            for p in qs.order_by("stroke_key", "id").values("id", "name", "org__name")]


def _phrase(n: int, label: str) -> str:
    return f"{n}名{label}" if n else f"无{label}"


def relations_survey(org, on: datetime.date) -> dict:
    """The 组织关系集中排查 for the org's subtree on a date: counts and the lists behind each number.

    ``sentence`` reads like the seeds: "共X名在职党员，X名退休党员，无流动党员、无失联党员、无'口袋'党员"."""
    base = members(org)
    employed = _rows(base.filter(category=Category.EMPLOYED))
    retired = _rows(base.filter(category=Category.RETIRED))
    other = _rows(base.exclude(category__in=[Category.EMPLOYED, Category.RETIRED]))
    mob = _rows(base.filter(is_mobile=True))
    lost = _rows(base.filter(is_lost_contact=True))
    pocket = [{k: p[k] for k in ("id", "name", "org", "reason", "detail")} for p in pocket_members(org, on)]
    counts = {"total": len(employed) + len(retired) + len(other), "employed": len(employed), "retired": len(retired),
              "other": len(other), "mobile": len(mob), "lost_contact": len(lost),
              "pocket": len(pocket) if len(pocket) < POCKET_LISTED else pocket_count(org, on)}
    head = f"共{counts['employed']}名在职党员，{counts['retired']}名退休党员"
    if counts["other"]:
        head += f"，{counts['other']}名其他党员"
    sentence = f"{head}，{_phrase(counts['mobile'], '流动党员')}、{_phrase(counts['lost_contact'], '失联党员')}、" \
               f"{_phrase(counts['pocket'], '“口袋”党员')}"
    return {"org": org.code, "org_name": org.name, "on": on.isoformat(), "counts": counts, "sentence": sentence,
            "lists": {"employed": employed, "retired": retired, "other": other, "mobile": mob,
                      "lost_contact": lost, "pocket": pocket}}

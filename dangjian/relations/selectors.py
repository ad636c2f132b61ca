"""Reads for 组织关系: letters, whereabouts, lost contact, pocket members and the 排查 ledger
(``relations_survey(org, on)``, used by the reports issue). Every read is scoped by the caller's org_get."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.core import workflow
from dangjian.members import roll
from dangjian.members.models import Category, LeaveReason, Person, RollSpan
from dangjian.orgs.models import BRANCH_KINDS, Org
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.periods import add_months

from .internal_models import InternalTransfer
from .models import MobileRecord, SurveyLedger, Transfer, TransferDirection, TransferStatus

INACTIVE_MONTHS = 6  # no attendance and no dues for six months → possible 口袋党员


def transfer_get(user, pk) -> Transfer:
    t = (
        Transfer.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk)
        .select_related("person", "org")
        .first()
    )
    if t is None:
        raise Http404("介绍信不存在或无权查看")
    return t


def transfer_log(t: Transfer):
    return t.log.select_related("actor")


def internal_for_letter(t: Transfer) -> InternalTransfer | None:
    """The transfer inside this system a letter belongs to, if it does."""
    return (
        InternalTransfer.objects.filter(Q(out_letter=t) | Q(in_letter=t))
        .select_related("person", "from_org", "to_org", "out_letter", "in_letter")
        .first()
    )


def next_statuses(t: Transfer, internal: InternalTransfer | None = None) -> list:
    """The statuses the letter may move to now (relations/workflows.py). On a letter of a transfer inside this
    system the receiving side registers (接收) or returns it, the sending side revokes it (作废)."""
    steps = workflow.available_statuses(t)
    if internal is None:
        return steps
    mine = (
        {TransferStatus.REGISTERED, TransferStatus.RETURNED}
        if t.pk == internal.in_letter_id
        else {TransferStatus.REVOKED}
    )
    return [s for s in steps if s in mine]


def survey_ledgers(org, limit: int = 20):
    return SurveyLedger.objects.filter(org=org)[:limit]


def member_choices(org):
    """On-roll 党员 of the subtree for a form's person list, by stroke order."""
    return members(org).select_related("org").order_by("stroke_key", "id")


def chosen(people, pk):
    """The person picked from a form's list (None when not in it)."""
    return people.filter(pk=pk).first()


def mobile_get(user, pk) -> MobileRecord:
    r = (
        MobileRecord.objects.filter(org_id__in=visible_org_ids(user, manage=True), pk=pk)
        .select_related("person")
        .first()
    )
    if r is None:
        raise Http404("记录不存在或无权查看")
    return r


def members(org):
    """On-roll 党员 (正式 and 预备) of the subtree, today (members.roll)."""
    return roll.people_on(org)


def transfers(org, direction: str | None = None):
    qs = Transfer.objects.filter(org_id__in=subtree_ids(org)).select_related("person", "org")
    return qs.filter(direction=direction) if direction else qs


def expired_letters(org, today: datetime.date) -> list[Transfer]:
    """Out-letters past their validity with no receipt (open letters are few: filter dates in Python)."""
    open_out = transfers(org, TransferDirection.OUT).filter(status=TransferStatus.ISSUED)
    return [t for t in open_out if t.issued_on + datetime.timedelta(days=t.valid_days) < today]


def _window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return add_months(today, -INACTIVE_MONTHS), today


def _modules():
    try:
        from dangjian.dues.models import DuesPayment
        from dangjian.meetings.models import Attendance, Meeting
    except ImportError:  # meetings or dues not installed: the inactivity test is off, letters still count
        return None
    return Attendance, Meeting, DuesPayment


def _inactive_filter(today: datetime.date):
    """Q for members with neither attendance nor a dues payment since the cutoff; None if those modules are absent."""
    mods = _modules()
    if mods is None:
        return None
    Attendance, _Meeting, DuesPayment = mods
    cutoff, _ = _window(today)
    attended = Attendance.objects.filter(
        person=OuterRef("pk"),
        status="present",
        meeting__voided=False,
        meeting__held_on__gte=cutoff,
        meeting__held_on__lte=today,
    )
    # Reversal entries (冲正) carry the negative amount. "amount >= 0" rather than "reverses IS NULL": SQLite
    # took the unique reverses index for IS NULL (matching nearly every payment) instead of (person, paid_on),
    # which made the city-wide survey take five minutes.
    paid = DuesPayment.objects.filter(person=OuterRef("pk"), amount__gte=0, paid_on__gte=cutoff, paid_on__lte=today)
    return ~Exists(attended) & ~Exists(paid)


def _recorded(org_id_field: str, today: datetime.date):
    """Q: the person's branch recorded a meeting or a dues payment in the six months (else nothing to judge by)."""
    _Attendance, Meeting, DuesPayment = _modules()
    cutoff, _ = _window(today)
    met = Meeting.objects.filter(org_id=OuterRef(org_id_field), voided=False, held_on__gte=cutoff, held_on__lte=today)
    paid = DuesPayment.objects.filter(org_id=OuterRef(org_id_field), paid_on__gte=cutoff, paid_on__lte=today)
    return Exists(met) | Exists(paid)


def _arrived_by(cutoff: datetime.date):
    """Q: on this branch's roll since the cutoff or earlier (members.roll.arrived_on <= cutoff), so six months
    without records say something about the member — a transfer-in or a record entered since says nothing."""
    late = RollSpan.objects.filter(person=OuterRef("pk"), end__isnull=True, start__gt=cutoff)
    return Q(recorded_on__lte=cutoff) & ~Exists(late)


POCKET_LISTED = 2000  # the page lists this many; the count is always the whole number


def _candidates(org, today: datetime.date):
    """党员 on the roll on ``today`` who are neither 流动 nor 失联 then (Person flags, members.roll)."""
    return (
        roll.people_on(org, today)
        .exclude(roll.flag_on_q("is_mobile", "mobile_since", today))
        .exclude(roll.flag_on_q("is_lost_contact", "lost_contact_since", today))
    )


def _inactive_members(org, today: datetime.date, exclude_ids):
    inactive = _inactive_filter(today)
    if inactive is None:
        return None
    cutoff, _ = _window(today)
    return (
        _candidates(org, today)
        .filter(_arrived_by(cutoff))
        .filter(_recorded("org_id", today))
        .filter(inactive)
        .exclude(pk__in=[i for i in exclude_ids if i])
    )


def unrecorded_branches(org, today: datetime.date) -> list[str]:
    """Names of the subtree's orgs with 党员 on the roll but no meeting and no dues payment recorded in the six
    months before ``today``: whether their members are "口袋" cannot be judged from the records."""
    if _modules() is None:
        return []
    _Attendance, Meeting, DuesPayment = _modules()
    cutoff, _ = _window(today)
    held = Meeting.objects.filter(org_id=OuterRef("pk"), voided=False, held_on__gte=cutoff, held_on__lte=today)
    paid = DuesPayment.objects.filter(org_id=OuterRef("pk"), paid_on__gte=cutoff, paid_on__lte=today)
    with_members = _candidates(org, today).order_by().values("org_id")
    return list(
        Org.objects.filter(id__in=with_members)
        .exclude(Exists(held))
        .exclude(Exists(paid))
        .order_by("path")
        .values_list("name", flat=True)
    )


def pocket_note(org, today: datetime.date) -> str:
    """ "尚无记录" instead of an assertion, for the orgs whose records cannot tell."""
    names = unrecorded_branches(org, today)
    if not names:
        return ""
    if len(names) == 1:
        who = "该支部" if names[0] == org.name else names[0]
    else:
        who = f"{'、'.join(names[:5])}{'等' if len(names) > 5 else ''}{len(names)}个党组织"
    return f"{who}近{INACTIVE_MONTHS}个月尚无组织生活和党费交纳记录，无法判断其党员是否为“口袋”党员"


def pocket_count(org, today: datetime.date) -> int:
    letters = {t.person_id for t in expired_letters(org, today)}
    qs = _inactive_members(org, today, letters)
    return len(letters) + (qs.count() if qs is not None else 0)


def pocket_members(org, today: datetime.date) -> list[dict]:
    """'口袋'党员 suspects: (a) a transfer letter past validity with no receipt; (b) a member on the roll (not
    mobile, not lost contact) since before the last six months, with no attendance and no dues payment in them,
    in a branch that did record meetings or payments then (otherwise see ``pocket_note``)."""
    out, seen = [], set()
    for t in expired_letters(org, today):
        due = t.issued_on + datetime.timedelta(days=t.valid_days)
        out.append(
            {
                "id": t.person_id,
                "name": t.name,
                "org": t.org.name,
                "reason": "letter",
                "detail": f"介绍信{t.letter_no}（转往{t.other_org}）已于{due.isoformat()}过期，未收到回执",
                "transfer_id": t.pk,
            }
        )
        seen.add(t.person_id)
    qs = _inactive_members(org, today, seen)
    if qs is not None:
        for p in qs.select_related("org").order_by("stroke_key", "id")[:POCKET_LISTED]:
            out.append(
                {
                    "id": p.pk,
                    "name": p.name,
                    "org": p.org.name,
                    "reason": "inactive",
                    "detail": f"近{INACTIVE_MONTHS}个月无参加组织生活记录，也无交纳党费记录",
                }
            )
    return out


def lost_contact(org):
    return members(org).filter(is_lost_contact=True).select_related("org").order_by("lost_contact_since")


def suspended(org):
    """停止党籍 (off the roll, reason suspended): the MGMT-03 two-year removal clock."""
    return Person.objects.filter(
        org_id__in=subtree_ids(org), on_roll=False, left_reason=LeaveReason.SUSPENDED
    ).select_related("org")


def mobile(org) -> list[dict]:
    """流动党员 by the one flag (Person.is_mobile), each with the open whereabouts record when there is one."""
    people = list(members(org).filter(is_mobile=True).select_related("org").order_by("stroke_key", "id"))
    records = {
        r.person_id: r
        for r in MobileRecord.objects.filter(person__in=people, returned_on__isnull=True).order_by("since", "id")
    }
    return [
        {
            "person": p,
            "record": records.get(p.id),
            "since": (records[p.id].since if p.id in records else p.mobile_since),
        }
        for p in people
    ]


def _rows(qs) -> list[dict]:
    return [
        {"id": s["person_id"], "name": s["person__name"], "org": s["org__name"]}
        for s in qs.order_by("person__stroke_key", "person_id").values("person_id", "person__name", "org__name")
    ]


def _phrase(n: int, label: str) -> str:
    return f"{n}名{label}" if n else f"无{label}"


def relations_survey(org, on: datetime.date) -> dict:
    """The 组织关系集中排查 for the org's subtree on a date: counts and the lists behind each number, from the
    roll as it stood that day (members.roll: who, in which category; 流动/失联 by the Person flags).

    ``sentence`` reads like the seeds: "共X名在职党员，X名退休党员，无流动党员、无失联党员、无'口袋'党员";
    where the records of the last six months cannot tell, it says so instead of "无'口袋'党员"."""
    spans = roll.spans_on(org, on).filter(roll.member_q(on, "person__"))
    employed = _rows(spans.filter(category=Category.EMPLOYED))
    retired = _rows(spans.filter(category=Category.RETIRED))
    other = _rows(spans.exclude(category__in=[Category.EMPLOYED, Category.RETIRED]))
    mob = _rows(spans.filter(roll.flag_on_q("is_mobile", "mobile_since", on, "person__")))
    lost = _rows(spans.filter(roll.flag_on_q("is_lost_contact", "lost_contact_since", on, "person__")))
    pocket = [{k: p[k] for k in ("id", "name", "org", "reason", "detail")} for p in pocket_members(org, on)]
    note = pocket_note(org, on)
    counts = {
        "total": len(employed) + len(retired) + len(other),
        "employed": len(employed),
        "retired": len(retired),
        "other": len(other),
        "mobile": len(mob),
        "lost_contact": len(lost),
        "pocket": len(pocket) if len(pocket) < POCKET_LISTED else pocket_count(org, on),
    }
    head = f"共{counts['employed']}名在职党员，{counts['retired']}名退休党员"
    if counts["other"]:
        head += f"，{counts['other']}名其他党员"
    if counts["pocket"] or not note:
        pocket_phrase = _phrase(counts["pocket"], "“口袋”党员")
    else:
        pocket_phrase = "“口袋”党员情况尚无记录，无法判断"
    sentence = (
        f"{head}，{_phrase(counts['mobile'], '流动党员')}、{_phrase(counts['lost_contact'], '失联党员')}、"
        f"{pocket_phrase}"
    )
    return {
        "org": org.code,
        "org_name": org.name,
        "on": on.isoformat(),
        "counts": counts,
        "sentence": sentence,
        "pocket_note": note,
        "lists": {
            "employed": employed,
            "retired": retired,
            "other": other,
            "mobile": mob,
            "lost_contact": lost,
            "pocket": pocket,
        },
    }


# 系统内组织关系转接 (relations.internal) ---------------------------------------------------------------------


def destination(code: str) -> Org:
    """The receiving branch, by its code, anywhere in the system (the sender names it; they need not manage it)."""
    org = Org.objects.filter(code=(code or "").strip()).first()
    if org is None:
        raise ValidationError({"to_org": f"组织代码“{code}”不存在，请核对转入支部的组织代码"})
    if not org.is_branch:
        raise ValidationError({"to_org": f"{org.name}不是党支部：组织关系只能转入党支部（或联合党支部）"})
    if not org.is_active:
        raise ValidationError({"to_org": f"{org.name}已撤销，不能转入"})
    return org


def destinations(exclude: Org | None = None):
    """Branches a person can be transferred to (for the page's list)."""
    qs = Org.objects.filter(kind__in=BRANCH_KINDS, is_active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("path")


def internal_visible(user):
    """Transfers whose sending or receiving branch the user manages."""
    managed = visible_org_ids(user, manage=True)
    return InternalTransfer.objects.filter(Q(from_org_id__in=managed) | Q(to_org_id__in=managed)).select_related(
        "person", "from_org", "to_org", "out_letter", "in_letter"
    )


def internal_transfers(user, *, org: Org | None = None, direction: str = "", status: str = ""):
    """The user's visible transfers: touching `org`'s subtree, only incoming ("in") or outgoing ("out") of the
    branches the user manages, in a letter status."""
    qs = internal_visible(user)
    if org is not None:
        ids = subtree_ids(org)
        qs = qs.filter(Q(from_org_id__in=ids) | Q(to_org_id__in=ids))
    if direction:
        managed = visible_org_ids(user, manage=True)
        qs = qs.filter(**{("to_org_id__in" if direction == "in" else "from_org_id__in"): managed})
    if status:
        qs = qs.filter(in_letter__status=status)
    return qs


def internal_get(user, pk) -> InternalTransfer:
    it = internal_visible(user).filter(pk=pk).first()
    if it is None:
        raise Http404("转接记录不存在或无权查看")
    return it


def sides(user, it: InternalTransfer) -> set[str]:
    managed = visible_org_ids(user, manage=True)
    out = set()
    if managed.filter(id=it.from_org_id).exists():
        out.add("out")
    if managed.filter(id=it.to_org_id).exists():
        out.add("in")
    return out

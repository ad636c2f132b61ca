"""Reads behind the dues pages and the dues API: the payment sheet, the payment list, 冲正, bases."""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.core.paging import PER_PAGE
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.selectors import orgs_visible, subtree_ids, top_orgs

from ..models import DuesBase, DuesCharge, DuesPayment, DuesPaymentMonth, live_line_filter


def managed_top_orgs(user) -> list:
    """The user's top orgs that they manage (the dues home page opens the first)."""
    managed = orgs_visible(user, manage=True)
    if not managed.exists():
        return []
    return [o for o in top_orgs(user) if managed.filter(pk=o.pk).exists()]


def dues_members(org):
    """On-roll 党员 of the org's subtree, in 姓氏笔画 order."""
    return Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES).order_by(
        "stroke_key", "id"
    )


def pay_sheet_page(org, page_number, per_page: int = PER_PAGE) -> Page:
    """One page of dues_members(org) (COUNT + LIMIT/OFFSET): what the payment sheet shows on a GET."""
    return Paginator(dues_members(org), per_page).get_page(page_number)


def pay_sheet(org, months: list[datetime.date], people=None) -> tuple[list, dict, set]:
    """The payment sheet's facts: the members (or only ``people``, a page of them), what each owes per month
    ({person_id: {month: amount}}) and the (person_id, month) pairs already paid by a payment that still counts."""
    people = list(dues_members(org) if people is None else people)
    owed = {}
    for pid, m, amount in DuesCharge.objects.filter(person__in=people, month__in=months).values_list(
        "person", "month", "amount"
    ):
        owed.setdefault(pid, {})[m] = amount
    paid_pairs = set(
        DuesPaymentMonth.objects.filter(live_line_filter(), person__in=people, month__in=months).values_list(
            "person", "month"
        )
    )
    return people, owed, paid_pairs


def members_with_current_base(org, month: datetime.date) -> list:
    """dues_members(org), each with `base_id`: the base in force in `month` (None when there is none)."""
    current = DuesBase.objects.filter(person=OuterRef("pk"), effective_month__lte=month).order_by(
        "-effective_month", "-id"
    )
    return list(dues_members(org).annotate(base_id=Subquery(current.values("id")[:1])))


def bases_by_id(ids) -> dict:
    return DuesBase.objects.in_bulk([i for i in ids if i])


def base_rows(org, *, on: datetime.date, history: bool = False) -> list:
    """Bases of the subtree's people: each person's one in force on `on`, or (history) every row, by person."""
    qs = DuesBase.objects.filter(person__org_id__in=subtree_ids(org)).select_related("person")
    if history:
        return list(qs.order_by("person_id", "effective_month", "id"))
    seen, rows = set(), []
    for b in qs.filter(effective_month__lte=on).order_by("person_id", "-effective_month", "-id"):
        if b.person_id not in seen:
            seen.add(b.person_id)
            rows.append(b)
    return rows


def payments_of(org):
    """The subtree's payments (reversals among them), newest first."""
    return (
        DuesPayment.objects.filter(org_id__in=subtree_ids(org))
        .select_related("person", "reverses")
        .prefetch_related("lines")
        .order_by("-created_at", "-id")
    )


def reversed_payment_ids(org) -> set:
    """Ids of the subtree's payments that a reversal undoes."""
    return set(
        DuesPayment.objects.filter(org_id__in=subtree_ids(org), reverses__isnull=False).values_list(
            "reverses_id", flat=True
        )
    )


def payment_get(user, pk) -> DuesPayment:
    """A payment of an org the user manages; 404 otherwise."""
    p = (
        DuesPayment.objects.filter(pk=pk, org_id__in=visible_org_ids(user, manage=True))
        .select_related("person", "org")
        .first()
    )
    if p is None:
        raise Http404("交费记录不存在或无权查看")
    return p

"""Every read of rectification items, scoped by visible_org_ids (out of scope is 404)."""

from django.db.models import Count, F, Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.selectors import subtree_ids

from .models import LIVE, Rectification, Status


def items_visible(user):
    return Rectification.objects.filter(org_id__in=visible_org_ids(user, manage=True))


def item_get(user, pk, *, manage: bool = True) -> Rectification:
    """An item in the user's managed scope; with manage=False also an item the user owns (责任人, read only)."""
    qs = items_visible(user)
    if not manage and getattr(user, "is_authenticated", False):
        qs = Rectification.objects.filter(Q(org_id__in=visible_org_ids(user, manage=True)) | Q(owner__user=user))
    item = qs.select_related("org", "owner", "raised_by", "reported_by", "accepted_by").filter(pk=pk).first()
    if item is None:
        raise Http404("整改事项不存在或无权查看")
    return item


def overdue_q(today) -> Q:
    """Not closed, past its due date, and not reported done by the due date."""
    return Q(status__in=LIVE, due_date__lt=today) & (Q(reported_on__isnull=True) | Q(reported_on__gt=F("due_date")))


def ledger(user, org, *, year=None, status="", source="", overdue=False, today=None):
    """The items of an org's subtree (the caller has already checked the org is in scope)."""
    qs = (
        items_visible(user)
        .filter(org_id__in=subtree_ids(org))
        .select_related("org", "owner")
        .order_by("org__path", "raised_on", "id")
    )
    if year:
        qs = qs.filter(year=year)
    if status == "live":  # 未销号: being worked on or waiting for acceptance
        qs = qs.filter(status__in=LIVE)
    elif status:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    if overdue and today:
        qs = qs.filter(overdue_q(today))
    return qs


def live_by_key(org_ids, source=None) -> dict:
    """{(org_id, source, source_ref): item} of the latest not-cancelled item per key, for the findings page."""
    qs = (
        Rectification.objects.filter(org_id__in=org_ids)
        .exclude(source_ref="")
        .exclude(status=Status.CANCELLED)
        .order_by("id")
    )
    if source:
        qs = qs.filter(source=source)
    return {
        (r.org_id, r.source, r.source_ref): r
        for r in qs.only("id", "org_id", "source", "source_ref", "status", "due_date", "reported_on")
    }


def counts_by_org(sub_ids, year, today) -> dict:
    """{org_id: {"open", "overdue", "closed", "closed_on_time", "due"}} for the year's items of the given
    orgs (a subquery of ids), in one GROUP BY query. Cancelled items are not counted.

    open:           not yet closed (整改中 or 已整改待验收)
    overdue:        not closed, past the due date and not reported done by it
    closed:         已销号
    closed_on_time: closed and reported done by its due date (or no due date set); acceptance is the
                    superior's step, so its date does not count against the branch
    due:            items that had to be done by today: due date reached or already closed
                    (closed_on_time / due is the share closed by the due date)
    """
    closed = Q(status=Status.CLOSED)
    rows = (
        Rectification.objects.filter(org_id__in=sub_ids, year=year)
        .exclude(status=Status.CANCELLED)
        .values("org_id")
        .order_by()
        .annotate(
            open=Count("id", filter=Q(status__in=LIVE)),
            overdue=Count("id", filter=overdue_q(today)),
            closed=Count("id", filter=closed),
            closed_on_time=Count("id", filter=closed & (Q(due_date__isnull=True) | Q(reported_on__lte=F("due_date")))),
            due=Count("id", filter=closed | Q(due_date__lte=today)),
        )
    )
    return {r.pop("org_id"): r for r in rows}

"""Every read of rectification items, scoped by visible_org_ids (out of scope is 404)."""

from django.db.models import Count, F, Q
from django.http import Http404

from dangjian.accounts.models import MANAGING_ROLES, RoleAssignment
from dangjian.accounts.scope import can_manage, visible_org_ids
from dangjian.core import workflow
from dangjian.members.models import Person
from dangjian.members.selectors import people_visible
from dangjian.orgs.models import OrgKind
from dangjian.orgs.selectors import orgs_visible, subtree_ids

from .models import LIVE, Rectification, RectificationStatus

MAX_OWNERS = 1000  # a bureau-level form lists at most this many people (the service checks any owner anyway)


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
        .exclude(status=RectificationStatus.CANCELLED)
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
    closed = Q(status=RectificationStatus.CLOSED)
    rows = (
        Rectification.objects.filter(org_id__in=sub_ids, year=year)
        .exclude(status=RectificationStatus.CANCELLED)
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


def can_accept(user, item) -> bool:
    """The superior accepts: a manager of an ancestor org; when no ancestor has a manager, a manager of the
    item's own org."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ancestors = item.org.ancestors_ids()
    managing = RoleAssignment.objects.filter(role__in=MANAGING_ROLES, org_id__in=ancestors)
    if managing.filter(user=user).exists():
        return True
    return not managing.exists() and can_manage(user, item.org)


def next_statuses(user, item) -> list:
    """The steps this user may take on the item now: the workflow's table (rectification/workflows.py),
    narrowed to who takes each step — the branch reports, the superior accepts or returns, the superior or
    whoever raised it cancels."""
    if not can_manage(user, item.org):
        return []
    superior = can_accept(user, item)
    allowed = {
        RectificationStatus.DONE: True,
        RectificationStatus.CLOSED: superior,
        RectificationStatus.OPEN: superior,
        RectificationStatus.CANCELLED: superior or item.raised_by_id == user.pk,
    }
    return [s for s in workflow.available_statuses(item) if allowed.get(s, False)]


def item_log(item):
    return item.log.select_related("actor")


def owner_choices(user, org):
    """On-roll people of the org's subtree the user may name as 责任人 (bounded)."""
    ids = (
        people_visible(user)
        .filter(org_id__in=subtree_ids(org), on_roll=True)
        .order_by("org__path", "stroke_key", "id")
        .values("pk")[:MAX_OWNERS]
    )
    return Person.objects.filter(pk__in=ids).select_related("org").order_by("org__path", "stroke_key", "id")


def no_people():
    return Person.objects.none()


def org_choices(user, org=None, *, only_org: bool = False):
    """Orgs the user manages that items may be raised for: the org itself (a keyed finding), or its subtree
    without groups (org given), or all of them without groups (the ledger's org picker)."""
    qs = orgs_visible(user, manage=True)
    if only_org:
        return qs.filter(id=org.id)
    if org is not None:
        qs = qs.filter(id__in=subtree_ids(org))
    return qs.exclude(kind=OrgKind.GROUP).order_by("path")


def earlier_live_count(user, org, year, today) -> int:
    """Items of earlier (or later) years still not closed, shown as a hint on a year's ledger."""
    if not year:
        return 0
    return ledger(user, org, year=None, today=today).filter(status__in=LIVE).exclude(year=year).count()

"""Every read of the plans app, scoped through visible_org_ids (out of scope → 404)."""

from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404

from dangjian.accounts.models import MANAGING_ROLES, RoleAssignment
from dangjian.accounts.scope import visible_org_ids
from dangjian.lib import clock
from dangjian.orgs.models import Org

from .models import (
    Activity,
    Honour,
    MemberNotice,
    MemberReceipt,
    PlanItem,
    PlanItemStatus,
    RecipientStatus,
    Task,
    TaskRecipient,
    Visit,
    WorkPlan,
)
from .models.plans import PlanReviewStatus

# A superior leader should visit branches at least this many times a year (seed 003: "不少于2次"); each bureau
# may set its own number (plans.models.settings.BureauPlanSetting, read by visits_minimum).
VISITS_PER_LEADER_PER_YEAR = 2
OPEN = (RecipientStatus.PENDING, RecipientStatus.RETURNED)


def tasks_sent(user, today=None):
    today = today or clock.today()
    # 逾期未报 (still open after the deadline) or 逾期上报 (the report standing was given after it)
    late = Q(kind="task") & (
        Q(recipients__status__in=OPEN, deadline__lt=today)
        | Q(
            recipients__status__in=(RecipientStatus.ANSWERED, RecipientStatus.ACCEPTED),
            recipients__answered_at__date__gt=F("deadline"),
        )
    )
    return (
        Task.objects.filter(org_id__in=visible_org_ids(user, manage=True))
        .select_related("org")
        .annotate(
            n=Count("recipients"),
            n_read=Count("recipients", filter=Q(recipients__read_at__isnull=False)),
            n_answered=Count("recipients", filter=~Q(recipients__status__in=OPEN)),
            n_late=Count("recipients", filter=late),
        )
    )


def task_get(user, pk) -> Task:
    return get_object_or_404(Task.objects.select_related("org"), pk=pk, org_id__in=visible_org_ids(user, manage=True))


def inbox(user):
    """Tasks received by orgs the user manages, not those the user's own orgs sent down."""
    ids = visible_org_ids(user, manage=True)
    return (
        TaskRecipient.objects.filter(org_id__in=ids)
        .exclude(task__org_id__in=ids)
        .select_related("task", "task__org", "org")
        .order_by("-task__created_at", "org__path")
    )


def recipient_get(user, pk) -> TaskRecipient:
    """A recipient row seen by the receiving org's managers or by the sender's managers."""
    ids = visible_org_ids(user, manage=True)
    return get_object_or_404(
        TaskRecipient.objects.select_related("task", "task__org", "org"),
        Q(org_id__in=ids) | Q(task__org_id__in=ids),
        pk=pk,
    )


def recipients_of(task, today):
    rows = list(task.recipients.select_related("org", "read_by").prefetch_related("files"))
    for r in rows:
        r.late = r.is_late(today)
        r.late_zh = r.late_label(today)
    return rows


def notices_sent(user, within=None):
    """Notices sent by the orgs the user manages (only those of ``within``'s subtree when given)."""
    qs = MemberNotice.objects.filter(org_id__in=visible_org_ids(user, manage=True))
    if within is not None:
        qs = qs.filter(org_id__in=_subtree(within))
    return qs.select_related("org").annotate(
        n=Count("receipts"), n_read=Count("receipts", filter=Q(receipts__read_at__isnull=False))
    )


def notice_get(user, pk) -> MemberNotice:
    return get_object_or_404(MemberNotice, pk=pk, org_id__in=visible_org_ids(user, manage=True))


def my_receipts(person, *, unread=False):
    qs = MemberReceipt.objects.filter(person=person)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.select_related("notice", "notice__org").order_by("-notice__created_at")


def _plans_readable(user) -> Q:
    """Managers read every plan of their subtree; a plain member only plans that passed review (已审核通过):
    a draft, or one still waiting for or sent back from review, is the committee's working paper (issue 18)."""
    return Q(org_id__in=visible_org_ids(user, manage=True)) | Q(
        org_id__in=visible_org_ids(user), status=PlanReviewStatus.APPROVED
    )


def plans_visible(user, year=None):
    qs = WorkPlan.objects.filter(_plans_readable(user))
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("org").annotate(
        n=Count("items", filter=~Q(items__status=PlanItemStatus.DROPPED)),
        n_done=Count("items", filter=Q(items__status=PlanItemStatus.DONE)),
    )


def plan_get(user, pk, *, manage=False) -> WorkPlan:
    scope = Q(org_id__in=visible_org_ids(user, manage=True)) if manage else _plans_readable(user)
    return get_object_or_404(WorkPlan.objects.select_related("org").filter(scope), pk=pk)


def progress(plan) -> dict:
    agg = plan.items.aggregate(
        n=Count("id", filter=~Q(status=PlanItemStatus.DROPPED)), done=Count("id", filter=Q(status=PlanItemStatus.DONE))
    )
    agg["pct"] = round(100 * agg["done"] / agg["n"]) if agg["n"] else 0
    return agg


def adoptable_items(plan):
    """Items of the superiors' plans of the same year not yet adopted here."""
    return (
        PlanItem.objects.filter(plan__org_id__in=plan.org.ancestors_ids(), plan__year=plan.year)
        .exclude(adoptions__plan=plan)
        .select_related("plan", "plan__org")
    )


def item_get(user, pk, *, manage=True) -> PlanItem:
    return get_object_or_404(
        PlanItem.objects.select_related("plan", "plan__org"),
        pk=pk,
        plan__org_id__in=visible_org_ids(user, manage=manage),
    )


def honours_visible(user, year=None):
    """Managers read their subtree's honours; a plain member only their own and the branch's collective ones,
    never another member's (issue 18)."""
    own_or_collective = Q(person__isnull=True) | Q(person__user=user) if user.is_authenticated else Q(pk__in=[])
    in_year = Q(awarded_on__year=year) if year else Q()
    return Honour.objects.filter(
        in_year,
        Q(org_id__in=visible_org_ids(user, manage=True)) | (Q(org_id__in=visible_org_ids(user)) & own_or_collective),
    ).select_related("org", "person")


def activities_visible(user, year=None, *, with_people=False):
    qs = Activity.objects.filter(org_id__in=visible_org_ids(user))
    if year:
        qs = qs.filter(held_on__year=year)
    if with_people:
        qs = qs.prefetch_related("people")
    return qs.select_related("org", "meeting").annotate(n_people=Count("people"))


def visits_visible(user, year=None):
    qs = Visit.objects.filter(org_id__in=visible_org_ids(user))
    if year:
        qs = qs.filter(visited_on__year=year)
    return qs.select_related("org", "visitor").prefetch_related("problems")


def _subtree(org):
    from dangjian.orgs.selectors import subtree_ids

    return subtree_ids(org)


def honours_in_year(org, year):
    """Honours of the org's subtree awarded in the year (for the annual summary)."""
    return Honour.objects.filter(org_id__in=_subtree(org), awarded_on__year=year).select_related("person", "org")


def activities_in_year(org, year):
    """Activities of the org's subtree held in the year, with people count and service hours."""
    from django.db.models import Sum

    return (
        Activity.objects.filter(org_id__in=_subtree(org), held_on__year=year)
        .select_related("org", "meeting")
        .annotate(n_people=Count("people"), hours=Sum("people__hours"))
    )


def visit_counts(org, year) -> list[dict]:
    """Visits made in the year by each leader (managing role on the org) to orgs below it."""
    leaders = (
        RoleAssignment.objects.filter(org=org, role__in=MANAGING_ROLES)
        .values_list("user_id", "user__first_name", "user__username")
        .distinct()
    )
    counts = dict(
        Visit.objects.filter(org_id__in=_subtree(org), visited_on__year=year)
        .exclude(org=org)
        .values_list("visitor_id")
        .annotate(c=Count("id"))
        .values_list("visitor_id", "c")
    )
    minimum = visits_minimum(org)
    return [
        {"user_id": uid, "name": first or uname, "visits": counts.get(uid, 0), "short": counts.get(uid, 0) < minimum}
        for uid, first, uname in leaders
    ]


def visits_minimum(org) -> int:
    """The yearly visits each leader should make, as the org's bureau set it (default 2)."""
    from .models.settings import BureauPlanSetting

    if org is None:
        return VISITS_PER_LEADER_PER_YEAR
    value = (
        BureauPlanSetting.objects.filter(bureau_id=org.bureau_id or org.pk)
        .values_list("visits_per_leader", flat=True)
        .first()
    )
    return VISITS_PER_LEADER_PER_YEAR if value is None else value


def today():
    return clock.today()


def nominations_visible(user):
    """Nominations of the orgs the user manages (a superior sees those of the branches below it)."""
    from .models import Nomination

    return Nomination.objects.filter(org_id__in=visible_org_ids(user, manage=True)).select_related(
        "org", "person", "decided_by", "decided_org"
    )


def nomination_get(user, pk):
    return get_object_or_404(nominations_visible(user), pk=pk)


def can_decide(user, nomination, managed_ids=None) -> bool:
    """Only a manager of an org strictly above the nominating branch decides (never the branch itself)."""
    above = set(nomination.org.ancestors_ids())
    if user.is_superuser:
        return bool(above)
    if managed_ids is None:
        managed_ids = set(
            RoleAssignment.objects.filter(user=user, role__in=MANAGING_ROLES).values_list("org_id", flat=True)
        )
    return bool(above & managed_ids)


def deciding_org(actor, org) -> Org | None:
    """The nearest org strictly above ``org`` that the actor manages (the branch's own secretary has none)."""
    above = org.ancestors_ids()
    if not above:
        return None
    if actor.is_superuser:
        return Org.objects.get(pk=above[-1])
    ids = set(
        RoleAssignment.objects.filter(user=actor, role__in=MANAGING_ROLES, org_id__in=above).values_list(
            "org_id", flat=True
        )
    )
    for pk in reversed(above):
        if pk in ids:
            return Org.objects.get(pk=pk)
    return None


def managed_org_ids(user) -> set:
    """The orgs the user holds a managing role on (not their subtrees): who decides a nomination."""
    return set(RoleAssignment.objects.filter(user=user, role__in=MANAGING_ROLES).values_list("org_id", flat=True))


def plan_people(plan):
    """People on the roll of the plan's org and below: who may own an item."""
    from dangjian.members.models import Person
    from dangjian.orgs.models import subtree_q

    return Person.objects.filter(subtree_q(plan.org.path, "org__path"), on_roll=True).order_by("name")


def plan_items(plan):
    return plan.items.select_related("owner", "source__plan__org")


def task_files(task):
    """The task's own attachments (not those of a recipient's answer)."""
    return task.files.filter(recipient__isnull=True)


def notice_receipts(notice, *, order=("read_at", "person__name")):
    return notice.receipts.select_related("person").order_by(*order)


def my_receipt_get(person, pk) -> MemberReceipt:
    """One of the person's own notice receipts (404 for anyone else's, or without a person)."""
    return get_object_or_404(
        MemberReceipt.objects.select_related("notice", "notice__org"), pk=pk, person_id=person.pk if person else 0
    )


def linkable_meetings(orgs, since, limit=200):
    """Meetings an activity may be linked to (counted as its theme day): the orgs' own, not voided, held since
    ``since``; the latest ``limit`` of them, newest first (a queryset, for the form's choices)."""
    from dangjian.meetings.models import Meeting

    qs = Meeting.objects.filter(org__in=orgs, voided=False, held_on__gte=since)
    latest = list(qs.order_by("-starts_at").values_list("pk", flat=True)[:limit])
    return Meeting.objects.filter(pk__in=latest).select_related("org").order_by("-starts_at")


def org_meeting(org, pk):
    """The org's own meeting ``pk``, or None."""
    from dangjian.meetings.models import Meeting

    return Meeting.objects.filter(pk=pk, org=org).first()


def visit_problem_get(user, pk):
    from .models import VisitProblem

    return get_object_or_404(
        VisitProblem.objects.select_related("visit", "visit__org"),
        pk=pk,
        visit__org_id__in=visible_org_ids(user, manage=True),
    )


def managed_orgs(user, *, kinds=None, with_children=False):
    """Orgs the user manages (work groups excluded), optionally only some kinds or those with orgs below."""
    from dangjian.orgs.models import OrgKind
    from dangjian.orgs.selectors import orgs_visible

    qs = orgs_visible(user, manage=True)
    qs = qs.filter(kind__in=kinds) if kinds else qs.exclude(kind=OrgKind.GROUP)
    if with_children:
        qs = qs.filter(children__isnull=False).distinct()
    return qs


def roll_people(user, orgs=None):
    """People on the roll the user may see (within ``orgs`` when given), by name: form choices."""
    from dangjian.members.selectors import people_visible

    qs = people_visible(user).filter(on_roll=True)
    if orgs is not None:
        qs = qs.filter(org__in=orgs)
    return qs.order_by("name")

"""Who was on an org's roll, in which status, category and group, on a date D — the one way to ask it.

Every count of a past date (composition statistics, the year's documents, a meeting's expected attendees,
arrears "as of", inactivity tests) reads the roll here, built from two kinds of history:
- RollSpan rows: on which org's roll, in which 党小组 and category, from when to when (services keep them);
- the status dates on the person: 入党时间 (join_date) and 转正时间 (confirmation_date).

Status as of D (`status_on`), for a person on the roll that day:
- 正式党员 from the confirmation date; an old record (status 正式, no confirmation date) from join + 1 year,
  or always when no join date is known either;
- 预备党员 from the join date until then;
- before the join date a present member was still in development: counted as 发展对象;
- people in development keep their present stage (their stage dates live in the development case).
流动/失联 as of D: the person's flag, from its "since" date (流动开始日期 / 失联日期) on.
"""

import datetime

from django.db.models import Case, CharField, Q, Value, When

from dangjian.lib import clock
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.periods import add_years

from .models import MEMBER_STATUSES, Person, RollSpan, Status


def span_q(on: datetime.date, prefix: str = "") -> Q:
    """Spans that cover day `on` (start <= on < end; open ends count)."""
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": on})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": on})
    )


def spans_on(org, on: datetime.date | None = None):
    """RollSpan rows of the org's subtree that cover day `on` (default today): one per person on the roll."""
    on = on or clock.today()
    ids = org if not hasattr(org, "path") else subtree_ids(org)
    return RollSpan.objects.filter(span_q(on), org_id__in=ids)


def member_q(on: datetime.date, prefix: str = "") -> Q:
    """The person was a 党员 (正式 or 预备) on day `on`, by status and 入党时间."""
    p = prefix
    return Q(**{f"{p}status__in": MEMBER_STATUSES}) & (
        Q(**{f"{p}join_date__isnull": True}) | Q(**{f"{p}join_date__lte": on})
    )


def full_q(on: datetime.date, prefix: str = "") -> Q:
    """The person was a 正式党员 on day `on`."""
    p = prefix
    confirmed = Q(**{f"{p}confirmation_date__isnull": False, f"{p}confirmation_date__lte": on})
    old_record = Q(**{f"{p}status": Status.FULL, f"{p}confirmation_date__isnull": True}) & (
        Q(**{f"{p}join_date__isnull": True}) | Q(**{f"{p}join_date__lte": add_years(on, -1)})
    )
    return Q(**{f"{p}status__in": MEMBER_STATUSES}) & (confirmed | old_record)


def status_on(on: datetime.date, prefix: str = "") -> Case:
    """The person's status on day `on` as one SQL CASE (values of members.Status)."""
    p = prefix
    return Case(
        When(full_q(on, p), then=Value(Status.FULL.value)),
        When(member_q(on, p), then=Value(Status.PROBATIONARY.value)),
        When(Q(**{f"{p}status__in": MEMBER_STATUSES}), then=Value(Status.CANDIDATE.value)),
        default=f"{p}status",
        output_field=CharField(),
    )


def flag_on_q(flag: str, since: str, on: datetime.date, prefix: str = "") -> Q:
    """流动/失联 on day `on`: the flag is set and began on or before that day."""
    p = prefix
    return Q(**{f"{p}{flag}": True}) & (Q(**{f"{p}{since}__isnull": True}) | Q(**{f"{p}{since}__lte": on}))


def people_on(org, on: datetime.date | None = None, *, members_only: bool = True):
    """People on the org subtree's roll on day `on` (default today); by default 党员 only (正式 + 预备).

    Annotated with `status_on`; filter further like any Person queryset."""
    on = on or clock.today()
    qs = Person.objects.filter(id__in=spans_on(org, on).values("person_id"))
    if members_only:
        qs = qs.filter(member_q(on))
    return qs.annotate(status_on=status_on(on))


def member_ids_on(org, on: datetime.date | None = None):
    """A subquery of the ids of the 党员 on the org subtree's roll on day `on`."""
    on = on or clock.today()
    return spans_on(org, on).filter(member_q(on, "person__")).values("person_id")


def was_member_on(person: Person, on: datetime.date) -> bool:
    """Was this person a 党员 on some org's roll on day `on`?"""
    return RollSpan.objects.filter(span_q(on), member_q(on, "person__"), person=person).exists()


def arrived_on(person: Person, org=None) -> datetime.date | None:
    """The first day of the person's present stretch on the roll (of `org`'s subtree, when given), counting
    from when the records began: the later of the span's start and the day the record was entered."""
    spans = RollSpan.objects.filter(person=person, end__isnull=True)
    if org is not None:
        spans = spans.filter(org_id__in=subtree_ids(org))
    span = spans.first()
    if span is None:
        return None
    return max(d for d in (span.start, person.recorded_on) if d is not None)


def open_missing_spans(person_ids=None) -> int:
    """Give every person without any span one for their present roll (for bulk paths that insert people
    directly: the roster importer's fast path and the scale data). Returns the number of spans written."""
    people = Person.objects.exclude(id__in=RollSpan.objects.values("person_id"))
    if person_ids is not None:
        people = people.filter(id__in=person_ids)
    spans = [
        RollSpan(
            person_id=pk,
            bureau_id=bureau_id,
            org_id=org_id,
            group_id=group_id,
            category=category,
            start=None,
            end=None if on_roll else (left_on or recorded_on),
        )
        for pk, bureau_id, org_id, group_id, category, on_roll, left_on, recorded_on in people.values_list(
            "id", "bureau_id", "org_id", "group_id", "category", "on_roll", "left_on", "recorded_on"
        ).iterator(chunk_size=5000)
    ]
    RollSpan.objects.bulk_create(spans, batch_size=2000)
    return len(spans)


def sync_spans(person: Person, before: dict | None, *, effective: datetime.date | None = None) -> None:
    """Keep the person's spans in step with a write (called by members.services inside its transaction).

    `before` is the audit snapshot before the write (None on create). `effective` is the day a move or a
    change of group/category took effect (default today); leaving uses the leaving date, restoring undoes
    the leave (the stretch reopens)."""
    today = clock.today()
    if before is None:
        RollSpan.objects.create(
            person=person,
            bureau_id=person.bureau_id,
            org_id=person.org_id,
            group_id=person.group_id,
            category=person.category,
            start=effective,
            end=None if person.on_roll else (person.left_on or today),
        )
        return
    open_span = RollSpan.objects.filter(person=person, end__isnull=True).order_by("-id").first()
    was_on = before.get("on_roll")
    if was_on and not person.on_roll:
        if open_span is not None:
            open_span.end = person.left_on or today
            if open_span.start and open_span.end < open_span.start:
                open_span.end = open_span.start
            open_span.save(update_fields=["end"])
        return
    if not was_on and person.on_roll:
        last = RollSpan.objects.filter(person=person).order_by("-end", "-id").first()
        if last is not None and last.org_id == person.org_id:
            last.end = None
            last.save(update_fields=["end"])
            open_span = last
        else:
            RollSpan.objects.create(
                person=person,
                bureau_id=person.bureau_id,
                org_id=person.org_id,
                group_id=person.group_id,
                category=person.category,
                start=effective or today,
            )
            return
    if not person.on_roll or open_span is None:
        return
    if (open_span.org_id, open_span.group_id, open_span.category) == (person.org_id, person.group_id, person.category):
        return
    day = effective or today
    if open_span.start is not None:
        same_day = open_span.start >= day
    else:  # no date given and the record was entered today: a correction of what was just typed
        same_day = effective is None and person.recorded_on >= day
    if same_day:
        # Changed on the day the stretch (or the record) began: the stretch itself changes.
        open_span.org_id, open_span.group_id, open_span.category = person.org_id, person.group_id, person.category
        open_span.bureau_id = person.bureau_id
        open_span.save(update_fields=["org", "bureau", "group", "category"])
        return
    open_span.end = day
    open_span.save(update_fields=["end"])
    RollSpan.objects.create(
        person=person,
        bureau_id=person.bureau_id,
        org_id=person.org_id,
        group_id=person.group_id,
        category=person.category,
        start=day,
    )

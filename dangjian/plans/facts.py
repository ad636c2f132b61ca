"""Honours (荣誉) and activities (志愿服务、结对帮扶、走访慰问) of an org's subtree in a year — the plans side of
the reports seam."""

from django.db.models import Count, Sum

from dangjian.orgs.selectors import subtree_ids

from .models import Activity, ActivityKind, ActivityPerson, Honour

MAX_NAMED = 10  # a bureau's summary names the first ten honours and counts the rest


def honours(org, year: int) -> dict:
    qs = (
        Honour.objects.filter(org_id__in=subtree_ids(org), awarded_on__year=year)
        .select_related("org", "person")
        .order_by("awarded_on", "id")
    )
    items = [
        {
            "who": h.person.name + "同志" if h.person_id else h.org.name,
            "title": h.title,
            "level": h.get_level_display(),
            "by": h.awarded_by,
            "date": h.awarded_on,
        }
        for h in qs[:MAX_NAMED]
    ]
    total = qs.count()
    collective = qs.filter(person__isnull=True).count()
    return {"total": total, "collective": collective, "individual": total - collective, "items": items}


def activities(org, year: int) -> dict:
    sub = subtree_ids(org)
    by_kind = dict(
        Activity.objects.filter(org_id__in=sub, held_on__year=year)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    agg = ActivityPerson.objects.filter(
        activity__org_id__in=sub, activity__held_on__year=year, activity__kind=ActivityKind.VOLUNTEER
    ).aggregate(hours=Sum("hours"), people=Count("person", distinct=True))
    titles = list(
        Activity.objects.filter(org_id__in=sub, held_on__year=year)
        .order_by("held_on", "id")
        .values_list("held_on", "kind", "title")
    )
    return {
        "by_kind": [(k, label, by_kind[k]) for k, label in ActivityKind.choices if by_kind.get(k)],
        "volunteer_hours": agg["hours"] or 0,
        "volunteers": agg["people"] or 0,
        "items": [{"date": d, "kind": k, "title": t} for d, k, t in titles],
    }


def honour_levels() -> list[tuple[str, str]]:
    """(value, label) of the honours' levels, highest first."""
    from .models import HonourLevel

    return [(lv.value, lv.label) for lv in HonourLevel]


def honour_rows(org_ids, year: int) -> list[tuple]:
    """(title, level, person's name or None for a collective, org name, awarded on, awarded by), by date."""
    return list(
        Honour.objects.filter(org_id__in=org_ids, awarded_on__year=year)
        .order_by("awarded_on", "id")
        .values_list("title", "level", "person__name", "org__name", "awarded_on", "awarded_by")
    )

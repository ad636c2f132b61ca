"""党务公开 facts for an org's subtree and a year — the disclosure side of the reports seam."""

from django.db.models import Count

from dangjian.orgs.selectors import subtree_ids

from .models import TOPIC_CHOICES, DisclosureStatus, DisclosureStep


def year_facts(org, year: int) -> dict:
    """Items published (实施, PUB-02) in the year: {"count", "by_topic": [(label, n)]}."""
    rows = (
        DisclosureStep.objects.filter(
            item__org_id__in=subtree_ids(org), status=DisclosureStatus.PUBLISHED, on__year=year
        )
        .order_by()
        .values_list("item__topic")
        .annotate(n=Count("item", distinct=True))
    )
    labels = dict(TOPIC_CHOICES)
    by_topic = [(labels.get(t, t), n) for t, n in rows]
    return {"count": sum(n for _, n in by_topic), "by_topic": by_topic}


def published_by_org(sub, year: int) -> list[tuple[int, int]]:
    """(org id, items published in the year)."""
    return list(
        DisclosureStep.objects.filter(item__org_id__in=sub, status=DisclosureStatus.PUBLISHED, on__year=year)
        .order_by()
        .values_list("item__org_id")
        .annotate(n=Count("item", distinct=True))
    )


def published_rows(org, year: int, limit: int) -> list[tuple]:
    """(date ISO, org name, topic label, title, scope value, scope label) of the items published in the year."""
    qs = (
        DisclosureStep.objects.filter(
            item__org_id__in=subtree_ids(org), status=DisclosureStatus.PUBLISHED, on__year=year
        )
        .select_related("item", "item__org")
        .order_by("on", "id")
    )
    return [
        (
            s.on.isoformat(),
            s.item.org.name,
            s.item.get_topic_display(),
            s.item.title,
            s.item.scope,
            s.item.get_scope_display(),
        )
        for s in qs[:limit]
    ]

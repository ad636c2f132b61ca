"""党务公开 facts for an org's subtree and a year — the disclosure side of the reports seam."""
from django.db.models import Count

from dangjian.orgs.selectors import subtree_ids

from .models import TOPIC_CHOICES, DisclosureStep, Status


def year_facts(org, year: int) -> dict:
    """Items published (实施, PUB-02) in the year: {"count", "by_topic": [(label, n)]}."""
    rows = (DisclosureStep.objects.filter(item__org_id__in=subtree_ids(org), status=Status.PUBLISHED, on__year=year)
            .order_by().values_list("item__topic").annotate(n=Count("item", distinct=True)))
    labels = dict(TOPIC_CHOICES)
    by_topic = [(labels.get(t, t), n) for t, n in rows]
    return {"count": sum(n for _, n in by_topic), "by_topic": by_topic}

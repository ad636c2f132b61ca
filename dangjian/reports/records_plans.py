"""Honours (荣誉) and activities (志愿服务、结对帮扶、走访慰问) of the year, from the plans app's own tables."""
from django.db.models import Count, Sum

from dangjian.orgs.models import Org
from dangjian.orgs.selectors import subtree_ids

from .records import Fact, installed, url

MAX_NAMED = 10  # a bureau's summary names the first ten honours and counts the rest


def honours_part(org: Org, year: int) -> dict | None:
    if not installed("plans"):
        return None
    from dangjian.plans.models import Honour

    qs = (Honour.objects.filter(org_id__in=subtree_ids(org), awarded_on__year=year)
          .select_related("org", "person").order_by("awarded_on", "id"))
    src = url("plans:honours")
    items = [{"who": h.person.name + "同志" if h.person_id else h.org.name, "title": h.title,
              "level": h.get_level_display(), "by": h.awarded_by, "date": h.awarded_on}
             for h in qs[:MAX_NAMED]]
    total = qs.count()
    collective = qs.filter(person__isnull=True).count()
    return {"total": Fact(total, f"{year}年获得的荣誉", src), "collective": Fact(collective, "集体荣誉", src),
            "individual": Fact(total - collective, "个人荣誉", src), "items": items}


def activities_part(org: Org, year: int) -> dict | None:
    if not installed("plans"):
        return None
    from dangjian.plans.models import Activity, ActivityKind, ActivityPerson

    sub = subtree_ids(org)
    src = url("plans:activities")
    by_kind = dict(Activity.objects.filter(org_id__in=sub, held_on__year=year).order_by()
                   .values_list("kind").annotate(n=Count("id")))
    volunteer = ActivityPerson.objects.filter(activity__org_id__in=sub, activity__held_on__year=year,
                                              activity__kind=ActivityKind.VOLUNTEER)
    agg = volunteer.aggregate(hours=Sum("hours"), people=Count("person", distinct=True))
    return {"by_kind": [(label, Fact(by_kind[k], f"{year}年{label}次数", src))
                        for k, label in ActivityKind.choices if by_kind.get(k)],
            # hours read as 5.5, not as money (5.50)
            "volunteer_hours": Fact(f"{(agg['hours'] or 0).normalize():f}" if agg["hours"] else 0,
                                    f"{year}年党员志愿服务时长（小时）", src),
            "volunteers": Fact(agg["people"] or 0, f"{year}年参加志愿服务的党员人数", src)}

"""Every read of people, scoped by visible_org_ids (managers) or Person.user (members)."""
from django.db.models import Q
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.orgs.models import Org

from .models import Person


def people_visible(user):
    """Managers see their subtree; anyone sees their own record."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return Person.objects.filter(Q(org_id__in=visible_org_ids(user, manage=True)) | Q(user_id=user.pk))


def person_get(user, pk, *, manage: bool = False) -> Person:
    qs = Person.objects.filter(org_id__in=visible_org_ids(user, manage=True)) if manage else people_visible(user)
    person = qs.select_related("org", "group").filter(pk=pk).first()
    if person is None:
        raise Http404("人员不存在或无权查看")
    return person


def roster(user, org: Org, *, q: str = "", status: str = "", on_roll: bool = True, category: str = ""):
    """People of an org's subtree that the user may see, in 姓氏笔画 order."""
    qs = people_visible(user).filter(org_id__in=Org.objects.filter(path__startswith=org.path).values("id"))
    qs = qs.filter(on_roll=on_roll)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if q:
        q = q.strip()
        qs = qs.filter(Q(name__contains=q) | Q(pinyin__icontains=q.lower()) | Q(phone__startswith=q))
    return qs.select_related("org", "group").order_by("stroke_key", "id")

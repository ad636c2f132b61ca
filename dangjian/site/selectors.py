"""Reads for the top-floor pages: the audit log (/audit/ and its API) and the to-do calendar feed."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.models import AuditEvent, CalendarToken
from dangjian.orgs.models import Org, subtree_q

CHINA = ZoneInfo("Asia/Shanghai")  # a day on the audit filters is a China day
DENIED = "审计日志只有系统管理员和上级党组织工作人员可以查看"


def officer_paths(user) -> list[str]:
    """Paths of the orgs the user is bureau officer of (their audit-log reach)."""
    return list(RoleAssignment.objects.filter(user=user, role=Role.BUREAU_OFFICER).values_list("org__path", flat=True))


def visible_events(user):
    """AuditEvent rows the user may read; PermissionDenied for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied(DENIED)
    if user.is_superuser:
        return AuditEvent.objects.all()
    paths = officer_paths(user)
    if not paths:
        raise PermissionDenied(DENIED)
    q = Q()
    for p in paths:
        q |= subtree_q(p)
    return AuditEvent.objects.filter(org_id__in=Org.objects.filter(q).values("id"))


def audit_events(user, *, events=None, start=None, end=None, org=None, kind=None, actor=None):
    """The user's visible events, filtered, newest first. start/end are China days, both ends included; org is a
    code (its subtree, which must be within the user's reach); kind an exact kind or a prefix ending in ".".
    `events` is visible_events(user) when the caller already has it."""
    qs = visible_events(user) if events is None else events
    if start:
        qs = qs.filter(at__gte=datetime.datetime.combine(start, datetime.time(), CHINA))
    if end:
        qs = qs.filter(at__lt=datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), CHINA))
    if org:
        root = Org.objects.filter(code=str(org).strip().upper()).first()
        if root is None or not (user.is_superuser or any(root.path.startswith(p) for p in officer_paths(user))):
            raise ValidationError({"org": f"组织代码「{org}」不存在或不在您的管理范围内"})
        qs = qs.filter(org_id__in=Org.objects.filter(subtree_q(root.path)).values("id"))
    if kind:
        kind = str(kind).strip()
        qs = qs.filter(kind__startswith=kind) if kind.endswith(".") else qs.filter(kind=kind)
    if actor:
        qs = qs.filter(actor__username=str(actor).strip())
    return qs.select_related("actor", "org").order_by("-id")


def calendar_token_of(user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_by_key(key) -> CalendarToken | None:
    """The token behind a calendar feed address, only while its user is active."""
    return CalendarToken.objects.select_related("user").filter(key=key, user__is_active=True).first()

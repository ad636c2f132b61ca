"""Login, logout, failed login and lockout go to the audit log; a login starts the session clocks."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from dangjian.core.models import AuditEvent
from dangjian.lib import clock

from . import session
from .backends import client_ip
from .services import home_org, must_change_password


def _ip(request) -> str:
    return client_ip(request)


def _write(kind, *, user=None, username="", request=None, by_user=True, **data):
    """by_user=False for failed logins and lockouts: someone tried the account; it was not its owner acting."""
    known = user is not None and user.pk
    AuditEvent.objects.create(
        actor=user if known and by_user else None,
        org=home_org(user) if known else None,
        kind=kind,
        subject_type="user",
        subject_id=user.pk if known else 0,
        data={"username": username or getattr(user, "username", ""), "ip": _ip(request), **data},
    )


def _user_named(username):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@receiver(user_logged_in, dispatch_uid="dangjian_login")
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session.start(request, must_change=must_change_password(user))
    if _ip(request):  # a login over HTTP; the test client's login()/force_login() build a request without an address
        _write("auth.login", user=user, request=request)


@receiver(user_logged_out, dispatch_uid="dangjian_logout")
def on_logout(sender, request, user, **kwargs):
    if user is None or not _ip(request):  # as for logins: only what happens over HTTP
        return
    reason = getattr(request, "_dangjian_logout_reason", "")
    _write("auth.logout", user=user, request=request, **({"reason": reason} if reason else {}))


@receiver(user_login_failed, dispatch_uid="dangjian_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:  # a test's or a script's authenticate() call, not an attempt over the network
        return
    username = credentials.get("username", "")
    _write(
        "auth.login_failed",
        user=_user_named(username),
        username=username,
        request=request,
        by_user=False,
        at=clock.now().isoformat(),
    )


@receiver(user_locked_out, dispatch_uid="dangjian_lockout")
def on_lockout(sender, request, username, ip_address, **kwargs):
    _write(
        "auth.lockout",
        user=_user_named(username),
        username=username or "",
        request=request,
        by_user=False,
        ip_address=ip_address or "",
    )

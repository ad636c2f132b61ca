"""Session clocks and the forced password change, kept in the session itself (no query per request).

- idle timeout: no request for DANGJIAN_SESSION_IDLE_MINUTES (default 30) ends the session;
- absolute lifetime: DANGJIAN_SESSION_MAX_HOURS (default 12) after login the session ends however busy;
- must change: a login created or reset by someone else is sent to the password page until it changes
  the password; its API calls get 403.
The last-seen stamp is rewritten at most once a minute, so an active user does not write the session
table on every request. SESSION_COOKIE_AGE is the absolute lifetime (plus a minute), so this middleware,
not the cookie's expiry, ends the session and can say why.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from dangjian.lib import clock

AUTH_AT, SEEN_AT, MUST_CHANGE = "dj_auth_at", "dj_seen_at", "dj_must_change"
SEEN_EVERY = 60  # seconds
OPEN_WHILE_MUST_CHANGE = ("/static/", "/public/", "/login/", "/logout/")


def idle_seconds() -> int:
    return int(float(getattr(settings, "DANGJIAN_SESSION_IDLE_MINUTES", 30)) * 60)


def max_seconds() -> int:
    return int(float(getattr(settings, "DANGJIAN_SESSION_MAX_HOURS", 12)) * 3600)


def start(request, *, must_change: bool):
    now = clock.now().timestamp()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    if must_change:
        request.session[MUST_CHANGE] = True
    else:
        request.session.pop(MUST_CHANGE, None)


def password_changed(request):
    request.session.pop(MUST_CHANGE, None)


class AccountGuard:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and hasattr(request, "session") and user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        s, now = request.session, clock.now().timestamp()
        auth_at, seen_at = s.get(AUTH_AT), s.get(SEEN_AT)
        if auth_at is None or seen_at is None:  # a session from before these clocks: start them now
            s[AUTH_AT] = s[SEEN_AT] = now
            return None
        reason = ""
        if now - auth_at > max_seconds():
            reason = f"登录已超过 {max_seconds() // 3600} 小时，为安全起见已自动退出，请重新登录"
        elif now - seen_at > idle_seconds():
            reason = f"超过 {idle_seconds() // 60} 分钟未操作，为安全起见已自动退出，请重新登录"
        if reason:
            request._dangjian_logout_reason = "timeout"
            logout(request)  # the LoginRequired middleware then sends the page to /login/; the API answers 401
            if not request.path.startswith("/api/"):
                messages.info(request, reason)
            return None
        if now - seen_at >= min(SEEN_EVERY, idle_seconds() / 2):  # a very short idle limit (the probe) too
            s[SEEN_AT] = now
        if s.get(MUST_CHANGE):
            return self._must_change(request)
        return None

    def _must_change(self, request):
        path, target = request.path, reverse("account_password")
        if path == target or path.startswith(OPEN_WHILE_MUST_CHANGE):
            return None
        if path.startswith("/api/"):
            if path.rstrip("/").endswith("/accounts/me/password"):
                return None
            from .services import MUST_CHANGE_MESSAGE

            return JsonResponse({"detail": MUST_CHANGE_MESSAGE}, status=403, json_dumps_params={"ensure_ascii": False})
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(f"{target}?{query}" if query else target)

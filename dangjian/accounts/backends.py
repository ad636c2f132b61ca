"""Login lockout (django-axes): 5 failed logins lock the account and the address for 15 minutes."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check, first in AUTHENTICATION_BACKENDS; the next backend (ModelBackend) logs the user in.

    authenticate() without a request (Django's test client `login()`, a script) is not an attempt over
    the network: it is let through to the next backend instead of being an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address. Behind the documented nginx proxy (DANGJIAN_HTTPS=1) every request comes
    from 127.0.0.1, which would make one person's typos lock out the whole school: there the address is
    the last X-Forwarded-For entry, the one nginx appended ($proxy_add_x_forwarded_for; earlier entries
    are whatever the client sent)."""
    if request is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "HTTPS", False) and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or ""


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return f"登录失败次数过多，该账号或本机地址已被锁定 {minutes} 分钟，请稍后再试；如忘记密码，请联系支部书记或上级党组织重置。"


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lockout explained in Chinese (HTTP 429)."""
    form = AuthenticationForm(request)
    context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)

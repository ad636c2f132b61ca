"""Reading comfort (适老化): the font-size switch 标准 / 大 / 特大.

A plain form POST (works without JavaScript, and the CSP forbids inline scripts anyway). The choice is kept in
a year-long cookie, so it survives logging out and in on the same device, and in the session."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

FONT_SIZES = {"standard": "标准", "large": "大", "xlarge": "特大"}
COOKIE = "dj_font"
YEAR = 365 * 24 * 3600


def font_size_of(request) -> str:
    size = request.COOKIES.get(COOKIE) or (request.session.get("font_size") if hasattr(request, "session") else None)
    return size if size in FONT_SIZES else "standard"


@login_not_required
@require_POST
def font_size(request):
    size = request.POST.get("size")
    size = size if size in FONT_SIZES else "standard"
    back = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    response = redirect(back)
    response.set_cookie(COOKIE, size, max_age=YEAR, samesite="Lax", secure=request.is_secure(), httponly=True)
    if request.user.is_authenticated:
        request.session["font_size"] = size
    return response

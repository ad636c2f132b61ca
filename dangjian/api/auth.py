"""How the API knows who is calling: a per-user Bearer token, or the browser's login session.

Token requests carry no cookies and need no CSRF token. Session requests are CSRF-checked for
unsafe methods (POST/PATCH/PUT/DELETE), exactly like a form post on the pages.
"""

from django.conf import settings
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from dangjian.accounts.selectors import token_for_key
from dangjian.accounts.tokens import token_for  # noqa: F401 (issued by accounts, checked here)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
CSRF_FAILED = "CSRF 校验失败：网页会话提交的请求须带 X-CSRFToken 请求头（或改用 Bearer 令牌）"


class BearerToken(HttpBearer):
    """Authorization: Bearer <token> (see `dangjian token USERNAME`)."""

    def authenticate(self, request, token):
        if not token:
            return None
        found = token_for_key(token)
        if found:
            from dangjian.accounts.services import token_used

            if found.is_expired():
                raise HttpError(401, token_expired_message(found))

            refusal = token_used(found, request.path)  # notes last use; 403 until an initial password is changed
            if refusal:
                raise HttpError(403, refusal)
            request.user = found.user
            return found.user
        return None


class SessionAuth(APIKeyCookie):
    """The browser's login session; unsafe methods must pass Django's CSRF check.

    ninja's APIKeyCookie checks CSRF before it even looks at the cookie, which would answer an
    anonymous POST with 403 instead of 401. Here the check runs only for a logged-in session.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise HttpError(403, CSRF_FAILED)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if key and user is not None and user.is_authenticated and user.is_active else None


def token_expired_message(token) -> str:
    day = timezone.localtime(token.expires_at).date()
    return (
        f"API 令牌已于 {day.year}年{day.month}月{day.day}日过期（有效期 {settings.DANGJIAN_API_TOKEN_DAYS} 天）："
        "请登录网页，在“我的账号 → API 令牌”重新生成，或请管理员运行 dangjian token 用户名"
    )
